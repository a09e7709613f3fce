import { allEvents } from './index';

const arrangement = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-05'],
  workdays: ['2027-02-13'],
  reference: '国办发明电〔2026〕99号 (test)',
};

describe('working-calendar events (people-and-places.md, 工作日)', () => {
  const r = allEvents();

  it('a publication carries the year, days and the notice reference', () => {
    const data = { ...arrangement, publishedOn: '2026-11-30' };
    expect(r.decode({ type: 'WorkingCalendarPublished', schemaVersion: 1, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'WorkingCalendarPublished', schemaVersion: 1, data: { ...data, reference: ' ' } }),
    ).toThrow(/reference/);
  });

  it('a correction needs a reason and names what it corrects', () => {
    const data = {
      ...arrangement,
      correctedOn: '2026-12-02',
      previousReference: 'earlier',
      reason: 'typo in the notice',
    };
    expect(r.decode({ type: 'WorkingCalendarCorrected', schemaVersion: 1, data }).data).toEqual(data);
    const { reason: _reason, ...noReason } = data;
    expect(() => r.decode({ type: 'WorkingCalendarCorrected', schemaVersion: 1, data: noReason })).toThrow(
      /reason/,
    );
  });
});

describe('deadline moved events: later, never earlier', () => {
  const r = allEvents();
  const moved = { calendarYear: 2027, calendarReference: 'ref', movedOn: '2026-12-01', provisional: false };

  it('ReviewDueDateMoved carries both dates', () => {
    const data = {
      evaluationId: 'e-1',
      uscc: '91410402MA9G5K2X8R',
      year: 2026,
      previousDueOn: '2027-01-05',
      dueOn: '2027-01-07',
      ...moved,
    };
    expect(r.decode({ type: 'ReviewDueDateMoved', schemaVersion: 1, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'ReviewDueDateMoved', schemaVersion: 1, data: { ...data, dueOn: '2027-01-04' } }),
    ).toThrow(/dueOn/);
  });

  it('PublicNoticeEndMoved refuses an end that does not move later', () => {
    const data = { batchId: 'b-1', previousEndsOn: '2027-01-12', endsOn: '2027-01-14', ...moved };
    expect(r.decode({ type: 'PublicNoticeEndMoved', schemaVersion: 1, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'PublicNoticeEndMoved', schemaVersion: 1, data: { ...data, endsOn: '2027-01-12' } }),
    ).toThrow(/endsOn/);
  });
});
