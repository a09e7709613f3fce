import { CalendarDataError, PolicyInputError } from '../core/errors';
import { addDays } from '../core/dates';
import { addWorkingDays, createCalendar, isWorkingDay } from './calendar';

describe('addWorkingDays: 10-working-day public notices', () => {
  it.each([
    ['2024-09-27', '2024-10-16', 'National Day 2024 (9-29 and 10-12 worked)'],
    ['2025-09-26', '2025-10-16', 'National Day 2025 (10-1..10-8 off; 9-28 and 10-11 worked)'],
    ['2025-01-24', '2025-02-13', 'Spring Festival 2025 (1-28..2-4 off; 1-26 and 2-8 worked)'],
    ['2026-02-12', '2026-03-04', 'Spring Festival 2026 (2-15..2-23 off; 2-14 and 2-28 worked)'],
    ['2026-09-29', '2026-10-19', 'National Day 2026 (10-1..10-7 off; 10-10 worked)'],
    ['2025-06-02', '2025-06-16', 'an ordinary fortnight after a holiday Monday'],
  ])('opened %s ends %s — %s', (start, end) => {
    expect(addWorkingDays(start, 10)).toBe(end);
  });

  it('does not count the start date, and n = 0 is the start date', () => {
    expect(addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(addWorkingDays('2025-03-08', 0)).toBe('2025-03-08');
  });

  it('rejects a negative or fractional n and a malformed date', () => {
    expect(() => addWorkingDays('2025-03-03', -1)).toThrow(PolicyInputError);
    expect(() => addWorkingDays('2025-03-03', 1.5)).toThrow(PolicyInputError);
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(PolicyInputError);
  });
});

describe('isWorkingDay', () => {
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

  it('refuses a year without data instead of guessing', () => {
    expect(() => isWorkingDay('2027-03-01')).toThrow(CalendarDataError);
    expect(() => addWorkingDays('2026-12-28', 10)).toThrow(CalendarDataError);
    expect(() => isWorkingDay('2003-06-02')).toThrow(CalendarDataError);
  });
});

describe('override tables', () => {
  const cal2027 = createCalendar({
    overrides: {
      2027: { holidays: ['2027-01-01'], workingWeekends: [] },
      2026: { holidays: ['2026-12-31'] },
    },
  });

  it('an admin-added year becomes covered; an added holiday is a day off', () => {
    expect(cal2027.years).toContain(2027);
    expect(addWorkingDays('2026-12-28', 10, cal2027)).toBe('2027-01-13'); // 12-29, 12-30, then 1-4 … 1-8, 1-11 … 1-13
    expect(isWorkingDay('2026-12-31', cal2027)).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(true);
  });

  it('an override can turn a built-in holiday into a working day', () => {
    const cal = createCalendar({ overrides: { 2025: { workingWeekends: ['2025-10-08'] } } });
    expect(isWorkingDay('2025-10-08', cal)).toBe(true);
  });

  it('rejects dates outside their year and dates listed both ways', () => {
    expect(() => createCalendar({ overrides: { 2027: { holidays: ['2028-01-01'] } } })).toThrow(
      PolicyInputError,
    );
    expect(() =>
      createCalendar({ overrides: { 2027: { holidays: ['2027-01-02'], workingWeekends: ['2027-01-02'] } } }),
    ).toThrow(PolicyInputError);
  });

  it('without the built-in table only override years are covered', () => {
    const cal = createCalendar({ builtIn: false, overrides: { 2030: {} } });
    expect(cal.years).toEqual([2030]);
    expect(() => isWorkingDay('2025-01-02', cal)).toThrow(CalendarDataError);
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
