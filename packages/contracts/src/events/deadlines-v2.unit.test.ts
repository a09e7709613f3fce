import { allEvents, withCalendarAwareDeadlines } from './index';

describe('calendar-aware deadline events (v2)', () => {
  const r = allEvents();
  const opened = { batchId: 'b-1', openedOn: '2026-12-28', endsOn: '2027-01-12', workingDays: 10 };

  it('a v2 notice says whether its end was counted through a provisional year', () => {
    const data = { ...opened, provisional: true, calendarReferences: ['statutory rule 2027'] };
    expect(r.decode({ type: 'PublicNoticeOpened', schemaVersion: 2, data })).toEqual({
      type: 'PublicNoticeOpened',
      schemaVersion: 2,
      data,
    });
    const { provisional: _p, ...without } = data;
    expect(() => r.decode({ type: 'PublicNoticeOpened', schemaVersion: 2, data: without })).toThrow(
      /provisional/,
    );
    expect(() =>
      r.decode({ type: 'PublicNoticeOpened', schemaVersion: 2, data: { ...data, extra: 1 } }),
    ).toThrow();
  });

  it('a v1 event is read as v2, never provisional (the old calendar refused years without data)', () => {
    const d = r.decode({ type: 'PublicNoticeOpened', schemaVersion: 1, data: opened });
    expect(d.schemaVersion).toBe(2);
    expect(d.data).toMatchObject({ ...opened, provisional: false });
    const sentBack = r.decode({
      type: 'SentBackByProvince',
      schemaVersion: 1,
      data: {
        evaluationId: 'e-1',
        uscc: '91410402MA9G5K2X8R',
        year: 2026,
        sentBackOn: '2026-03-02',
        reason: 'missing seal',
        dueOn: '2026-03-09',
      },
    });
    expect(sentBack.data).toMatchObject({ reviewWorkingDays: 5, provisional: false });
  });

  it('allEvents() writes v2: every reader decodes what assessment emits', () => {
    expect(allEvents().latestVersion('PublicNoticeOpened')).toBe(2);
    expect(r.latestVersion('SmeEvaluationSubmitted')).toBe(2);
  });
});

describe('withCalendarAwareDeadlines', () => {
  it('is a no-op on a registry that has the v2 events already', () => {
    const r = allEvents();
    expect(withCalendarAwareDeadlines(r)).toBe(r);
    expect(r.latestVersion('SentBackByProvince')).toBe(2);
  });
});
