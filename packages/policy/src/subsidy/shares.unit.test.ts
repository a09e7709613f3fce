import fc from 'fast-check';
import { PolicyInputError } from '../core/errors';
import { splitShares } from './shares';

describe('splitShares', () => {
  it.each([
    [1_000_000, 0.5, 0.2, { province: 500_000, city: 200_000, county: 300_000 }],
    [1_000_000, '0.5', '0.2', { province: 500_000, city: 200_000, county: 300_000 }],
    [7, '0.5', '0.2', { province: 3, city: 1, county: 3 }],
    [1, 0.5, 0.2, { province: 0, city: 0, county: 1 }],
    [100, '0.1', 0.1, { province: 10, city: 10, county: 80 }],
    [3, '1/3', '0.2', { province: 1, city: 0, county: 2 }],
    [0, 0.5, 0.2, { province: 0, city: 0, county: 0 }],
  ])('%i fen with province %j, city %j', (amount, province, city, expected) => {
    expect(splitShares(amount, { province, city })).toEqual(expected);
  });

  it('reads 0.1 + 0.2 exactly (no binary drift)', () => {
    expect(splitShares(10, { province: 0.3, city: 0.2 })).toEqual({ province: 3, city: 2, county: 5 });
    expect(splitShares(100_000_000_000, { province: '0.29', city: 0.07 })).toEqual({
      province: 29_000_000_000,
      city: 7_000_000_000,
      county: 64_000_000_000,
    });
  });

  it('gives a provincially administered county the city share (or the province, if the version says so)', () => {
    expect(splitShares(1_000, { province: 0.5, city: 0.2 }, { provinciallyAdministered: true })).toEqual({
      province: 500,
      city: 0,
      county: 500,
    });
    expect(
      splitShares(
        1_000,
        { province: 0.5, city: 0.2 },
        { provinciallyAdministered: true, cityShareBornBy: 'province' },
      ),
    ).toEqual({ province: 700, city: 0, county: 300 });
  });

  it.each([
    [{ province: '0.5000001', city: 0 }, 'share.province'],
    [{ province: 0.51, city: 0 }, 'share.province'],
    [{ province: 0, city: '0.2001' }, 'share.city'],
    [{ province: -0.1, city: 0 }, 'share.negative'],
    [{ province: 'half', city: 0 }, 'rational.invalid'],
  ])('rejects %j', (fractions, code) => {
    expect(() => splitShares(100, fractions)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects a sum above 100% when a policy raises the ceilings, and a bad amount', () => {
    expect(() =>
      splitShares(100, { province: 0.8, city: 0.3 }, { limits: { province: 1, city: 1 } }),
    ).toThrow(expect.objectContaining({ code: 'share.sum' }));
    expect(() => splitShares(-1, { province: 0.5, city: 0.2 })).toThrow(PolicyInputError);
    expect(() => splitShares(1.5, { province: 0.5, city: 0.2 })).toThrow(PolicyInputError);
  });

  const fraction = (maxMillionths: number) =>
    fc
      .integer({ min: 0, max: maxMillionths })
      .chain((m) =>
        fc
          .constantFrom<number | string>((m / 1_000_000).toString(), m / 1_000_000, `${m}/1000000`)
          .map((f) => [f, m] as const),
      );

  it('always sums exactly to the amount, never goes negative, never exceeds the caps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fraction(500_000),
        fraction(200_000),
        fc.boolean(),
        (amount, [p, pm], [c, cm], pa) => {
          const s = splitShares(amount, { province: p, city: c }, { provinciallyAdministered: pa });
          expect(BigInt(s.province) + BigInt(s.city) + BigInt(s.county)).toBe(BigInt(amount));
          for (const v of [s.province, s.city, s.county]) expect(v).toBeGreaterThanOrEqual(0);
          // exact caps: province ≤ amount × p ≤ amount / 2, city ≤ amount × c ≤ amount / 5
          expect(BigInt(s.province) * 1_000_000n).toBeLessThanOrEqual(BigInt(amount) * BigInt(pm));
          expect(BigInt(s.city) * 1_000_000n).toBeLessThanOrEqual(BigInt(amount) * BigInt(cm));
          expect(BigInt(s.province) * 2n).toBeLessThanOrEqual(BigInt(amount));
          expect(BigInt(s.city) * 5n).toBeLessThanOrEqual(BigInt(amount));
          expect(splitShares(amount, { province: p, city: c }, { provinciallyAdministered: pa })).toEqual(s);
        },
      ),
      { numRuns: 500 },
    );
  });
});
