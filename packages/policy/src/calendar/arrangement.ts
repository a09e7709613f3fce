import { toDayNumber, weekday, type IsoDate } from '../core/dates';

/**
 * A year's official holiday arrangement (国务院办公厅关于YYYY年部分节假日安排的通知) as the admin publishes it:
 * the days off (statutory days and the days moved into them) and the adjusted working weekends (调休上班).
 */
export interface HolidayArrangement {
  readonly year: number;
  /** Days off, weekdays or weekend days inside a holiday block. */
  readonly holidays: readonly IsoDate[];
  /** Saturdays and Sundays that are working days (调休). */
  readonly workdays: readonly IsoDate[];
  /** The notice's document reference, e.g. 国办发明电〔2025〕7号. */
  readonly reference: string;
}

/** One field-level problem, shaped for an RFC 9457 `errors` entry. */
export interface FieldProblem {
  /** Dotted path into the input, e.g. 'workdays.2'. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Years an arrangement may be published for (the calendar answers 2008–2099; data before 2008 is built in). */
export const ARRANGEMENT_YEARS = { from: 2000, to: 2099 } as const;

function dateProblems(
  field: 'holidays' | 'workdays',
  dates: readonly unknown[],
  year: number,
): { problems: FieldProblem[]; valid: Set<IsoDate> } {
  const problems: FieldProblem[] = [];
  const valid = new Set<IsoDate>();
  dates.forEach((d, i) => {
    const path = `${field}.${i}`;
    try {
      toDayNumber(d as IsoDate);
    } catch {
      problems.push({
        path,
        code: 'calendar.date-invalid',
        message: `${String(d)} is not a date YYYY-MM-DD`,
      });
      return;
    }
    const date = d as IsoDate;
    if (Number(date.slice(0, 4)) !== year) {
      problems.push({ path, code: 'calendar.date-outside-year', message: `${date} is not in ${year}` });
    } else if (valid.has(date)) {
      problems.push({ path, code: 'calendar.date-duplicate', message: `${date} is listed twice` });
    } else if (field === 'workdays' && weekday(date) !== 0 && weekday(date) !== 6) {
      // 调休: only a weekend day can be moved into a working day; a weekday is one already.
      problems.push({
        path,
        code: 'calendar.workday-not-weekend',
        message: `${date} is not a Saturday or Sunday`,
      });
    }
    valid.add(date);
  });
  return { problems, valid };
}

/**
 * Checks an arrangement before it is published; an empty list means valid. Dates must lie in the year, no date
 * may be both a holiday and a working day, 调休 working days must fall on weekends, a year has at least one
 * holiday (1 January is statutory), and the notice's reference is required.
 */
export function validateArrangement(input: HolidayArrangement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { year } = input;
  if (!Number.isSafeInteger(year) || year < ARRANGEMENT_YEARS.from || year > ARRANGEMENT_YEARS.to) {
    return [
      {
        path: 'year',
        code: 'calendar.year',
        message: `year must be an integer ${ARRANGEMENT_YEARS.from}–${ARRANGEMENT_YEARS.to}`,
      },
    ];
  }
  if (typeof input.reference !== 'string' || input.reference.trim() === '') {
    problems.push({
      path: 'reference',
      code: 'calendar.reference-missing',
      message: 'the notice reference is required',
    });
  }
  const holidays = Array.isArray(input.holidays) ? input.holidays : [];
  const workdays = Array.isArray(input.workdays) ? input.workdays : [];
  if (holidays.length === 0) {
    problems.push({
      path: 'holidays',
      code: 'calendar.no-holidays',
      message: 'a year has at least one holiday',
    });
  }
  const off = dateProblems('holidays', holidays, year);
  const on = dateProblems('workdays', workdays, year);
  problems.push(...off.problems, ...on.problems);
  workdays.forEach((d, i) => {
    if (off.valid.has(d)) {
      problems.push({
        path: `workdays.${i}`,
        code: 'calendar.date-both',
        message: `${d} is listed as a holiday and as a working day`,
      });
    }
  });
  return problems;
}

const sameDays = (a: readonly IsoDate[], b: readonly IsoDate[]): boolean => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((d, i) => d === y[i]);
};

/** Whether two arrangements list the same days (the reference may be spelt differently). */
export function sameArrangementDays(a: HolidayArrangement, b: HolidayArrangement): boolean {
  return a.year === b.year && sameDays(a.holidays, b.holidays) && sameDays(a.workdays, b.workdays);
}

export type PublicationDecision =
  | { readonly ok: true; readonly action: 'publish' | 'correct' | 'unchanged' }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/**
 * What publishing `candidate` means given the arrangement already in force for that year (published or built
 * in): a first publication, a repeat of the same days (nothing to do), or a correction — which is refused
 * unless it is explicitly asked for with a reason, so a second, different notice cannot slip in by mistake.
 */
export function decidePublication(
  current: HolidayArrangement | undefined,
  candidate: HolidayArrangement,
  correction?: { readonly reason: string },
): PublicationDecision {
  const problems = validateArrangement(candidate);
  if (correction !== undefined && correction.reason.trim() === '') {
    problems.push({
      path: 'reason',
      code: 'calendar.correction-reason',
      message: 'a correction needs a reason',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (current === undefined) return { ok: true, action: 'publish' };
  if (sameArrangementDays(current, candidate) && correction === undefined) {
    return { ok: true, action: 'unchanged' };
  }
  if (correction === undefined) {
    return {
      ok: false,
      problems: [
        {
          path: 'year',
          code: 'calendar.already-published',
          message: `${candidate.year} already has an arrangement (${current.reference}); publish a correction with a reason`,
        },
      ],
    };
  }
  return { ok: true, action: 'correct' };
}
