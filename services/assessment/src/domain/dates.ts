/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), without time zones: the rules speak in calendar days. */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * The same month and day `n` years later. 29 February rolls forward to 1 March in a common year, so a
 * period of "n years" from a leap day never ends early.
 */
export function addYears(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const year = y + n;
  if (m === 2 && d === 29 && !isLeap(year)) return `${year}-03-01`;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function yearOf(date: string): number {
  return parts(date)[0];
}
