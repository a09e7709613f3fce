import { DomainError } from '@peiyu/contracts';
import { EXAMPLES, YUAN } from './test-support/fixtures';
import { whatIf, type WhatIfFact } from './whatif';

const rd = (uscc: string, countyCode: string, pa: boolean, base: number, types: string[]): WhatIfFact => ({
  uscc,
  countyCode,
  provinciallyAdministered: pa,
  policyId: 'rd-subsidy',
  facts: {
    factDate: '2024-12-31',
    acceptedRdExpense: base,
    filingRef: 'F',
    enterpriseTypes: types as never,
    rdBudgetFiled: true,
    ipItemsLast3Years: 1,
    dishonest: false,
  },
});
const facts: WhatIfFact[] = [
  rd('A', '410402', false, 6_000_000 * YUAN, ['tech-sme']),
  rd('B', '410482', true, 20_000_000 * YUAN, []),
  {
    uscc: 'A',
    countyCode: '410402',
    provinciallyAdministered: false,
    policyId: 'tsme-entry-award/city',
    facts: { factDate: '2024-06-20', entered: true },
  },
  {
    uscc: 'C',
    countyCode: '411721',
    provinciallyAdministered: false,
    policyId: 'hnte-award/county',
    facts: { factDate: '2024-12-01', certification: 'first', latestYearRevenue: 60_000_000 * YUAN },
  },
  // outside the period: not replayed
  {
    uscc: 'D',
    countyCode: '411721',
    provinciallyAdministered: false,
    policyId: 'tsme-entry-award/city',
    facts: { factDate: '2023-06-01', entered: true },
  },
];
const caps = {
  ordinary: 1_500_000 * YUAN,
  'tech-sme': 2_000_000 * YUAN,
  'small-giant': 2_000_000 * YUAN,
  'provincial-rd-platform': 2_000_000 * YUAN,
  'national-rd-platform': 3_000_000 * YUAN,
  'provincial-platform-excellent': 3_000_000 * YUAN,
  'provincial-innovation-leader-excellent': 4_000_000 * YUAN,
};
const tiers = [
  { maxRevenue: 50_000_000 * YUAN, amount: 150_000 * YUAN },
  { maxRevenue: 100_000_000 * YUAN, amount: 180_000 * YUAN },
  { maxRevenue: 200_000_000 * YUAN, amount: 200_000 * YUAN },
  { maxRevenue: null, amount: 250_000 * YUAN },
];
const overlay = {
  shares: { province: '0.4', city: '0.2' },
  parameters: { 'rd-subsidy': { caps }, 'hnte-award/county': { firstTiers: tiers } },
};
const m = (amount: number, province: number, city: number, county: number) => ({
  amount,
  province,
  city,
  county,
});

describe('what-if', () => {
  it('province 40 % / city 20 % / county 40 %, a 1,500,000-yuan ordinary cap and a new HNTE tier, against a hand computation', () => {
    const r = whatIf(facts, EXAMPLES, overlay, { from: '2024-01-01', to: '2024-12-31' });
    // A, R&D 6,000,000 yuan, tech SME: 500,000 + 50,000 = 550,000 yuan both ways.
    //   actual 50/20/30: 275,000 / 110,000 / 165,000; simulated 40/20/40: 220,000 / 110,000 / 220,000
    // B, R&D 20,000,000 yuan, ordinary, 汝州 (省直管县): 500,000 + 750,000 = 1,250,000 yuan
    //   actual capped at 1,000,000: province 500,000, city 0, county 500,000
    //   simulated cap 1,500,000 → 1,250,000: province 40 % = 500,000, city 0, county 750,000
    // A, tech-SME city award 10,000 yuan both ways (own funds: the share overlay does not apply)
    // C, first HNTE, revenue 60,000,000 yuan: county half 200,000 actual; the new tier ≤ 100,000,000 gives 180,000
    expect(r.facts).toBe(4);
    expect(r.unmatched).toBe(0);
    expect(r.total).toEqual({
      actual: m(1_760_000 * YUAN, 775_000 * YUAN, 120_000 * YUAN, 865_000 * YUAN),
      simulated: m(1_990_000 * YUAN, 720_000 * YUAN, 120_000 * YUAN, 1_150_000 * YUAN),
    });
    expect(r.byPolicy).toEqual({
      'hnte-award/county': {
        actual: m(200_000 * YUAN, 0, 0, 200_000 * YUAN),
        simulated: m(180_000 * YUAN, 0, 0, 180_000 * YUAN),
      },
      'rd-subsidy': {
        actual: m(1_550_000 * YUAN, 775_000 * YUAN, 110_000 * YUAN, 665_000 * YUAN),
        simulated: m(1_800_000 * YUAN, 720_000 * YUAN, 110_000 * YUAN, 970_000 * YUAN),
      },
      'tsme-entry-award/city': {
        actual: m(10_000 * YUAN, 0, 10_000 * YUAN, 0),
        simulated: m(10_000 * YUAN, 0, 10_000 * YUAN, 0),
      },
    });
    expect(r.byCounty).toEqual({
      '410402': {
        actual: m(560_000 * YUAN, 275_000 * YUAN, 120_000 * YUAN, 165_000 * YUAN),
        simulated: m(560_000 * YUAN, 220_000 * YUAN, 120_000 * YUAN, 220_000 * YUAN),
      },
      '410482': {
        actual: m(1_000_000 * YUAN, 500_000 * YUAN, 0, 500_000 * YUAN),
        simulated: m(1_250_000 * YUAN, 500_000 * YUAN, 0, 750_000 * YUAN),
      },
      '411721': {
        actual: m(200_000 * YUAN, 0, 0, 200_000 * YUAN),
        simulated: m(180_000 * YUAN, 0, 0, 180_000 * YUAN),
      },
    });
    // A's amounts do not change; B gains 250,000 yuan, C loses 20,000
    expect(r.topChanges).toEqual([
      { uscc: 'B', actual: 1_000_000 * YUAN, simulated: 1_250_000 * YUAN, delta: 250_000 * YUAN },
      { uscc: 'C', actual: 200_000 * YUAN, simulated: 180_000 * YUAN, delta: -20_000 * YUAN },
    ]);
  });

  it('an empty overlay reproduces the actual totals', () => {
    const r = whatIf(facts, EXAMPLES, {}, { from: '2017-01-01', to: '2030-12-31' });
    expect(r.total.simulated).toEqual(r.total.actual);
    expect([r.facts, r.topChanges]).toEqual([5, []]);
  });

  it('counts facts no version covers apart, and refuses an overlay above the ceilings', () => {
    const early: WhatIfFact = {
      uscc: 'E',
      countyCode: '410402',
      provinciallyAdministered: false,
      policyId: 'tsme-entry-award/city',
      facts: { factDate: '2017-01-01', entered: true },
    };
    expect(whatIf([early], EXAMPLES, {}, { from: '2017-01-01', to: '2017-12-31' }).unmatched).toBe(1);
    const over = () =>
      whatIf(
        facts,
        EXAMPLES,
        { shares: { province: '0.55', city: '0.2' } },
        { from: '2024-01-01', to: '2024-12-31' },
      );
    expect(over).toThrow(DomainError);
    expect(over).toThrow(/province share above/);
    const bad = () =>
      whatIf(
        facts,
        EXAMPLES,
        { parameters: { 'rd-subsidy': { tierLimit: -1 } } },
        { from: '2024-01-01', to: '2024-12-31' },
      );
    expect(bad).toThrow(DomainError);
  });
});
