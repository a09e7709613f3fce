import { fold } from '@peiyu/eventstore';
import { calculateEntitlement, type EntitlementFacts } from '@peiyu/policy';
import { deciderSpec } from '@peiyu/eventstore';
import {
  entitlementDecider,
  type EntitlementCommand,
  type EntitlementState,
  type SubsidyContext,
} from './entitlement';
import type { EntitlementData, EntitlementEvent, PolicyVersionData } from './events';
import { toPolicyVersion } from './policy-versions';
import type { HnteCertificationFact, SmeEntryFact } from './facts';
import {
  ADMIN,
  checkContracts,
  ctxOf,
  EXAMPLES,
  published,
  draftOf,
  SYSTEM,
  USCC,
  YUAN,
} from './test-support/fixtures';

const spec = deciderSpec(entitlementDecider);
const sys = ctxOf(SYSTEM, '2024-06-21');

function decide(
  cmd: EntitlementCommand,
  ctx: SubsidyContext,
  history: EntitlementEvent[] = [],
): EntitlementEvent[] {
  const state = fold(entitlementDecider, history);
  const events = entitlementDecider.decide(cmd, state, ctx) as EntitlementEvent[];
  checkContracts(events);
  return [...events];
}
const calcOf = (events: EntitlementEvent[]): EntitlementData => {
  const e = events.find((x) => x.type === 'EntitlementCalculated');
  if (!e || e.type !== 'EntitlementCalculated') throw new Error('no calculation');
  return e.data;
};

const entry: SmeEntryFact = {
  kind: 'sme-entry',
  eventId: 'ev-entered-1',
  uscc: USCC,
  countyCode: '410402',
  registrationNumber: '202441040200001',
  enteredOn: '2024-06-20',
  previousEntry: null,
};
const award = (
  policyId: string,
  fact: SmeEntryFact | HnteCertificationFact,
  countyCode = '410402',
  pa = false,
): EntitlementCommand => ({
  type: 'CalculateAward',
  policyId,
  fact,
  countyCode,
  provinciallyAdministered: pa,
});
const cert = (
  certification: HnteCertificationFact['certification'],
  latestYearRevenue: number | null,
): HnteCertificationFact => ({
  kind: 'hnte-certification',
  eventId: 'ev-cert-1',
  uscc: USCC,
  certificateNumber: 'GR202441000123',
  issuedOn: '2024-12-01',
  certification,
  latestYearRevenue,
});

describe('entry awards from SmeEntered', () => {
  it('records the city award with its whole trace: 10,000 yuan paid by the city alone', () => {
    const cmd = award('tsme-entry-award/city', entry);
    const versions = EXAMPLES.filter((v) => v.policyId === 'tsme-entry-award/city');
    const facts: EntitlementFacts = {
      factDate: '2024-06-20',
      provinciallyAdministered: false,
      entered: true,
      enteredPreviousYear: false,
      sourceEvents: { entered: 'ev-entered-1' },
    };
    const version = versions[0] as PolicyVersionData;
    const expected: EntitlementData = {
      entitlementId: 'tsme-entry-award.city-202441040200001',
      uscc: USCC,
      countyCode: '410402',
      provinciallyAdministered: false,
      policyId: 'tsme-entry-award/city',
      versionId: 'tsme-entry-award/city-example-2017',
      example: true,
      factDate: '2024-06-20',
      decisionOn: '2024-06-20',
      budgetYear: 2024,
      basis: { kind: 'sme-entry', reference: '202441040200001', eventId: 'ev-entered-1' },
      eligible: true,
      reasons: [],
      parameters: [
        { name: 'amount', value: 1_000_000, ref: version.parameters.amount?.ref ?? '' },
        {
          name: 'requireConsecutiveEntry',
          value: false,
          ref: version.parameters.requireConsecutiveEntry?.ref ?? '',
        },
        { name: 'funding', value: { kind: 'own-funds', level: 'city' }, ref: version.funding.ref },
      ],
      inputs: [
        { name: 'registrationNumber', value: '202441040200001', sourceEventId: 'ev-entered-1' },
        { name: 'enteredOn', value: '2024-06-20', sourceEventId: 'ev-entered-1' },
        { name: 'enteredPreviousYear', value: false, sourceEventId: null },
      ],
      // The trace is @peiyu/policy's own record of the calculation; the service stores it as is.
      trace: JSON.parse(JSON.stringify(calculateEntitlement(versions.map(toPolicyVersion), facts).trace)),
      // 10,000 yuan = 1,000,000 fen, all from the city's own funds.
      amount: 1_000_000,
      shares: { province: 0, city: 1_000_000, county: 0 },
      payers: { province: '410000', city: '410400', county: '410402' },
      budgetRule: version.budgetRule,
      calculatedOn: '2024-06-21',
    };
    spec
      .given([])
      .when(cmd, sys)
      .then([{ type: 'EntitlementCalculated', data: expected }]);
    spec
      .given([])
      .when(cmd, sys)
      .thenState({ status: 'calculated', application: null, calculation: expected });
    checkContracts([{ type: 'EntitlementCalculated', data: expected }]);
  });

  it('records the county award from its own funds', () => {
    const c = calcOf(decide(award('tsme-entry-award/county', entry), sys));
    expect([c.amount, c.shares]).toEqual([10_000 * YUAN, { province: 0, city: 0, county: 1_000_000 }]);
    expect(c.entitlementId).toBe('tsme-entry-award.county-202441040200001');
  });

  it('in a provincially administered county (汝州 410482) the city award is paid by the county', () => {
    const c = calcOf(
      decide(award('tsme-entry-award/city', { ...entry, countyCode: '410482' }, '410482', true), sys),
    );
    expect(c.shares).toEqual({ province: 0, city: 0, county: 1_000_000 });
    expect(c.payers).toEqual({ province: '410000', city: null, county: '410482' });
  });

  it('applies the optional "entered two years in a row" condition with the previous entry as source', () => {
    const d = draftOf('tsme-entry-award/city');
    const strict = published({
      ...d,
      versionId: 'consecutive',
      parameters: {
        ...d.parameters,
        requireConsecutiveEntry: { value: true, ref: 'example: two years in a row' },
      },
    });
    const ctx = ctxOf(SYSTEM, '2024-06-21', [strict]);
    const none = calcOf(decide(award('tsme-entry-award/city', entry), ctx));
    expect([none.eligible, none.amount, none.reasons]).toEqual([
      false,
      0,
      ['tsme-award.consecutive: not entered the year before'],
    ]);
    const previous = { eventId: 'ev-entered-0', registrationNumber: '202341040200007' };
    const twice = calcOf(decide(award('tsme-entry-award/city', { ...entry, previousEntry: previous }), ctx));
    expect([twice.eligible, twice.amount]).toEqual([true, 1_000_000]);
    expect(twice.inputs).toContainEqual({
      name: 'enteredPreviousYear',
      value: true,
      sourceEventId: 'ev-entered-0',
    });
  });

  it('adds nothing when the same fact arrives again', () => {
    const first = decide(award('tsme-entry-award/city', entry), sys);
    spec.given(first).when(award('tsme-entry-award/city', entry), sys).then([]);
  });

  it('refuses a fact dated before every version (the version in force on the fact date, never today)', () => {
    spec
      .given([])
      .when(award('tsme-entry-award/city', { ...entry, enteredOn: '2017-05-02' }), sys)
      .thenRejects('policy.not-in-force');
  });

  it('refuses an SME fact for an HNTE policy', () => {
    spec.given([]).when(award('hnte-award/city', entry), sys).thenRejects('award.scope');
  });
});

describe('HNTE awards from HnteCertified', () => {
  const amountFor = (
    kind: HnteCertificationFact['certification'],
    revenue: number | null,
    policy = 'hnte-award/city',
  ) => calcOf(decide(award(policy, cert(kind, revenue)), sys)).amount;

  it('first certification by latest-year revenue, tier edges inclusive (each level pays half)', () => {
    // ≤ 50,000,000 yuan → 300,000 yuan in all, 150,000 from the city = 15,000,000 fen
    expect(amountFor('first', 50_000_000 * YUAN)).toBe(150_000 * YUAN);
    // one fen above → next tier: 400,000 / 2 = 200,000 yuan
    expect(amountFor('first', 50_000_000 * YUAN + 1)).toBe(200_000 * YUAN);
    // ≤ 200,000,000 yuan → 200,000 yuan; above → 500,000 / 2 = 250,000 yuan
    expect(amountFor('first', 200_000_000 * YUAN)).toBe(200_000 * YUAN);
    expect(amountFor('first', 200_000_000 * YUAN + 1)).toBe(250_000 * YUAN);
    expect(amountFor('first', 0, 'hnte-award/county')).toBe(150_000 * YUAN);
  });

  it('the district award (hnte-award/county) at the same tier edges, paid by the county alone', () => {
    const edges: Array<[number, number]> = [
      [0, 150_000],
      [50_000_000 * YUAN, 150_000],
      [50_000_000 * YUAN + 1, 200_000],
      [200_000_000 * YUAN, 200_000],
      [200_000_000 * YUAN + 1, 250_000],
      [2_000_000_000 * YUAN, 250_000],
    ];
    for (const [revenue, yuan] of edges) {
      const c = calcOf(decide(award('hnte-award/county', cert('first', revenue)), sys));
      expect([revenue, c.amount, c.shares]).toEqual([
        revenue,
        yuan * YUAN,
        { province: 0, city: 0, county: yuan * YUAN },
      ]);
    }
  });

  it('re-certification and moving in: 100,000 yuan, 50,000 per level', () => {
    expect(amountFor('recertification', null)).toBe(50_000 * YUAN);
    expect(amountFor('moving_in', null, 'hnte-award/county')).toBe(50_000 * YUAN);
  });

  it('a name-change re-issue gets nothing, with the reason recorded', () => {
    const c = calcOf(decide(award('hnte-award/city', cert('reissue_after_name_change', null)), sys));
    expect([c.eligible, c.amount, c.shares.city]).toEqual([false, 0, 0]);
    expect(c.reasons[0]).toMatch(/^hnte-award\.reissue/);
  });

  it('none again when the re-issued certificate keeps its number', () => {
    const first = decide(award('hnte-award/city', cert('first', 10_000_000 * YUAN)), sys);
    spec
      .given(first)
      .when(award('hnte-award/city', cert('reissue_after_name_change', null)), sys)
      .then([]);
  });

  it('refuses a first certification whose revenue is unknown (an HnteCertified v1)', () => {
    spec
      .given([])
      .when(award('hnte-award/city', cert('first', null)), sys)
      .thenRejects('award.revenue-unknown');
  });
});

const county = ctxOf({ role: 'county_reviewer', id: 'cr-1', region: '410402' }, '2025-03-10');
const apply = (
  acceptedRdExpense: number,
  enterpriseTypes: ('tech-sme' | 'national-rd-platform')[] = [],
  rdYear = 2024,
  countyCode = '410402',
  pa = false,
): EntitlementCommand => ({
  type: 'ApplyRdSubsidy',
  uscc: USCC,
  countyCode,
  provinciallyAdministered: pa,
  rdYear,
  acceptedRdExpense,
  filingRef: 'JKKC-2025-0001',
  enterpriseTypes,
});
const verify = (
  over: Partial<Extract<EntitlementCommand, { type: 'VerifyRdSubsidy' }>> = {},
): EntitlementCommand => ({
  type: 'VerifyRdSubsidy',
  applicationEventId: 'ev-app-1',
  outcome: 'verified',
  verifiedRdExpense: null,
  rdBudgetFiled: true,
  ipItemsLast3Years: 2,
  dishonest: false,
  sourceEvents: { ipItemsLast3Years: 'ev-ip-9', dishonest: 'ev-sanctions-3' },
  reason: null,
  ...over,
});

function rd(
  base: number,
  types: ('tech-sme' | 'national-rd-platform')[] = [],
  ctx = county,
  over = {},
): EntitlementData {
  const applied = decide(apply(base, types), ctx);
  return calcOf(decide(verify(over), ctx, applied));
}

describe('R&D subsidy by application', () => {
  it('the enterprise applies; a second application for the year is refused', () => {
    const ent = ctxOf({ role: 'enterprise', id: USCC }, '2025-03-10');
    const applied = decide(apply(600_000_000), ent);
    expect(applied).toEqual([
      {
        type: 'RdSubsidyApplied',
        data: {
          entitlementId: `rd-subsidy-${USCC}-2024`,
          uscc: USCC,
          countyCode: '410402',
          provinciallyAdministered: false,
          rdYear: 2024,
          acceptedRdExpense: 600_000_000,
          filingRef: 'JKKC-2025-0001',
          enterpriseTypes: [],
          appliedOn: '2025-03-10',
        },
      },
    ]);
    spec.given(applied).when(apply(1), ent).thenRejects('rd.already-applied');
    const unknownType = { ...apply(1), enterpriseTypes: ['unicorn'] } as unknown as EntitlementCommand;
    spec.given([]).when(unknownType, ent).thenRejects('rd.types');
    spec
      .given([])
      .when(apply(1, [], 2025), ent)
      .thenRejects('rd.year');
  });

  it('only the enterprise’s county verifies; nothing to verify before an application', () => {
    const applied = decide(apply(600_000_000), county);
    const other = ctxOf({ role: 'county_reviewer', id: 'cr-2', region: '410403' }, '2025-03-10');
    spec.given(applied).when(verify(), other).thenRejects('rd.scope');
    spec.given(applied).when(verify(), ctxOf(ADMIN)).thenRejects('rd.scope');
    spec.given([]).when(verify(), county).thenRejects('rd.not-applied');
  });

  it('a verification records the county’s findings, then the calculation; the stream is then calculated', () => {
    const applied = decide(apply(600_000_000), county);
    const events = decide(verify(), county, applied);
    expect(events.map((e) => e.type)).toEqual(['RdSubsidyVerified', 'EntitlementCalculated']);
    expect(events[0]?.data).toEqual({
      entitlementId: `rd-subsidy-${USCC}-2024`,
      uscc: USCC,
      outcome: 'verified',
      verifiedRdExpense: 600_000_000,
      filingRef: 'JKKC-2025-0001',
      rdBudgetFiled: true,
      ipItemsLast3Years: 2,
      dishonest: false,
      sourceEvents: { ipItemsLast3Years: 'ev-ip-9', dishonest: 'ev-sanctions-3' },
      reason: null,
      verifiedOn: '2025-03-10',
    });
    spec
      .given(applied)
      .when(verify(), county)
      .thenState({
        status: 'calculated',
        application: (applied[0] as Extract<EntitlementEvent, { type: 'RdSubsidyApplied' }>).data,
        calculation: calcOf(events),
      });
    // the county's figure from the filing is the base when it differs from the declaration
    const lower = calcOf(decide(verify({ verifiedRdExpense: 100_000_000 }), county, applied));
    expect(lower.amount).toBe(10_000_000);
  });

  it('a rejected verification records the reason and calculates nothing', () => {
    const applied = decide(apply(600_000_000), county);
    const events = decide(verify({ outcome: 'rejected', reason: '备案数与申报数不符' }), county, applied);
    expect(events.map((e) => e.type)).toEqual(['RdSubsidyVerified']);
    const state = fold(entitlementDecider, [...applied, ...events]) as EntitlementState;
    expect(state.status).toBe('rejected');
    spec
      .given([...applied, ...events])
      .when(verify(), county)
      .thenRejects('rd.already-verified');
  });

  it('6,000,000 yuan: 10 % × 5,000,000 + 5 % × 1,000,000 = 550,000 yuan, split 50/20/30', () => {
    const c = rd(600_000_000, ['tech-sme']);
    expect(c.amount).toBe(55_000_000);
    // province ⌊55,000,000 × 0.5⌋ = 27,500,000; city ⌊× 0.2⌋ = 11,000,000; county the rest 16,500,000
    expect(c.shares).toEqual({ province: 27_500_000, city: 11_000_000, county: 16_500_000 });
    expect(c.factDate).toBe('2024-12-31');
    expect(c.budgetYear).toBe(2025);
    expect(c.basis).toEqual({ kind: 'rd-application', reference: 'JKKC-2025-0001', eventId: 'ev-app-1' });
    expect(c.inputs).toContainEqual({
      name: 'acceptedRdExpense',
      value: 600_000_000,
      sourceEventId: 'ev-app-1',
    });
    expect(c.inputs).toContainEqual({ name: 'dishonest', value: false, sourceEventId: 'ev-sanctions-3' });
    expect(c.inputs).toContainEqual({ name: 'rdBudgetFiled', value: true, sourceEventId: null });
  });

  it('the marginal tiers at exactly 5,000,000 yuan', () => {
    // 500,000,000 fen × 10 % = 50,000,000 fen (500,000 yuan), nothing above the boundary
    expect(rd(500_000_000).amount).toBe(50_000_000);
    // one fen above: 50,000,000 + 1 × 5 % = 50,000,000.05 → rounded down to the fen
    expect(rd(500_000_001).amount).toBe(50_000_000);
    // twenty fen above: + 20 × 5 % = 1 fen → 50,000,001; province ⌊25,000,000.5⌋, city ⌊10,000,000.2⌋, county the rest
    const c = rd(500_000_020);
    expect([c.amount, c.shares]).toEqual([
      50_000_001,
      { province: 25_000_000, city: 10_000_000, county: 15_000_001 },
    ]);
    // one fen below: 499,999,999 × 10 % = 49,999,999.9 → 49,999,999
    expect(rd(499_999_999).amount).toBe(49_999_999);
  });

  it('caps by type, the highest applying, never added up', () => {
    // 20,000,000 yuan: 500,000 + 5 % × 15,000,000 = 1,250,000 yuan → ordinary cap 1,000,000 yuan
    expect(rd(2_000_000_000).amount).toBe(100_000_000);
    // a tech SME's cap is 2,000,000 yuan: 1,250,000 stays
    expect(rd(2_000_000_000, ['tech-sme']).amount).toBe(125_000_000);
    // 45,000,000 yuan: 500,000 + 5 % × 40,000,000 = 2,500,000 yuan → tech SME cap 2,000,000
    expect(rd(4_500_000_000, ['tech-sme']).amount).toBe(200_000_000);
    // tech SME and national platform: the higher cap 3,000,000 applies (not 5,000,000): 2,500,000 stays
    expect(rd(4_500_000_000, ['tech-sme', 'national-rd-platform']).amount).toBe(250_000_000);
  });

  it('eligibility: no budget filing, no IP in 3 years, or dishonest → 0 with the reasons', () => {
    const c = rd(600_000_000, [], county, { rdBudgetFiled: false, ipItemsLast3Years: 0, dishonest: true });
    expect([c.eligible, c.amount]).toEqual([false, 0]);
    expect(c.reasons.map((r) => r.split(':')[0])).toEqual(['rd.budget', 'rd.ip', 'rd.dishonest']);
  });

  it('provincially administered county: province 50 %, no city share, the county the rest', () => {
    const pa = ctxOf({ role: 'finance', id: 'f', region: '410482' }, '2025-03-10');
    const applied = decide(apply(600_000_000, [], 2024, '410482', true), pa);
    const c = calcOf(decide(verify(), pa, applied));
    expect(c.shares).toEqual({ province: 27_500_000, city: 0, county: 27_500_000 });
  });

  it('applies the version in force at the end of the R&D year', () => {
    const d = draftOf('rd-subsidy');
    const v2018 = published({ ...d, effectiveTo: '2023-12-31' });
    const v2024 = published({
      ...d,
      versionId: 'rd-2024',
      effectiveFrom: '2024-01-01',
      parameters: { ...d.parameters, rateUpToLimit: { value: '0.08', ref: 'rd-2024: 8 %' } },
    });
    const ctx = ctxOf({ role: 'county_reviewer', id: 'cr', region: '410402' }, '2025-03-10', [v2018, v2024]);
    const for2023 = calcOf(decide(verify(), ctx, decide(apply(100_000_000, [], 2023), ctx)));
    const for2024 = calcOf(decide(verify(), ctx, decide(apply(100_000_000, [], 2024), ctx)));
    // 1,000,000 yuan × 10 % = 100,000 yuan under 2018; × 8 % = 80,000 yuan under 2024
    expect([for2023.versionId, for2023.amount]).toEqual([d.versionId, 10_000_000]);
    expect([for2024.versionId, for2024.amount]).toEqual(['rd-2024', 8_000_000]);
    const only2024 = ctxOf({ role: 'county_reviewer', id: 'cr', region: '410402' }, '2025-03-10', [v2024]);
    spec
      .given(decide(apply(1, [], 2023), only2024))
      .when(verify(), only2024)
      .thenRejects('policy.not-in-force');
  });

  it('the same events give the identical calculation', () => {
    expect(rd(777_777_777, ['tech-sme'])).toEqual(rd(777_777_777, ['tech-sme']));
  });
});
