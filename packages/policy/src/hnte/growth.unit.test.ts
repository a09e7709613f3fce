import fc from 'fast-check';
import { PolicyInputError } from '../core/errors';
import { growthIndicator } from './growth';

describe('growthIndicator', () => {
  it.each([
    [[100, 150, 150], 'three-year', '1/4'], // ½ × (1.5 + 1) − 1
    [[100, 100, 100], 'three-year', '0'],
    [[100, 120, 150], 'three-year', '9/40'],
  ])('%j → %s rate %s', (values, method, rateExact) => {
    const g = growthIndicator(values);
    expect(g.method).toBe(method);
    expect(g.rateExact).toBe(rateExact);
  });

  it.each([
    // exact grade edges on a 3-year series where both ratios are equal: rate = r − 1
    [[10_000, 13_500, 18_225], '0.35', 9, 10],
    [[10_000, 13_499, 18_221], null, 7, 8],
    [[10_000, 12_500, 15_625], '0.25', 7, 8],
    [[10_000, 11_500, 13_225], '0.15', 5, 6],
    [[10_000, 10_500, 11_025], '0.05', 3, 4],
    [[10_000, 10_001, 10_002], null, 1, 2],
    [[10_000, 10_000, 10_000], '0', 0, 0],
    [[10_000, 9_000, 8_100], '-0.1', 0, 0],
  ])('%j → rate %s, range %i–%i', (values, rate, min, max) => {
    const g = growthIndicator(values);
    if (rate !== null) expect(g.rate).toBe(rate);
    expect([g.min, g.max]).toEqual([min, max]);
    expect(g.manualReview).toBe(false);
  });

  it('year-1 value 0 uses the last two years only', () => {
    const g = growthIndicator([0, 1_000, 1_400]);
    expect(g).toMatchObject({ method: 'last-two-years', rate: '0.4', min: 9, max: 10 });
  });

  it('year-2 value 0 scores 0', () => {
    expect(growthIndicator([1_000, 0, 5_000])).toMatchObject({
      method: 'year-two-zero',
      rate: null,
      min: 0,
      max: 0,
    });
  });

  it('fewer than three years use the actual period', () => {
    expect(growthIndicator([1_000, 1_300])).toMatchObject({
      method: 'two-year',
      rate: '0.3',
      min: 7,
      max: 8,
    });
    expect(growthIndicator([0, 1_300])).toMatchObject({ method: 'no-base', min: 0, max: 0 });
    expect(growthIndicator([1_000])).toMatchObject({ method: 'single-year', rate: null, min: 0, max: 0 });
  });

  it('a negative rate scores 0', () => {
    expect(growthIndicator([2_000, 1_000, 900])).toMatchObject({
      grade: 'F',
      min: 0,
      max: 0,
      manualReview: false,
    });
  });

  it('negative net assets flag manual review and compute nothing', () => {
    for (const values of [[-1, 100, 200], [100, -5, 200], [100, 200, -1], [-3]]) {
      expect(growthIndicator(values)).toMatchObject({
        method: 'negative-input',
        manualReview: true,
        rate: null,
        min: 0,
        max: 10,
      });
    }
  });

  it('rejects empty, long or fractional series', () => {
    expect(() => growthIndicator([])).toThrow(PolicyInputError);
    expect(() => growthIndicator([1, 2, 3, 4])).toThrow(PolicyInputError);
    expect(() => growthIndicator([1, 2.5])).toThrow(PolicyInputError);
  });

  it('never gives a range outside 0–10 and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000, max: 10_000_000 }), { minLength: 1, maxLength: 3 }),
        (values) => {
          const g = growthIndicator(values);
          expect(g.min).toBeGreaterThanOrEqual(0);
          expect(g.max).toBeLessThanOrEqual(10);
          expect(g.min).toBeLessThanOrEqual(g.max);
          expect(growthIndicator([...values])).toEqual(g);
        },
      ),
      { numRuns: 300 },
    );
  });
});
