import { decidePublication, validateArrangement, type HolidayArrangement } from './arrangement';
import { createCalendar } from './calendar';

/** Shaped like a State Council notice; the days are invented for the test. */
const a2027: HolidayArrangement = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'],
  workdays: ['2027-02-13'],
  reference: '国办发明电〔2026〕99号 (test)',
};

const codes = (a: HolidayArrangement) => validateArrangement(a).map((p) => `${p.path} ${p.code}`);

describe('validateArrangement (people-and-places.md: publishing validates the file)', () => {
  it('accepts a well-formed arrangement', () => {
    expect(validateArrangement(a2027)).toEqual([]);
  });

  it.each([
    [{ holidays: [...a2027.holidays, '2028-01-01'] }, ['holidays.6 calendar.date-outside-year']],
    [{ workdays: ['2026-12-26'] }, ['workdays.0 calendar.date-outside-year']],
    [{ holidays: ['2027-02-30'] }, ['holidays.0 calendar.date-invalid']],
    [{ workdays: ['2027-02-13', '2027-02-13'] }, ['workdays.1 calendar.date-duplicate']],
    // 调休 working days fall on weekends: 2027-02-10 is a Wednesday.
    [{ workdays: ['2027-02-10'] }, ['workdays.0 calendar.workday-not-weekend']],
    // no date both a holiday and a working day: 2027-02-06 is a Saturday listed both ways.
    [{ workdays: ['2027-02-06'] }, ['workdays.0 calendar.date-both']],
    [{ reference: '  ' }, ['reference calendar.reference-missing']],
    [{ holidays: [] }, ['holidays calendar.no-holidays']],
    [{ year: 1999 }, ['year calendar.year']],
  ] as [Partial<HolidayArrangement>, string[]][])('%j → %j', (change, expected) => {
    expect(codes({ ...a2027, ...change })).toEqual(expected);
  });
});

describe('decidePublication: one arrangement a year unless explicitly corrected with a reason', () => {
  it('publishes a first arrangement', () => {
    expect(decidePublication(undefined, a2027)).toEqual({ ok: true, action: 'publish' });
  });

  it('treats the same days again as unchanged (idempotent), whatever the reference spelling', () => {
    expect(
      decidePublication(a2027, { ...a2027, reference: 'x', holidays: [...a2027.holidays].reverse() }),
    ).toEqual({
      ok: true,
      action: 'unchanged',
    });
  });

  it('refuses a second, different arrangement without a correction', () => {
    const r = decidePublication(a2027, { ...a2027, workdays: [] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(['calendar.already-published']);
  });

  it('accepts it as a correction with a reason, and refuses a correction without one', () => {
    expect(decidePublication(a2027, { ...a2027, workdays: [] }, { reason: 'notice corrected' })).toEqual({
      ok: true,
      action: 'correct',
    });
    const r = decidePublication(a2027, { ...a2027, workdays: [] }, { reason: ' ' });
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['reason']);
  });

  it('a year the shipped data covers counts as already published', () => {
    const current = createCalendar().arrangementFor(2026);
    expect(current).toBeDefined();
    const r = decidePublication(current, {
      year: 2026,
      holidays: ['2026-01-01'],
      workdays: [],
      reference: 'x',
    });
    expect(r.ok).toBe(false);
  });
});
