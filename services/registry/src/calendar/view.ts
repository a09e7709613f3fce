import { createCalendar, DEFAULT_CALENDAR, type WorkingDayCalendar } from '@peiyu/policy';
import type { CalendarState } from './decide';

const SOURCE_LABELS = { 'built-in': '内置数据', published: '已发布', provisional: '暂定（仅法定节假日）' };

/** Weekdays off in a year: for a provisional year, the statutory days the rule computes. */
function weekdaysOff(year: number, calendar: WorkingDayCalendar): string[] {
  const out: string[] = [];
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const iso = d.toISOString().slice(0, 10);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !calendar.isWorkingDay(iso)) out.push(iso);
  }
  return out;
}

/** A year of the calendar as the API answers it: where its days come from, and whether it is provisional. */
export function calendarView(year: number, state: CalendarState, version: number) {
  const calendar = state ? createCalendar({ arrangements: [state.arrangement] }) : DEFAULT_CALENDAR;
  const source = calendar.yearSource(year);
  const official = calendar.arrangementFor(year);
  return {
    year,
    source: source.kind,
    sourceLabel: SOURCE_LABELS[source.kind],
    provisional: source.provisional,
    reference: source.reference,
    holidays: official ? [...official.holidays] : weekdaysOff(year, calendar),
    workdays: official ? [...official.workdays] : [],
    publishedOn: state?.publishedOn ?? null,
    corrections: state?.corrections ?? 0,
    version,
  };
}
