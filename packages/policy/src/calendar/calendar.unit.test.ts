import { WorkingCalendarCorrected, WorkingCalendarPublished } from '@peiyu/contracts';
import { CalendarDataError, PolicyInputError } from '../core/errors';
import { addDays } from '../core/dates';
import type { HolidayArrangement } from './arrangement';
import { statutoryHolidays } from './statutory';
import { addWorkingDays, ArrangementError, createCalendar, isWorkingDay, workingDayOn } from './calendar';

describe('addWorkingDays: 10-working-day public notices (official years)', () => {
  it.each([
    ['2024-09-27', '2024-10-16', 'National Day 2024 (9-29 and 10-12 worked)'],
    ['2025-09-26', '2025-10-16', 'National Day 2025 (10-1..10-8 off; 9-28 and 10-11 worked)'],
    ['2025-01-24', '2025-02-13', 'Spring Festival 2025 (1-28..2-4 off; 1-26 and 2-8 worked)'],
    ['2026-02-12', '2026-03-04', 'Spring Festival 2026 (2-15..2-23 off; 2-14 and 2-28 worked)'],
    ['2026-09-29', '2026-10-19', 'National Day 2026 (10-1..10-7 off; 10-10 worked)'],
    ['2025-06-02', '2025-06-16', 'an ordinary fortnight after a holiday Monday'],
  ])('opened %s ends %s — %s', (start, end) => {
    expect(addWorkingDays(start, 10)).toMatchObject({ date: end, provisional: false });
  });

  it('does not count the start date, and n = 0 is the start date', () => {
    expect(addWorkingDays('2025-03-03', 1).date).toBe('2025-03-04');
    expect(addWorkingDays('2025-03-08', 0).date).toBe('2025-03-08');
  });

  it('rejects a negative, fractional or absurd n and a malformed date', () => {
    expect(() => addWorkingDays('2025-03-03', -1)).toThrow(PolicyInputError);
    expect(() => addWorkingDays('2025-03-03', 1.5)).toThrow(PolicyInputError);
    expect(() => addWorkingDays('2025-03-03', 1_000_000)).toThrow(PolicyInputError);
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(PolicyInputError);
  });
});

describe('isWorkingDay (official data)', () => {
  it.each([
    ['2025-09-28', true, 'Sunday worked (调休)'],
    ['2025-10-08', false, 'Wednesday off'],
    ['2025-10-11', true, 'Saturday worked'],
    ['2026-02-14', true, 'Saturday worked before Spring Festival'],
    ['2026-02-23', false, 'Monday off'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2026-03-09', true, 'ordinary Monday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('a year without the official arrangement is provisional (people-and-places.md, 工作日)', () => {
  it('a notice opened on 2026-12-28 runs into 2027 and says so instead of failing', () => {
    // 12-29, 12-30, 12-31; 2027-01-01 (Friday) is New Year's Day; 1-4 … 1-8; 1-11, 1-12.
    const r = addWorkingDays('2026-12-28', 10);
    expect(r.date).toBe('2027-01-12');
    expect(r.provisional).toBe(true);
    expect(r.sources.map((s) => [s.year, s.kind])).toEqual([
      [2026, 'built-in'],
      [2027, 'provisional'],
    ]);
  });

  it.each([
    ['2027-02-05', false, '除夕 — Spring Festival 4 days from 除夕 (2024 revision)'],
    ['2027-02-08', false, '正月初三'],
    ['2027-02-09', false, '补假 for 初一 on a Saturday (第六条)'],
    ['2027-02-10', false, '补假 for 初二 on a Sunday (第六条)'],
    ['2027-02-11', true, 'the Thursday after'],
    ['2027-04-05', false, 'Qingming (solar term) on a Monday'],
    ['2027-05-03', false, '补假 for 1 May (Saturday)'],
    ['2027-05-04', false, '补假 for 2 May (Sunday)'],
    ['2027-05-05', true, 'Wednesday after Labour Day'],
    ['2027-06-09', false, 'Dragon Boat, 五月初五'],
    ['2027-09-15', false, 'Mid-Autumn, 八月十五'],
    ['2027-10-04', false, '补假 for 2 October (Saturday)'],
    ['2027-10-05', false, '补假 for 3 October (Sunday)'],
    ['2027-10-06', true, 'Wednesday after National Day'],
  ])('2027: %s working=%s (%s)', (date, working) => {
    expect(workingDayOn(date)).toEqual({ date, working, provisional: true });
  });

  it('every statutory day of 2008–2026 is a day off in the official data (checks the lunar dates and revisions)', () => {
    const official = createCalendar();
    const worked: string[] = [];
    let checked = 0;
    for (let y = 2008; y <= 2026; y++) {
      for (const d of statutoryHolidays(y).statutory) {
        checked += 1;
        if (official.isWorkingDay(d)) worked.push(d);
      }
    }
    expect(worked).toEqual([]);
    // 11 statutory days a year before 2025 and 13 after (one fewer when Mid-Autumn falls on 1–3 October).
    expect(checked).toBeGreaterThanOrEqual(17 * 10 + 2 * 12);
  });

  it('refuses only dates outside 2008–2099 that have no data', () => {
    expect(() => isWorkingDay('2100-03-01')).toThrow(CalendarDataError);
    expect(() => isWorkingDay('2003-06-02')).toThrow(CalendarDataError);
    expect(isWorkingDay('2099-12-31')).toBe(true);
  });
});

/** Test data shaped like a State Council notice; the days are invented for the test, not the real 2027 notice. */
const notice2027: HolidayArrangement = {
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
  ],
  workdays: ['2027-01-09', '2027-02-13'],
  reference: '国办发明电〔2026〕99号 (test)',
};

describe('publishing an official arrangement', () => {
  const published = createCalendar().withArrangement(notice2027);

  it('turns the year official, immutably: the old calendar keeps answering provisionally', () => {
    expect(published.yearSource(2027)).toMatchObject({ kind: 'published', provisional: false });
    expect(published.yearSource(2027).reference).toBe(notice2027.reference);
    expect(createCalendar().yearSource(2027).provisional).toBe(true);
    expect(published.isWorkingDay('2027-01-09')).toBe(true); // a Saturday worked
    expect(published.isWorkingDay('2027-02-09')).toBe(true); // no provisional 补假 once official
    expect(published.officialYears).toContain(2027);
  });

  it('counts with the published days and is no longer provisional', () => {
    // 12-29, 12-30, 12-31; 1-1..1-3 off; 1-4 … 1-8; 1-9 (Saturday worked); 1-11.
    expect(addWorkingDays('2026-12-28', 10, published)).toMatchObject({
      date: '2027-01-11',
      provisional: false,
    });
  });

  it('a later arrangement for the same year replaces the earlier (a correction)', () => {
    const corrected = published.withArrangement({ ...notice2027, workdays: [], reference: 'correction' });
    expect(corrected.isWorkingDay('2027-01-09')).toBe(false);
    expect(corrected.yearSource(2027).reference).toBe('correction');
  });

  it('refuses an invalid arrangement with its field-level problems', () => {
    let error: unknown;
    try {
      createCalendar({ arrangements: [{ ...notice2027, workdays: ['2027-01-04'] }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArrangementError);
    expect((error as ArrangementError).problems.map((p) => p.path)).toEqual(['workdays.0']);
  });
});

describe('agreement with the chinese-days CommonJS entry', () => {
  const chineseDays = require('chinese-days') as { isWorkday: (d: string) => boolean };
  it('gives the same answer for every day of 2024–2026', () => {
    const mismatches: string[] = [];
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (chineseDays.isWorkday(d) !== isWorkingDay(d)) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('folding the calendar events of @peiyu/contracts', () => {
  it('a published then corrected year answers with the correction', () => {
    const published = WorkingCalendarPublished.parse({ ...notice2027, publishedOn: '2026-11-30' });
    const corrected = WorkingCalendarCorrected.parse({
      ...notice2027,
      workdays: [],
      reference: '国办发明电〔2026〕100号 (test)',
      correctedOn: '2026-12-02',
      previousReference: notice2027.reference,
      reason: 'Saturday 1-9 is not worked',
    });
    const cal = createCalendar({ arrangements: [published, corrected] });
    expect(cal.yearSource(2027)).toMatchObject({ kind: 'published', reference: corrected.reference });
    expect(cal.isWorkingDay('2027-01-09')).toBe(false);
  });
});
