import fc from 'fast-check';
import { addDays } from '../core/dates';
import { addWorkingDays, createCalendar } from './calendar';
import { recomputeDeadline } from './recompute';

/** Invented test arrangements for 2027 (not the real notice). */
const longNewYear = createCalendar().withArrangement({
  year: 2027,
  holidays: ['2027-01-01', '2027-01-04', '2027-01-05'],
  workdays: [],
  reference: 'test-long',
});
const workedSaturday = createCalendar().withArrangement({
  year: 2027,
  holidays: ['2027-01-01'],
  workdays: ['2027-01-09'],
  reference: 'test-short',
});

describe('recomputeDeadline: "a deadline may move later, never earlier" (people-and-places.md, 工作日)', () => {
  const start = '2026-12-28';
  const provisional = addWorkingDays(start, 10);

  it('starts from a provisional deadline', () => {
    expect(provisional).toMatchObject({ date: '2027-01-12', provisional: true });
  });

  it('moves the deadline later when the published calendar has more days off', () => {
    const r = recomputeDeadline({ startOn: start, workingDays: 10, dueOn: provisional.date }, longNewYear);
    expect(r).toMatchObject({
      previousDueOn: '2027-01-12',
      recomputedOn: '2027-01-14',
      dueOn: '2027-01-14',
      moved: true,
      provisional: false,
    });
  });

  it('keeps the old date when the published calendar would end earlier (never shortened)', () => {
    const r = recomputeDeadline({ startOn: start, workingDays: 10, dueOn: provisional.date }, workedSaturday);
    expect(r).toMatchObject({ recomputedOn: '2027-01-11', dueOn: '2027-01-12', moved: false });
  });

  it('does not move a deadline the calendar does not change', () => {
    const r = recomputeDeadline({ startOn: '2026-03-02', workingDays: 5, dueOn: '2026-03-09' });
    expect(r).toMatchObject({ dueOn: '2026-03-09', moved: false, provisional: false });
  });
});

describe('recomputeDeadline never shortens and always lands on a working day (property)', () => {
  it('for any start 2026-12-01…2027-12-31, any n ≤ 30 and any valid 2027 arrangement', () => {
    const dayOf2027 = fc.integer({ min: 0, max: 364 }).map((k) => addDays('2027-01-01', k));
    const weekendOf2027 = dayOf2027.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 395 }).map((k) => addDays('2026-12-01', k)),
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(dayOf2027, { minLength: 1, maxLength: 40 }),
        fc.uniqueArray(weekendOf2027, { maxLength: 8 }),
        (startOn, n, holidays, workdays) => {
          const arrangement = {
            year: 2027,
            holidays,
            workdays: workdays.filter((d) => !holidays.includes(d)),
            reference: 'property',
          };
          const before = addWorkingDays(startOn, n);
          const cal = createCalendar().withArrangement(arrangement);
          const r = recomputeDeadline({ startOn, workingDays: n, dueOn: before.date }, cal);
          expect(r.dueOn >= before.date).toBe(true);
          expect(r.dueOn >= r.recomputedOn).toBe(true);
          expect(cal.isWorkingDay(r.dueOn)).toBe(true);
          expect(r.moved).toBe(r.dueOn > before.date);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a kept date that became a holiday runs to the next working day (民法典 第二百零三条)', () => {
    // Provisionally 2027-01-12 (Tuesday); the test notice makes a Saturday a working day (count ends 1-11)
    // and 1-12 a holiday: the deadline is not shortened to 1-11 and not left on a holiday — it is 1-13.
    const cal = createCalendar().withArrangement({
      year: 2027,
      holidays: ['2027-01-01', '2027-01-12'],
      workdays: ['2027-01-09'],
      reference: 'test',
    });
    const r = recomputeDeadline({ startOn: '2026-12-28', workingDays: 10, dueOn: '2027-01-12' }, cal);
    expect(r).toMatchObject({ recomputedOn: '2027-01-11', dueOn: '2027-01-13', moved: true });
  });
});
