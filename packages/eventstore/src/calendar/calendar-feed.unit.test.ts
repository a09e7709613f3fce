import { workingCalendarStreamId } from '@peiyu/contracts';
import { addWorkingDays } from '@peiyu/policy';
import type { EventEnvelope } from '../types';
import { CalendarFeed, type CalendarChange } from './calendar-feed';

const ARRANGEMENT = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-04'],
  workdays: [],
  reference: 'EXAMPLE — not an official notice',
};

function published(version: number, data: object, type = 'WorkingCalendarPublished'): EventEnvelope {
  return {
    eventId: `e-${version}`,
    streamId: workingCalendarStreamId(2027),
    streamVersion: version,
    type,
    schemaVersion: 1,
    data,
  } as unknown as EventEnvelope;
}

describe('CalendarFeed: the calendar a service computes deadlines with', () => {
  it('counts 2027 provisionally until an arrangement arrives, then with the published days', async () => {
    const feed = new CalendarFeed();
    const changes: CalendarChange[] = [];
    feed.onChange((c) => void changes.push(c));
    expect(addWorkingDays('2026-12-28', 10, feed.current())).toMatchObject({
      date: '2027-01-12',
      provisional: true,
    });
    expect(await feed.apply(published(1, { ...ARRANGEMENT, publishedOn: '2026-12-20' }))).toBe(true);
    expect(addWorkingDays('2026-12-28', 10, feed.current())).toMatchObject({
      date: '2027-01-13',
      provisional: false,
    });
    expect(changes.map((c) => [c.year, c.reference])).toEqual([[2027, ARRANGEMENT.reference]]);
  });

  it('ignores a redelivered or older event, and applies a correction', async () => {
    const feed = new CalendarFeed();
    await feed.apply(published(1, { ...ARRANGEMENT, publishedOn: '2026-12-20' }));
    expect(await feed.apply(published(1, { ...ARRANGEMENT, publishedOn: '2026-12-20' }))).toBe(false);
    const corrected = { ...ARRANGEMENT, holidays: ['2027-01-01'], reference: 'EXAMPLE correction' };
    expect(await feed.apply(published(2, corrected, 'WorkingCalendarCorrected'))).toBe(true);
    expect(feed.current().isWorkingDay('2027-01-04')).toBe(true);
  });

  it('keeps the calendar when a listener fails', async () => {
    const feed = new CalendarFeed();
    feed.onChange(() => {
      throw new Error('store down');
    });
    await feed.apply(published(1, { ...ARRANGEMENT, publishedOn: '2026-12-20' }));
    expect(feed.current().yearSource(2027).kind).toBe('published');
  });
});
