import { CalendarDataError, PolicyInputError, requireNonNegativeInteger } from '../core/errors';
import { fromDayNumber, type IsoDate, toDayNumber, yearOf } from '../core/dates';
import { BUILT_IN_CALENDAR_SOURCE, builtInYears, type YearDays } from './builtin';

/**
 * An admin's correction or extension for one year. Listed holidays become days off and listed working
 * weekends become working days, on top of the built-in data (or of plain weekends for a year the built-in data
 * does not cover — listing a year here is what makes it covered).
 */
export interface YearOverride {
  readonly holidays?: readonly IsoDate[];
  readonly workingWeekends?: readonly IsoDate[];
}

export type CalendarOverrides = Readonly<Record<number, YearOverride>>;

export interface WorkingDayCalendar {
  readonly isWorkingDay: (date: IsoDate) => boolean;
  /** Years this calendar can answer for, ascending. */
  readonly years: readonly number[];
  readonly source: string;
}

export interface CalendarOptions {
  readonly overrides?: CalendarOverrides;
  /** Use the built-in (chinese-days) table; default true. */
  readonly builtIn?: boolean;
}

interface YearSets {
  readonly off: ReadonlySet<IsoDate>;
  readonly on: ReadonlySet<IsoDate>;
}

function mergeYear(year: number, base: YearDays | undefined, extra: YearOverride | undefined): YearSets {
  const off = new Set(base?.holidays ?? []);
  const on = new Set(base?.workingWeekends ?? []);
  const extraOff = extra?.holidays ?? [];
  const extraOn = extra?.workingWeekends ?? [];
  for (const d of [...extraOff, ...extraOn]) {
    if (yearOf(d) !== year)
      throw new PolicyInputError('calendar.override', `${d} is not in override year ${year}`);
  }
  for (const d of extraOff) {
    if (extraOn.includes(d))
      throw new PolicyInputError('calendar.override', `${d} listed as holiday and working day`);
    on.delete(d);
    off.add(d);
  }
  for (const d of extraOn) {
    off.delete(d);
    on.add(d);
  }
  return { off, on };
}

export function createCalendar(options: CalendarOptions = {}): WorkingDayCalendar {
  const base = options.builtIn === false ? new Map<number, YearDays>() : builtInYears();
  const overrides = options.overrides ?? {};
  const years = new Set<number>([...base.keys(), ...Object.keys(overrides).map(Number)]);
  const merged = new Map<number, YearSets>();
  for (const y of years) {
    if (!Number.isSafeInteger(y)) throw new PolicyInputError('calendar.override', `bad override year ${y}`);
    merged.set(y, mergeYear(y, base.get(y), overrides[y]));
  }
  const isWorkingDay = (date: IsoDate): boolean => {
    const day = toDayNumber(date); // validates once; the rest reads the checked text and day number
    const year = Number(date.slice(0, 4));
    const sets = merged.get(year);
    if (!sets) throw new CalendarDataError(year);
    if (sets.on.has(date)) return true;
    if (sets.off.has(date)) return false;
    const wd = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
    return wd !== 0 && wd !== 6;
  };
  const hasOverrides = Object.keys(overrides).length > 0;
  const source = `${options.builtIn === false ? 'none' : BUILT_IN_CALENDAR_SOURCE}${hasOverrides ? ' + overrides' : ''}`;
  return { isWorkingDay, years: [...years].sort((a, b) => a - b), source };
}

export const DEFAULT_CALENDAR: WorkingDayCalendar = createCalendar();

/** Whether `date` is a working day in mainland China (weekends off unless adjusted; public holidays off). */
export function isWorkingDay(date: IsoDate, calendar: WorkingDayCalendar = DEFAULT_CALENDAR): boolean {
  return calendar.isWorkingDay(date);
}

/**
 * The n-th working day after `date`; the start date itself is not counted, so a 10-working-day notice opened
 * on 2024-09-27 ends on 2024-10-16. n = 0 returns `date` unchanged.
 */
export function addWorkingDays(
  date: IsoDate,
  n: number,
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): IsoDate {
  let day = toDayNumber(date);
  let left = requireNonNegativeInteger('n', n);
  let current = date;
  while (left > 0) {
    day += 1;
    current = fromDayNumber(day);
    if (calendar.isWorkingDay(current)) left -= 1;
  }
  return current;
}
