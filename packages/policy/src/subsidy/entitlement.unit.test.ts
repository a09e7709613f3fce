import fc from 'fast-check';
import { calculateEntitlement, type RdSubsidyFacts } from './entitlement';
import {
  HNTE_AWARD_CITY_EXAMPLE,
  HNTE_AWARD_COUNTY_EXAMPLE,
  RD_SUBSIDY_HENAN_2018,
  TSME_ENTRY_AWARD_CITY_EXAMPLE,
  TSME_ENTRY_AWARD_COUNTY_EXAMPLE,
  type RdEnterpriseType,
} from './policies';

const RD = [RD_SUBSIDY_HENAN_2018];

const YUAN = 100;
const rdFacts = (
  acceptedRdExpenseYuan: number,
  enterpriseTypes: RdEnterpriseType[] = [],
): RdSubsidyFacts => ({
  acceptedRdExpense: acceptedRdExpenseYuan * YUAN,
  filingRef: 'tax-filing-2024-0001',
  enterpriseTypes,
  rdBudgetFiled: true,
  ipItemsLast3Years: 2,
  dishonest: false,
  factDate: '2024-05-31',
});

describe('calculateEntitlement: R&D subsidy (marginal tiers, highest cap)', () => {
  it.each([
    [4_000_000, [], 400_000],
    [4_999_999, [], 499_999.9],
    [5_000_000, [], 500_000],
    [5_000_001, [], 500_000.05],
    [6_000_000, [], 550_000],
    [15_000_000, [], 1_000_000], // reaches the ordinary cap exactly
    [20_000_000, [], 1_000_000],
    [35_000_000, ['tech-sme'], 2_000_000],
    [35_000_000, ['small-giant'], 2_000_000],
    [35_000_000, ['provincial-rd-platform'], 2_000_000],
    [40_000_000, ['tech-sme'], 2_000_000],
    [55_000_000, ['national-rd-platform'], 3_000_000],
    [55_000_000, ['provincial-platform-excellent'], 3_000_000],
    [75_000_000, ['provincial-innovation-leader-excellent'], 4_000_000],
    [90_000_000, ['provincial-innovation-leader-excellent'], 4_000_000],
    [75_000_000, ['tech-sme', 'national-rd-platform'], 3_000_000], // caps do not add up
  ] as [number, RdEnterpriseType[], number][])('base %i yuan, types %j → %d yuan', (base, types, yuan) => {
    const r = calculateEntitlement(RD, rdFacts(base, types));
    expect(r.amount).toBe(Math.round(yuan * YUAN));
    expect(r.eligible).toBe(true);
  });

  it('rounds down to the fen', () => {
    const r = calculateEntitlement(RD, { ...rdFacts(0), acceptedRdExpense: 12_345 });
    expect(r.amount).toBe(1_234); // 10% of 12,345 fen = 1,234.5 fen
    expect(r.trace.steps.find((s) => s.rule === 'rd-subsidy.tiers')?.values).toMatchObject({
      raw: '2469/2',
      beforeCap: '1234',
    });
  });

  it('splits province 50% / city 20% / county 30%, and moves the city share to a provincially administered county', () => {
    expect(calculateEntitlement(RD, rdFacts(6_000_000)).shares).toEqual({
      province: 275_000 * YUAN,
      city: 110_000 * YUAN,
      county: 165_000 * YUAN,
    });
    expect(
      calculateEntitlement(RD, { ...rdFacts(6_000_000), provinciallyAdministered: true }).shares,
    ).toEqual({
      province: 275_000 * YUAN,
      city: 0,
      county: 275_000 * YUAN,
    });
  });

  it.each([
    [{ rdBudgetFiled: false }, 'rd.budget'],
    [{ ipItemsLast3Years: 0 }, 'rd.ip'],
    [{ dishonest: true }, 'rd.dishonest'],
  ])('%j → nothing (%s)', (over, reason) => {
    const r = calculateEntitlement(RD, { ...rdFacts(6_000_000), ...over });
    expect(r).toMatchObject({ eligible: false, amount: 0, shares: { province: 0, city: 0, county: 0 } });
    expect(r.reasons[0]).toMatch(new RegExp(`^${reason}`));
  });

  it('traces version, parameters with references, inputs with their events, and the split', () => {
    const r = calculateEntitlement(RD, {
      ...rdFacts(6_000_000),
      factDate: '2024-05-31',
      sourceEvents: { acceptedRdExpense: 'evt-42' },
    });
    expect(r.trace.ruleSetId).toBe('rd-subsidy-henan-2018');
    expect(r.trace.steps.map((s) => s.rule)).toEqual([
      'inputs',
      'rd-subsidy.tiers',
      'rd-subsidy.cap',
      'split',
    ]);
    expect(r.trace.steps[0]?.inputs).toMatchObject({ sourceEvents: { acceptedRdExpense: 'evt-42' } });
    expect(r.trace.steps[1]?.ref).toContain('5,000,000');
  });

  it('is deterministic and never pays more than the highest cap', () => {
    const types = fc.subarray([
      'tech-sme',
      'small-giant',
      'national-rd-platform',
      'provincial-innovation-leader-excellent',
    ] as RdEnterpriseType[]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), types, (base, t) => {
        const facts = { ...rdFacts(0, t), acceptedRdExpense: base };
        const r = calculateEntitlement(RD, facts);
        expect(r.amount).toBeLessThanOrEqual(4_000_000 * YUAN);
        expect(r.shares.province + r.shares.city + r.shares.county).toBe(r.amount);
        expect(JSON.stringify(calculateEntitlement(RD, structuredClone(facts)))).toBe(JSON.stringify(r));
      }),
      { numRuns: 300 },
    );
  });
});

describe('calculateEntitlement: tech-SME entry award — one policy per paying level', () => {
  // subsidy.md §2: "a fixed amount per entry from the city and another from the county, each from its own funds
  // (two policies)"; an own-funds award is not a cost share.
  it('the city and the county each pay their own 10,000 yuan (example amounts)', () => {
    const facts = { entered: true, factDate: '2025-06-30' };
    expect(calculateEntitlement([TSME_ENTRY_AWARD_CITY_EXAMPLE], facts)).toMatchObject({
      eligible: true,
      amount: 10_000 * YUAN,
      shares: { province: 0, city: 10_000 * YUAN, county: 0 },
    });
    expect(calculateEntitlement([TSME_ENTRY_AWARD_COUNTY_EXAMPLE], facts).shares).toEqual({
      province: 0,
      city: 0,
      county: 10_000 * YUAN,
    });
  });

  it('in a provincially administered county the city award is paid by the county, never the province', () => {
    const facts = { entered: true, factDate: '2025-06-30', provinciallyAdministered: true };
    expect(calculateEntitlement([TSME_ENTRY_AWARD_CITY_EXAMPLE], facts).shares).toEqual({
      province: 0,
      city: 0,
      county: 10_000 * YUAN,
    });
  });

  it('honours the optional "entered two years in a row" condition', () => {
    const strict = {
      ...TSME_ENTRY_AWARD_CITY_EXAMPLE,
      versionId: 'tsme-entry-award-strict',
      parameters: {
        ...TSME_ENTRY_AWARD_CITY_EXAMPLE.parameters,
        requireConsecutiveEntry: { value: true, ref: 'example' },
      },
    };
    const on = '2025-06-30';
    expect(
      calculateEntitlement([strict], { entered: true, enteredPreviousYear: false, factDate: on }).amount,
    ).toBe(0);
    expect(
      calculateEntitlement([strict], { entered: true, enteredPreviousYear: true, factDate: on }).amount,
    ).toBe(10_000 * YUAN);
    expect(
      calculateEntitlement([TSME_ENTRY_AWARD_CITY_EXAMPLE], { entered: false, factDate: on }).amount,
    ).toBe(0);
  });
});

describe('calculateEntitlement: HNTE award — city and district each from its own funds (subsidy.md §3)', () => {
  it.each([
    ['first', 50_000_000 * YUAN, 300_000],
    ['first', 50_000_000 * YUAN + 1, 400_000],
    ['first', 200_000_000 * YUAN, 400_000],
    ['first', 200_000_000 * YUAN + 1, 500_000],
    ['recertification', 900_000_000 * YUAN, 100_000],
    ['moving-in', 10 * YUAN, 100_000],
    ['name-change-reissue', 10 * YUAN, 0],
  ] as const)(
    '%s with latest revenue %i fen → %i yuan in total',
    (certification, latestYearRevenue, yuan) => {
      const facts = { certification, latestYearRevenue, factDate: '2024-12-01' };
      const city = calculateEntitlement([HNTE_AWARD_CITY_EXAMPLE], facts);
      const county = calculateEntitlement([HNTE_AWARD_COUNTY_EXAMPLE], facts);
      expect(city.amount + county.amount).toBe(yuan * YUAN);
      expect(city.shares).toEqual({ province: 0, city: city.amount, county: 0 });
      expect(county.shares).toEqual({ province: 0, city: 0, county: county.amount });
      expect(city.eligible).toBe(yuan > 0);
    },
  );
});

describe('calculateEntitlement selects the version in force on the date of the triggering fact (subsidy.md)', () => {
  const v2018 = { ...RD_SUBSIDY_HENAN_2018, versionId: 'rd-2018', effectiveTo: '2022-12-31' };
  const v2023 = {
    ...RD_SUBSIDY_HENAN_2018,
    versionId: 'rd-2023',
    effectiveFrom: '2023-01-01',
    funding: { kind: 'shared' as const, province: '0.4', city: '0.2', ref: 'test version' },
  };

  it.each([
    ['2022-12-31', 'rd-2018'],
    ['2023-01-01', 'rd-2023'],
  ])('a fact on %s is judged by %s, never by "today"', (factDate, versionId) => {
    const r = calculateEntitlement([v2023, v2018], { ...rdFacts(6_000_000), factDate });
    expect(r.trace.ruleSetId).toBe(versionId);
  });

  it('refuses clearly when no version is in force on that date', () => {
    expect(() => calculateEntitlement([v2018], { ...rdFacts(1), factDate: '2017-12-31' })).toThrow(
      expect.objectContaining({ code: 'policy.not-in-force' }),
    );
  });

  it('refuses facts without the date of the triggering fact', () => {
    const { factDate: _omitted, ...undated } = rdFacts(1);
    expect(() => calculateEntitlement([v2018], undated as RdSubsidyFacts)).toThrow(
      expect.objectContaining({ code: 'policy.fact-date' }),
    );
  });
});
