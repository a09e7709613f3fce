import { previousQuarter, quarterEnd, quarterLabel, quarterOf, quarterStart } from './quarters';

describe('quarters', () => {
  it.each([
    [1, '2021-01-01', '2021-03-31'],
    [2, '2021-04-01', '2021-06-30'],
    [3, '2021-07-01', '2021-09-30'],
    [4, '2021-10-01', '2021-12-31'],
  ] as const)('Q%i runs from %s to %s', (quarter, start, end) => {
    expect(quarterStart({ year: 2021, quarter })).toBe(start);
    expect(quarterEnd({ year: 2021, quarter })).toBe(end);
    expect(quarterOf(start)).toEqual({ year: 2021, quarter });
    expect(quarterOf(end)).toEqual({ year: 2021, quarter });
  });

  it('steps back across the year boundary', () => {
    expect(previousQuarter({ year: 2022, quarter: 1 })).toEqual({ year: 2021, quarter: 4 });
    expect(previousQuarter({ year: 2022, quarter: 3 })).toEqual({ year: 2022, quarter: 2 });
  });

  it('labels a quarter in Chinese', () => {
    expect(quarterLabel({ year: 2021, quarter: 2 })).toBe('2021年第二季度');
  });
});
