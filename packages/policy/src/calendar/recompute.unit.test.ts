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
