import { CalendarDataError, PolicyInputError, requireNonNegativeInteger } from '../core/errors';
import { fromDayNumber, toDayNumber, type IsoDate } from '../core/dates';
import { validateArrangement, type FieldProblem, type HolidayArrangement } from './arrangement';
import { BUILT_IN_CALENDAR_SOURCE, builtInYears } from './builtin';
import { provisionalYearSupported, statutoryHolidays } from './statutory';

/** Where a year's days come from: the shipped data, an arrangement the admin published, or the statutory rule. */
export interface YearSource {
  readonly year: number;
  readonly kind: 'built-in' | 'published' | 'provisional';
  readonly provisional: boolean;
  /** The notice's reference, the data package, or the statutory rule used. */
  readonly reference: string;
}

export interface WorkingDayCalendar {
  /** Whether `date` is a working day; throws only CalendarDataError for a year outside 2008–2099 without data. */
  readonly isWorkingDay: (date: IsoDate) => boolean;
  readonly yearSource: (year: number) => YearSource;
  /** The official arrangement of a year (built in or published), if any. */
  readonly arrangementFor: (year: number) => HolidayArrangement | undefined;
  /** A new calendar with this arrangement added (replacing the year's previous one: a correction). */
  readonly withArrangement: (arrangement: HolidayArrangement) => WorkingDayCalendar;
  /** Years with an official arrangement, ascending; every other supported year is provisional. */
  readonly officialYears: readonly number[];
  readonly source: string;
}

export interface CalendarOptions {
  /** Use the built-in (chinese-days) table; default true. */
  readonly builtIn?: boolean;
  /** Published arrangements in publication order; a later one for the same year replaces the earlier. */
  readonly arrangements?: readonly HolidayArrangement[];
}

/** An arrangement that fails validation, with its field-level problems. */
export class ArrangementError extends PolicyInputError {
  readonly problems: readonly FieldProblem[];
  constructor(problems: readonly FieldProblem[]) {
    super('calendar.arrangement-invalid', problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'ArrangementError';
    this.problems = problems;
  }
}

interface YearSets {
  readonly source: YearSource;
  readonly off: ReadonlySet<IsoDate>;
  readonly on: ReadonlySet<IsoDate>;
}

function builtInArrangements(): Map<number, HolidayArrangement> {
  const out = new Map<number, HolidayArrangement>();
  for (const [year, days] of builtInYears()) {
    out.set(year, {
      year,
      holidays: days.holidays,
      workdays: days.workingWeekends,
      reference: `${BUILT_IN_CALENDAR_SOURCE} (国务院办公厅关于${year}年部分节假日安排的通知)`,
    });
  }
  return out;
}

function provisionalSets(year: number): YearSets {
  const s = statutoryHolidays(year);
  const source: YearSource = { year, kind: 'provisional', provisional: true, reference: s.ref };
  return { source, off: new Set([...s.statutory, ...s.makeUp]), on: new Set() };
}

function build(official: ReadonlyMap<number, HolidayArrangement>, published: ReadonlySet<number>) {
  const cache = new Map<number, YearSets>();
  const setsFor = (year: number): YearSets => {
    let sets = cache.get(year);
    if (!sets) {
      const a = official.get(year);
      if (a) {
        const kind = published.has(year) ? 'published' : 'built-in';
        sets = {
          source: { year, kind, provisional: false, reference: a.reference },
          off: new Set(a.holidays),
          on: new Set(a.workdays),
        };
      } else if (provisionalYearSupported(year)) {
        sets = provisionalSets(year);
      } else {
        throw new CalendarDataError(year);
      }
      cache.set(year, sets); // a memo of a pure function of the immutable inputs
    }
    return sets;
  };
  return { setsFor };
}

export function createCalendar(options: CalendarOptions = {}): WorkingDayCalendar {
  const official = options.builtIn === false ? new Map<number, HolidayArrangement>() : builtInArrangements();
  const published = new Set<number>();
  const arrangements = options.arrangements ?? [];
  for (const a of arrangements) {
    const problems = validateArrangement(a);
    if (problems.length > 0) throw new ArrangementError(problems);
    const copy: HolidayArrangement = {
      year: a.year,
      holidays: [...a.holidays].sort(),
      workdays: [...a.workdays].sort(),
      reference: a.reference.trim(),
    };
    official.set(a.year, Object.freeze(copy));
    published.add(a.year);
  }
  const base = `${options.builtIn === false ? 'none' : BUILT_IN_CALENDAR_SOURCE}`;
  const source = arrangements.length > 0 ? `${base} + ${arrangements.length} published` : base;
  const { setsFor } = build(official, published);
  const isWorkingDay = (date: IsoDate): boolean => {
    const day = toDayNumber(date); // validates once; the rest reads the checked text and day number
    const sets = setsFor(Number(date.slice(0, 4)));
    if (sets.on.has(date)) return true;
    if (sets.off.has(date)) return false;
    const wd = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
    return wd !== 0 && wd !== 6;
  };
  const calendar: WorkingDayCalendar = {
    isWorkingDay,
    yearSource: (year) => setsFor(year).source,
    arrangementFor: (year) => official.get(year),
    withArrangement: (a) => createCalendar({ builtIn: options.builtIn, arrangements: [...arrangements, a] }),
    officialYears: [...official.keys()].sort((a, b) => a - b),
    source,
  };
  return Object.freeze(calendar);
}

export const DEFAULT_CALENDAR: WorkingDayCalendar = createCalendar();

/** A date computed in working days, saying whether any year it crossed had only a provisional calendar. */
export interface WorkingDate {
  readonly date: IsoDate;
  /** True when a day counted lies in a year without an official arrangement (statutory days only). */
  readonly provisional: boolean;
  /** The source of every year the count crossed, for traces. */
  readonly sources: readonly YearSource[];
}

/** How a deadline event names a year's calendar source (`2027 provisional: …`), at most 300 characters. */
export function calendarReferenceOf(s: YearSource): string {
  return `${s.year} ${s.kind}: ${s.reference}`.slice(0, 300);
}

/** Whether `date` is a working day in mainland China (weekends off unless adjusted; public holidays off). */
export function isWorkingDay(date: IsoDate, calendar: WorkingDayCalendar = DEFAULT_CALENDAR): boolean {
  return calendar.isWorkingDay(date);
}

/** Whether `date` is a working day, and whether that answer rests on a provisional year. */
export function workingDayOn(
  date: IsoDate,
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): { readonly date: IsoDate; readonly working: boolean; readonly provisional: boolean } {
  const working = calendar.isWorkingDay(date);
  return { date, working, provisional: calendar.yearSource(Number(date.slice(0, 4))).provisional };
}

/** A bound on n that no legal deadline comes near (about 4 years of working days); stops runaway loops. */
export const MAX_WORKING_DAYS = 1000;

/**
 * The n-th working day after `date`; the start date itself is not counted, so a 10-working-day notice opened
 * on 2024-09-27 ends on 2024-10-16. n = 0 returns `date` unchanged (and is provisional only if its year is).
 */
export function addWorkingDays(
  date: IsoDate,
  n: number,
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): WorkingDate {
  let day = toDayNumber(date);
  let left = requireNonNegativeInteger('n', n);
  if (left > MAX_WORKING_DAYS)
    throw new PolicyInputError('input.too-large', `n must be at most ${MAX_WORKING_DAYS}, got ${n}`);
  let current = date;
  const years = new Set<number>([Number(date.slice(0, 4))]);
  if (left > 0) years.clear(); // the start day is not counted; only the days stepped over are
  while (left > 0) {
    day += 1;
    current = fromDayNumber(day);
    years.add(Number(current.slice(0, 4)));
    if (calendar.isWorkingDay(current)) left -= 1;
  }
  const sources = [...years].sort((a, b) => a - b).map((y) => calendar.yearSource(y));
  return { date: current, provisional: sources.some((s) => s.provisional), sources };
}
