import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CALENDAR, type HolidayArrangement } from '@peiyu/policy';
import { noticeView, stillProvisional } from './views';

const example = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'arrangement-2027.example.json'), 'utf8'),
) as HolidayArrangement & { _comment?: string };
const { _comment, ...arrangement } = example;
const published = DEFAULT_CALENDAR.withArrangement(arrangement);

// Found walking the README (issue 11 §5): after `npm run calendar -- publish 2027`, a deadline whose recount
// did not move still said `dueOnProvisional: true`. people-and-places.md: once the year is official, it is firm.
describe('provisional flags as of the calendar in force', () => {
  it('stays provisional while a year it spans has no official arrangement', () => {
    expect(stillProvisional(true, '2026-12-28', '2027-01-05', DEFAULT_CALENDAR)).toBe(true);
  });
  it('is firm once every year it spans is official (the recount kept the date)', () => {
    expect(stillProvisional(true, '2026-12-28', '2027-01-05', published)).toBe(false);
    expect(
      noticeView(
        { openedOn: '2027-01-16', endsOn: '2027-01-29', workingDays: 10, provisional: true },
        published,
      ),
    ).toMatchObject({ provisional: false });
  });
  it('never makes a recorded firm deadline provisional, and keeps the record without a calendar', () => {
    expect(stillProvisional(false, '2027-01-04', '2027-01-08', DEFAULT_CALENDAR)).toBe(false);
    expect(stillProvisional(true, '2027-01-04', '2027-01-08')).toBe(true);
  });
});
