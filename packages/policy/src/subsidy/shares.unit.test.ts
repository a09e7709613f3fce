import fc from 'fast-check';
import { PolicyInputError } from '../core/errors';
import { EXAMPLE_POLICY_VERSIONS } from './policies';
import { ownFundsShares, splitShares } from './shares';

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

  // subsidy.md: "Provincially administered counties (省直管县) have no city level: the city share is borne by the
  // county itself, never by the province (so the province's share stays ≤ 50% everywhere)."
  it('gives a provincially administered county the city share, never the province', () => {
    expect(splitShares(1_000, { province: 0.5, city: 0.2 }, { provinciallyAdministered: true })).toEqual({
      province: 500,
      city: 0,
      county: 500,
    });
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

  it('has no way to raise the ceilings, and rejects a bad amount', () => {
    // subsidy.md: "These ceilings hold for every policy whose cost is shared between levels ...; no version can
    // raise them." The options accept no limits; extra keys are ignored, the ceilings still apply.
    const raise = { limits: { province: 1, city: 1 } } as unknown as { provinciallyAdministered?: boolean };
    expect(() => splitShares(100, { province: 0.8, city: 0.3 }, raise)).toThrow(
      expect.objectContaining({ code: 'share.province' }),
    );
    expect(() => splitShares(-1, { province: 0.5, city: 0.2 })).toThrow(PolicyInputError);
    expect(() => splitShares(1.5, { province: 0.5, city: 0.2 })).toThrow(PolicyInputError);
  });

  it('refuses every fraction above a ceiling (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500_001, max: 1_000_000 }),
        fc.integer({ min: 200_001, max: 1_000_000 }),
        (p, c) => {
          expect(() => splitShares(100, { province: `${p}/1000000`, city: 0 })).toThrow(
            expect.objectContaining({ code: 'share.province' }),
          );
          expect(() => splitShares(100, { province: 0, city: `${c}/1000000` })).toThrow(
            expect.objectContaining({ code: 'share.city' }),
          );
        },
      ),
      { numRuns: 200 },
    );
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

describe('ownFundsShares: an award each level pays from its own funds (subsidy.md §2, §3)', () => {
  it.each([
    ['province', false, { province: 7, city: 0, county: 0 }],
    ['city', false, { province: 0, city: 7, county: 0 }],
    ['county', false, { province: 0, city: 0, county: 7 }],
    ['city', true, { province: 0, city: 0, county: 7 }], // 省直管县: the county, never the province
    ['county', true, { province: 0, city: 0, county: 7 }],
  ] as const)('%s pays (provincially administered: %s)', (level, pa, expected) => {
    expect(ownFundsShares(7, level, { provinciallyAdministered: pa })).toEqual(expected);
  });
});

describe('every example policy respects the ceilings (property)', () => {
  const shared = EXAMPLE_POLICY_VERSIONS.filter((v) => v.funding.kind === 'shared');

  it('ships the R&D subsidy as shared and the awards as one own-funds policy per level', () => {
    expect(shared.map((v) => v.policyId)).toEqual(['rd-subsidy']);
    const own = EXAMPLE_POLICY_VERSIONS.filter((v) => v.funding.kind === 'own-funds');
    expect(own.map((v) => `${v.policyId}:${v.funding.kind === 'own-funds' ? v.funding.level : ''}`)).toEqual([
      'tsme-entry-award/city:city',
      'tsme-entry-award/county:county',
      'hnte-award/city:city',
      'hnte-award/county:county',
    ]);
  });

  it('shares sum exactly, nothing is negative, province ≤ 50% and city ≤ 20% — also in a 省直管县', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLE_POLICY_VERSIONS),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.boolean(),
        (v, amount, pa) => {
          const f = v.funding;
          const s =
            f.kind === 'shared'
              ? splitShares(amount, f, { provinciallyAdministered: pa })
              : ownFundsShares(amount, f.level, { provinciallyAdministered: pa });
          const total = BigInt(amount);
          expect(BigInt(s.province) + BigInt(s.city) + BigInt(s.county)).toBe(total);
          for (const x of [s.province, s.city, s.county]) expect(x).toBeGreaterThanOrEqual(0);
          if (pa) expect(s.city).toBe(0);
          if (f.kind === 'shared') {
            expect(BigInt(s.province) * 2n).toBeLessThanOrEqual(total);
            expect(BigInt(s.city) * 5n).toBeLessThanOrEqual(total);
            // the province's part does not grow in a 省直管县
            expect(s.province).toBe(splitShares(amount, f).province);
          } else {
            expect(s.province).toBe(f.level === 'province' ? amount : 0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
