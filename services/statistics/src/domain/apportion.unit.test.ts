import fc from 'fast-check';
import { apportion } from './apportion';

describe('apportion a city target over its counties', () => {
  it('splits by weight with the largest remainders, equal remainders by county code', () => {
    const r = apportion(10, [
      { countyCode: 'c', weight: 1 },
      { countyCode: 'a', weight: 1 },
      { countyCode: 'b', weight: 1 },
    ]);
    expect(Object.fromEntries(r)).toEqual({ a: 4, b: 3, c: 3 });
    expect(
      Object.fromEntries(
        apportion(7, [
          { countyCode: 'x', weight: 5 },
          { countyCode: 'y', weight: 2 },
          { countyCode: 'z', weight: 0 },
        ]),
      ),
    ).toEqual({ x: 5, y: 2, z: 0 });
  });

  it('refuses no weight, negative or fractional input', () => {
    expect(() => apportion(5, [{ countyCode: 'a', weight: 0 }])).toThrow(/positive/);
    expect(() => apportion(-1, [{ countyCode: 'a', weight: 1 }])).toThrow(/total/);
    expect(() => apportion(5, [{ countyCode: 'a', weight: 0.5 }])).toThrow(/weights/);
  });

  it('always adds up to the total, each county within one of its exact quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 15 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const shares = weights.map((weight, i) => ({
            countyCode: `c${String(i).padStart(2, '0')}`,
            weight,
          }));
          const r = apportion(total, shares);
          const sum = weights.reduce((s, w) => s + w, 0);
          expect([...r.values()].reduce((s, v) => s + v, 0)).toBe(total);
          for (const s of shares) {
            const quota = (total * s.weight) / sum;
            const got = r.get(s.countyCode) as number;
            expect(got).toBeGreaterThanOrEqual(Math.floor(quota));
            expect(got).toBeLessThanOrEqual(Math.ceil(quota));
          }
        },
      ),
    );
  });
});
