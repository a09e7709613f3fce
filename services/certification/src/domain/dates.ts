/** Calendar arithmetic on ISO dates (days, not instants: UTC is used only as a day counter). */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);

export const yearOf = (date: string): number => parts(date)[0];

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Same day n months later; a day the target month lacks falls back to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

export const addYears = (date: string, years: number): string => addMonths(date, 12 * years);

/**
 * The last day of validity of a certificate issued on `issuedOn`: valid 3 years from the issue date, so
 * issued 2023-12-08 → valid until 2026-12-07 (hnte.md §6).
 */
export const validUntilOf = (issuedOn: string): string => addDays(addYears(issuedOn, 3), -1);

/** The annual report on `reportYear` is due by the end of May of the following year (32号 第十七条). */
export const annualReportDueOn = (reportYear: number): string => `${reportYear + 1}-05-31`;
