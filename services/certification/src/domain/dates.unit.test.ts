import { addDays, addMonths, annualReportDueOn, validUntilOf, yearOf } from './dates';

describe('dates', () => {
  it('makes a certificate valid 3 years from the issue date, the last day included', () => {
    expect(validUntilOf('2023-12-08')).toBe('2026-12-07');
    expect(validUntilOf('2024-02-29')).toBe('2027-02-27');
    expect(validUntilOf('2022-01-01')).toBe('2024-12-31');
  });

  it('counts 3 months to the same day, or the month end when the day does not exist', () => {
    expect(addMonths('2023-01-31', 3)).toBe('2023-04-30');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2023-03-15', 3)).toBe('2023-06-15');
  });

  it('puts the annual report due date at the end of May of the next year', () => {
    expect(annualReportDueOn(2022)).toBe('2023-05-31');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(yearOf('2023-12-31')).toBe(2023);
    expect(() => yearOf('2023/12/31')).toThrow(RangeError);
  });
});
