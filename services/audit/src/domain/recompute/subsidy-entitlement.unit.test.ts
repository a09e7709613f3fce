import { EntitlementCalculated, type Actor } from '@peiyu/contracts';
import { fold } from '@peiyu/eventstore';
import {
  entitlementDecider,
  type EntitlementCommand,
  type SubsidyContext,
} from '@peiyu/subsidy/src/domain/entitlement';
import type { EntitlementEvent } from '@peiyu/subsidy/src/domain/events';
import type { HnteCertificationFact, SmeEntryFact } from '@peiyu/subsidy/src/domain/facts';
import { ctxOf, EXAMPLES, SYSTEM, USCC } from '@peiyu/subsidy/src/domain/test-support/fixtures';
import { recomputeEntitlement, versionsAsOf, type EntitlementData } from './subsidy-entitlement';

// Entitlements as the subsidy service's own decider records them, over its example policy versions (published
// 2017-01-01): the audit recomputes each from the recorded inputs and those versions, through @peiyu/policy.
function decided(cmds: EntitlementCommand[], ctx: SubsidyContext): EntitlementData {
  let history: EntitlementEvent[] = [];
  for (const c of cmds) {
    const events = entitlementDecider.decide(c, fold(entitlementDecider, history), ctx) as EntitlementEvent[];
    history = [...history, ...events];
  }
  const e = history.find((x) => x.type === 'EntitlementCalculated');
  if (!e || e.type !== 'EntitlementCalculated') throw new Error('no calculation');
  return EntitlementCalculated.schema.parse(JSON.parse(JSON.stringify(e.data)));
}

const entry = (previous: SmeEntryFact['previousEntry']): SmeEntryFact => ({
  kind: 'sme-entry',
  eventId: 'ev-entered-1',
  uscc: USCC,
  countyCode: '410402',
  registrationNumber: '202441040200001',
  enteredOn: '2024-06-20',
  previousEntry: previous,
});
const cert = (certification: HnteCertificationFact['certification']): HnteCertificationFact => ({
  kind: 'hnte-certification',
  eventId: 'ev-cert-1',
  uscc: USCC,
  certificateNumber: 'GR202441000123',
  issuedOn: '2024-12-01',
  certification,
  latestYearRevenue: 150_000_000 * 100,
});
const award = (
  policyId: string,
  fact: SmeEntryFact | HnteCertificationFact,
  pa = false,
): EntitlementCommand => ({
  type: 'CalculateAward',
  policyId,
  fact,
  countyCode: '410402',
  provinciallyAdministered: pa,
});
const sys = ctxOf(SYSTEM, '2024-06-21');
const countyActor: Actor = { role: 'county_reviewer', id: 'cr-1', region: '410402' };
const rdCommands = (expense: number): EntitlementCommand[] => [
  {
    type: 'ApplyRdSubsidy',
    uscc: USCC,
    countyCode: '410402',
    provinciallyAdministered: false,
    rdYear: 2024,
    acceptedRdExpense: expense,
    filingRef: 'JKKC-2025-0001',
    enterpriseTypes: ['tech-sme'],
  },
  {
    type: 'VerifyRdSubsidy',
    applicationEventId: 'ev-app-1',
    outcome: 'verified',
    verifiedRdExpense: null,
    rdBudgetFiled: true,
    ipItemsLast3Years: 2,
    dishonest: false,
    sourceEvents: { ipItemsLast3Years: 'ev-ip-9', dishonest: 'ev-sanctions-3' },
    reason: null,
  },
];

describe('recomputeEntitlement', () => {
  const cases: Array<[string, EntitlementData]> = [
    ['tech-SME entry award, city', decided([award('tsme-entry-award/city', entry(null))], sys)],
    [
      'tech-SME entry award, county, entered the year before',
      decided([award('tsme-entry-award/county', entry({ eventId: 'ev-0', registrationNumber: 'r-0' }))], sys),
    ],
    ['HNTE first certification award, city', decided([award('hnte-award/city', cert('first'))], sys)],
    ['HNTE award, 省直管县', decided([award('hnte-award/county', cert('recertification'), true)], sys)],
    [
      'R&D subsidy (shared by three levels)',
      decided(rdCommands(600_000_000), ctxOf(countyActor, '2025-03-10')),
    ],
  ];

  it.each(cases)('%s: recomputed identically from its inputs and the published versions', (_n, data) => {
    const r = recomputeEntitlement(data, EXAMPLES);
    expect(r.diffs).toEqual([]);
    expect(r).toMatchObject({ kind: 'subsidy-entitlement', match: true, versionId: data.versionId });
  });

  it('an edited share in the record is a diff naming it', () => {
    const d = cases[4]![1];
    const r = recomputeEntitlement({ ...d, shares: { ...d.shares, city: d.shares.city + 1 } }, EXAMPLES);
    expect(r.diffs).toEqual([
      { path: 'shares.city', recorded: d.shares.city + 1, recomputed: d.shares.city },
    ]);
  });

  it('a changed policy parameter (the entry award amount) shows as a field-by-field diff', () => {
    const d = cases[0]![1];
    const r = recomputeEntitlement(d, EXAMPLES, { amount: 2_000_000 });
    expect(r.overridden).toEqual(['amount']);
    const paths = r.diffs.map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(['amount', 'parameters.0.value', 'shares.city']));
    expect(r.diffs.find((x) => x.path === 'amount')).toEqual({
      path: 'amount',
      recorded: d.amount,
      recomputed: 2_000_000,
    });
  });

  it('a parameter the policy does not have is refused', () => {
    expect(() => recomputeEntitlement(cases[0]![1], EXAMPLES, { amout: 1 })).toThrow(/no parameter amout/);
  });

  it('versionsAsOf: versions published after the day are not used; a replacement closes the open one', () => {
    const city = EXAMPLES.filter((v) => v.policyId === 'tsme-entry-award/city');
    const v1 = { ...city[0]!, effectiveTo: null };
    const v2 = {
      ...v1,
      versionId: 'v2',
      effectiveFrom: '2025-01-01',
      replaces: { versionId: v1.versionId, effectiveTo: '2024-12-31' },
      publishedOn: '2024-11-01',
    };
    expect(versionsAsOf([v1, v2], '2024-10-01').map((v) => [v.versionId, v.effectiveTo])).toEqual([
      [v1.versionId, null],
    ]);
    expect(versionsAsOf([v1, v2], '2024-11-01').map((v) => [v.versionId, v.effectiveTo])).toEqual([
      [v1.versionId, '2024-12-31'],
      ['v2', null],
    ]);
  });
});
