import type { IsoDate } from '../core/dates';

/**
 * The built-in holiday table comes from `chinese-days` (data of the State Council's yearly notices on public
 * holidays, 2004–2026 in 1.5.7). We read its JSON table rather than its date functions: the functions answer
 * for any year, falling back to plain weekends where the package has no data, and a guessed deadline is worse
 * than an error.
 */
interface ChineseDaysTable {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const table = require('chinese-days/dist/chinese-days.json') as ChineseDaysTable;

export const BUILT_IN_CALENDAR_SOURCE = 'chinese-days@1.5.7';

export interface YearDays {
  /** Days off: statutory holidays and the weekdays moved into them. */
  readonly holidays: readonly IsoDate[];
  /** Adjusted working weekends (调休上班). */
  readonly workingWeekends: readonly IsoDate[];
}

function byYear(dates: readonly string[]): Map<number, IsoDate[]> {
  const out = new Map<number, IsoDate[]>();
  for (const d of dates) {
    const y = Number(d.slice(0, 4));
    const list = out.get(y) ?? [];
    list.push(d);
    out.set(y, list);
  }
  return out;
}

let cached: ReadonlyMap<number, YearDays> | undefined;

/** Years with data, each with its days off and working weekends. A year counts as covered when it has holidays. */
export function builtInYears(): ReadonlyMap<number, YearDays> {
  if (!cached) {
    const holidays = byYear(Object.keys(table.holidays));
    const workdays = byYear(Object.keys(table.workdays));
    cached = new Map(
      [...holidays.entries()].map(([y, h]) => [
        y,
        { holidays: h.sort(), workingWeekends: (workdays.get(y) ?? []).sort() },
      ]),
    );
  }
  return cached;
}
