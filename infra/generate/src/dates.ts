import { addWorkingDays, calendarReferenceOf } from '@peiyu/policy';

const DAY_MS = 86_400_000;

/** Calendar-day arithmetic on ISO dates (UTC, no wall clock). */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfYear(year: number, index: number): string {
  return addDays(`${year}-01-01`, index);
}

/** Working days under the national calendar (holidays and make-up days honoured), as the services count. */
export function workingDays(iso: string, n: number): string {
  return addWorkingDays(iso, n).date;
}

/** The fields a calendar-aware (v2) deadline event records with a deadline of n working days after `iso`. */
export function deadlineFacts(
  iso: string,
  n: number,
): { provisional: boolean; calendarReferences: string[] } {
  const d = addWorkingDays(iso, n);
  return { provisional: d.provisional, calendarReferences: d.sources.map(calendarReferenceOf) };
}

/** The instant of a business event on `iso`: office hours in China (09:00–17:00 +08:00), second `offset`. */
export function instantOn(iso: string, offsetSeconds: number): Date {
  return new Date(Date.parse(`${iso}T01:00:00Z`) + Math.min(offsetSeconds, 8 * 3600 - 1) * 1000);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
