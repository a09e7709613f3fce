import { PolicyInputError } from './errors';

/** ISO calendar date 'YYYY-MM-DD'. Dates are days, not instants: no time zone can shift them. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date; rejects '2025-02-30' and friends. */
export function toDayNumber(date: IsoDate, name = 'date'): number {
  const m = typeof date === 'string' ? ISO.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    if (fromDayNumber(ms / DAY_MS) === date) return ms / DAY_MS;
  }
  throw new PolicyInputError(
    'date.invalid',
    `${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`,
  );
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  toDayNumber(date);
  return Number(date.slice(0, 4));
}
