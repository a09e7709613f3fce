import { LunarDay, SolarTerm, type SolarDay } from 'tyme4ts';
import { addDays, weekday, type IsoDate } from '../core/dates';

/**
 * The statutory public holidays of 《全国年节及纪念日放假办法》, the basis of a provisional calendar for a year
 * whose official arrangement (国务院办公厅关于YYYY年部分节假日安排的通知) is not yet in the system. Lunar dates and
 * the Qingming solar term come from tyme4ts.
 */

/** Years a provisional calendar can be computed for: the 2007 revision took effect in 2008 (Qingming etc.). */
export const PROVISIONAL_FROM_YEAR = 2008;
/** A bound well inside the lunar library's range; later dates are refused (calendar.no-data), never guessed. */
export const PROVISIONAL_TO_YEAR = 2099;

interface Revision {
  readonly fromYear: number;
  readonly ref: string;
  /** Offsets from 正月初一 of the Spring Festival days (-1 = 除夕). */
  readonly springFestival: readonly number[];
  readonly labourDays: number;
}

// Newest first. 国务院令第513号 (2007), 第644号 (2013), 第795号 (2024, in force 2025-01-01).
const REVISIONS: readonly Revision[] = [
  {
    fromYear: 2025,
    ref: '《全国年节及纪念日放假办法》 (国务院令第795号, 2024 revision) 第二条',
    springFestival: [-1, 0, 1, 2],
    labourDays: 2,
  },
  {
    fromYear: 2014,
    ref: '《全国年节及纪念日放假办法》 (国务院令第644号, 2013 revision) 第二条',
    springFestival: [0, 1, 2],
    labourDays: 1,
  },
  {
    fromYear: 2008,
    ref: '《全国年节及纪念日放假办法》 (国务院令第513号, 2007 revision) 第二条',
    springFestival: [-1, 0, 1],
    labourDays: 1,
  },
];

/** 第六条: a holiday for all citizens falling on a Saturday or Sunday is made up on a working day (补假). */
export const MAKE_UP_REF = '《全国年节及纪念日放假办法》 第六条 (适逢周六、周日，应当在工作日补假)';

const iso = (d: SolarDay): IsoDate =>
  `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;

const isWeekend = (d: IsoDate): boolean => {
  const w = weekday(d);
  return w === 0 || w === 6;
};

export interface StatutoryYear {
  readonly year: number;
  /** The statutory days themselves, ascending. */
  readonly statutory: readonly IsoDate[];
  /** Weekdays given off because a statutory day fell on a weekend (补假), ascending. */
  readonly makeUp: readonly IsoDate[];
  readonly ref: string;
}

function revisionFor(year: number): Revision | undefined {
  return REVISIONS.find((r) => year >= r.fromYear);
}

/** Whether a provisional calendar can be computed for `year`. */
export function provisionalYearSupported(year: number): boolean {
  return Number.isSafeInteger(year) && year >= PROVISIONAL_FROM_YEAR && year <= PROVISIONAL_TO_YEAR;
}

function statutoryDays(year: number, r: Revision): IsoDate[] {
  const newYear = LunarDay.fromYmd(year, 1, 1).getSolarDay();
  const labour = Array.from({ length: r.labourDays }, (_, i) => `${year}-05-0${i + 1}`);
  return [
    `${year}-01-01`,
    ...r.springFestival.map((offset) => iso(newYear.next(offset))),
    iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()),
    ...labour,
    iso(LunarDay.fromYmd(year, 5, 5).getSolarDay()),
    iso(LunarDay.fromYmd(year, 8, 15).getSolarDay()),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ];
}

/**
 * The statutory holidays of `year` and their make-up days. 正月初一 falls between 21 January and 20 February,
 * so 除夕 and every other statutory day lie in `year`. A make-up day (补假) is the first weekday after the
 * statutory day that is neither a holiday nor already a make-up day.
 */
export function statutoryHolidays(year: number): StatutoryYear {
  const r = revisionFor(year);
  if (!r || !provisionalYearSupported(year)) {
    return { year, statutory: [], makeUp: [], ref: 'no statutory rule for this year' };
  }
  const statutory = [...new Set(statutoryDays(year, r))].sort();
  const off = new Set(statutory);
  const makeUp: IsoDate[] = [];
  for (const d of statutory) {
    if (!isWeekend(d)) continue;
    let m = addDays(d, 1);
    while (isWeekend(m) || off.has(m)) m = addDays(m, 1);
    off.add(m);
    makeUp.push(m);
  }
  return { year, statutory, makeUp: makeUp.sort(), ref: `${r.ref}; ${MAKE_UP_REF}` };
}
