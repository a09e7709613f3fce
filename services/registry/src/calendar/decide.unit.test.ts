import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deciderSpec } from '@peiyu/eventstore';
import { calendarDecider, type CalendarEvent } from './decide';

// people-and-places.md "The working-day calendar": publishing validates the file and refuses a second,
// different arrangement for the same year unless it is an explicit correction with a reason.
const ctx = { today: '2026-12-20' };
const { given } = deciderSpec(calendarDecider, { ctx });
const A2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-08', '2027-02-09'],
  workdays: ['2027-02-06'],
  reference: 'EXAMPLE — not an official notice',
};
const publish = (arrangement = A2027, correction?: { reason: string }) => ({
  type: 'PublishWorkingCalendar' as const,
  arrangement,
  ...(correction ? { correction } : {}),
});
const published: CalendarEvent = {
  type: 'WorkingCalendarPublished',
  data: { ...A2027, publishedOn: '2026-12-20' },
};

describe('working-calendar publication (registry reference data)', () => {
  it('publishes a first arrangement for a provisional year', () => {
    given([]).when(publish()).then([published]);
  });

  it('records nothing when the same days are published again', () => {
    given([published]).when(publish()).then([]);
  });

  it('refuses a different arrangement without a correction, and accepts it as one with a reason', () => {
    const other = { ...A2027, holidays: ['2027-01-01'], reference: 'EXAMPLE 2' };
    given([published])
      .when(publish(other))
      .thenRejects({ code: 'calendar_already_published', kind: 'conflict' });
    given([published])
      .when(publish(other, { reason: ' ' }))
      .thenRejects('calendar_correction_reason');
    given([published])
      .when(publish(other, { reason: 'typo in the notice' }))
      .then([
        {
          type: 'WorkingCalendarCorrected',
          data: {
            ...other,
            correctedOn: '2026-12-20',
            previousReference: A2027.reference,
            reason: 'typo in the notice',
          },
        },
      ]);
  });

  it('treats a built-in year as published: other days for 2025 need a correction', () => {
    const y2025 = { year: 2025, holidays: ['2025-01-01'], workdays: [], reference: 'x' };
    given([]).when(publish(y2025)).thenRejects('calendar_already_published');
  });

  it.each([
    ['a date outside the year', { holidays: ['2028-01-01'] }, 'holidays.0'],
    ['a 调休 working day on a weekday', { workdays: ['2027-01-06'] }, 'workdays.0'],
    ['a day both off and worked', { workdays: ['2027-01-02'], holidays: ['2027-01-02'] }, 'workdays.0'],
    ['no reference', { reference: '' }, 'reference'],
  ])('refuses %s', (_l, patch, field) => {
    given([])
      .when(publish({ ...A2027, ...patch }))
      .thenRejects({ code: 'calendar_invalid', kind: 'invalid', field });
  });
});

describe('arrangement-2027.example.json (the file the README points to)', () => {
  it('is a valid arrangement, marked as an example', () => {
    const raw = JSON.parse(
      readFileSync(join(__dirname, '../../../../arrangement-2027.example.json'), 'utf8'),
    );
    const { _comment, ...arrangement } = raw as { _comment: string } & typeof A2027;
    expect(_comment).toMatch(/^EXAMPLE ONLY/);
    expect(arrangement.reference).toMatch(/EXAMPLE/);
    const events = given([]).when(publish(arrangement)).events;
    expect(events?.map((e) => e.type)).toEqual(['WorkingCalendarPublished']);
  });
});
