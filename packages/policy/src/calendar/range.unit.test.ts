import { addDays } from '../core/dates';
import { addWorkingDays, createCalendar, type WorkingDayCalendar } from './calendar';

/**
 * issue 11 / people-and-places.md: "A year whose arrangement is not yet in the system must never stop the work
 * or produce a 500." Every start date from 2017-01-01 to 2035-12-31, for the deadlines the rules use.
 */
function sweep(calendar: WorkingDayCalendar): string[] {
  const official = new Set(calendar.officialYears);
  const failures: string[] = [];
  for (let d = '2017-01-01'; d <= '2035-12-31'; d = addDays(d, 1)) {
    for (const n of [1, 5, 10, 20]) {
      const r = addWorkingDays(d, n, calendar);
      if (!calendar.isWorkingDay(r.date)) failures.push(`${d}+${n}: ${r.date} is not a working day`);
      let crossedProvisional = false;
      for (let y = Number(d.slice(0, 4)); y <= Number(r.date.slice(0, 4)); y++) {
        // the start day is not counted, so a start on 31 December does not make its own year count
        const counted = y > Number(d.slice(0, 4)) || d.slice(5) !== '12-31';
        if (counted && !official.has(y)) crossedProvisional = true;
      }
      if (r.provisional !== crossedProvisional) failures.push(`${d}+${n}: provisional=${r.provisional}`);
    }
  }
  return failures;
}

describe('no date from 2017 to 2035 fails', () => {
  it('with the shipped data (official to 2026, provisional after)', () => {
    expect(sweep(createCalendar())).toEqual([]);
  });

  it('with a published 2027 arrangement', () => {
    const cal = createCalendar().withArrangement({
      year: 2027,
      holidays: ['2027-01-01', '2027-02-05', '2027-02-06'],
      workdays: ['2027-02-13'],
      reference: 'test',
    });
    expect(cal.officialYears).toContain(2027);
    expect(sweep(cal)).toEqual([]);
  });
});
