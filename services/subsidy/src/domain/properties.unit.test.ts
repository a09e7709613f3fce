import fc from 'fast-check';
import { calculateEntitlement, type EntitlementFacts } from '@peiyu/policy';
import { calculate } from './calculation';
import { compileVersion } from './compiled';
import type { PolicyVersionData } from './events';
import { proRata } from './prorata';
import { checkContracts, ctxOf, draftOf, finance, published, USCC } from './test-support/fixtures';
import { fold } from '@peiyu/eventstore';
import { DomainError } from '@peiyu/contracts';
import type { LedgerEvent } from './events';
import { budgetStatus, initialLedgerState, ledgerDecider, type ShareRef } from './ledger';
import { whatIf, type WhatIfFact } from './whatif';
import { checkParameters, checkWithPolicy, toPolicyVersion } from './policy-versions';

const decimal = (max: number) =>
  fc.integer({ min: 0, max }).map((k) => `${Math.floor(k / 1000)}.${String(k % 1000).padStart(3, '0')}`);
const provinceShare = fc.oneof(
  decimal(500),
  fc.integer({ min: 2, max: 9 }).map((d) => `1/${d}`),
);
const cityShare = fc.oneof(
  decimal(200),
  fc.integer({ min: 5, max: 13 }).map((d) => `1/${d}`),
);
const fen = (max: number) => fc.integer({ min: 0, max });
const TYPES = [
  'tech-sme',
  'small-giant',
  'provincial-rd-platform',
  'national-rd-platform',
  'provincial-platform-excellent',
  'provincial-innovation-leader-excellent',
] as const;

const funding = fc.oneof(
  fc.record({
    kind: fc.constant('shared' as const),
    province: provinceShare,
    city: cityShare,
    ref: fc.constant('ref'),
  }),
  fc.record({
    kind: fc.constant('own-funds' as const),
    level: fc.constantFrom('province' as const, 'city' as const, 'county' as const),
    ref: fc.constant('ref'),
  }),
);

const rdVersion = fc
  .record({
    tierLimit: fen(2_000_000_000),
    r1: decimal(1000),
    r2: decimal(1000),
    caps: fc.array(fen(1_000_000_000), { minLength: 7, maxLength: 7 }),
    funding,
  })
  .map(({ tierLimit, r1, r2, caps, funding }) => {
    const d = draftOf('rd-subsidy');
    const names = ['ordinary', ...TYPES];
    return published({
      ...d,
      versionId: 'gen',
      funding,
      parameters: {
        tierLimit: { value: tierLimit, ref: 'r' },
        rateUpToLimit: { value: r1, ref: 'r' },
        rateAbove: { value: r2, ref: 'r' },
        caps: { value: Object.fromEntries(names.map((n, i) => [n, caps[i] ?? 0])), ref: 'r' },
      },
    });
  });
const rdFacts = fc.record({
  factDate: fc.constant('2024-12-31'),
  acceptedRdExpense: fen(20_000_000_000),
  filingRef: fc.constant('F'),
  enterpriseTypes: fc.subarray([...TYPES]),
  rdBudgetFiled: fc.boolean(),
  ipItemsLast3Years: fc.integer({ min: 0, max: 3 }),
  dishonest: fc.boolean(),
});

const hnteVersion = fc
  .record({
    bounds: fc.uniqueArray(fen(1_000_000_000_000), { minLength: 0, maxLength: 4 }),
    amounts: fc.array(fen(100_000_000), { minLength: 5, maxLength: 5 }),
    funding,
  })
  .map(({ bounds, amounts, funding }) => {
    const d = draftOf('hnte-award/city');
    const sorted = [...bounds].sort((a, b) => a - b);
    const tiers = [
      ...sorted.map((b, i) => ({ maxRevenue: b, amount: amounts[i] ?? 0 })),
      { maxRevenue: null, amount: amounts[4] ?? 0 },
    ];
    return published({
      ...d,
      versionId: 'gen',
      funding,
      parameters: {
        firstTiers: { value: tiers, ref: 'r' },
        recertification: { value: amounts[0] ?? 0, ref: 'r' },
        movingIn: { value: amounts[1] ?? 0, ref: 'r' },
      },
    });
  });
const hnteFacts = fc.record({
  factDate: fc.constant('2024-12-01'),
  certification: fc.constantFrom(
    'first' as const,
    'recertification' as const,
    'moving-in' as const,
    'name-change-reissue' as const,
  ),
  latestYearRevenue: fen(2_000_000_000_000),
});

const tsmeVersion = fc
  .record({ amount: fen(100_000_000), consecutive: fc.boolean(), funding })
  .map(({ amount, consecutive, funding }) => {
    const d = draftOf('tsme-entry-award/county');
    return published({
      ...d,
      versionId: 'gen',
      funding,
      parameters: {
        amount: { value: amount, ref: 'r' },
        requireConsecutiveEntry: { value: consecutive, ref: 'r' },
      },
    });
  });
const tsmeFacts = fc.record({
  factDate: fc.constant('2024-06-20'),
  entered: fc.boolean(),
  enteredPreviousYear: fc.boolean(),
});

const cases = fc.oneof(
  fc.tuple(rdVersion, rdFacts as fc.Arbitrary<EntitlementFacts>),
  fc.tuple(hnteVersion, hnteFacts as fc.Arbitrary<EntitlementFacts>),
  fc.tuple(tsmeVersion, tsmeFacts as fc.Arbitrary<EntitlementFacts>),
);
const place = fc.constantFrom(
  ['410402', false] as const,
  ['410482', true] as const,
  ['430672', false] as const,
  ['419001', true] as const,
);

function run(v: PolicyVersionData, facts: EntitlementFacts, countyCode: string, pa: boolean) {
  return calculate(
    [v],
    { ...facts, provinciallyAdministered: pa },
    {
      entitlementId: 'e',
      uscc: USCC,
      countyCode,
      provinciallyAdministered: pa,
      basis: { kind: 'rd-application', reference: 'F', eventId: 'ev' },
      decisionOn: facts.factDate,
      budgetYear: 2025,
      inputs: [],
    },
    '2025-03-01',
  );
}

describe('properties over generated policy versions and facts', () => {
  it('generated versions pass the publication invariants', () => {
    fc.assert(
      fc.property(cases, ([v]) => {
        checkParameters(v.policyId, v.parameters);
        checkWithPolicy([v]);
      }),
    );
  });

  it('shares add up exactly, province ≤ 50 % and city ≤ 20 % of any shared amount (省直管县 included), nothing negative, recomputation identical', () => {
    fc.assert(
      fc.property(cases, place, ([v, facts], [countyCode, pa]) => {
        const e = run(v, facts, countyCode, pa);
        const { province, city, county } = e.shares;
        expect(province + city + county).toBe(e.amount);
        expect(Math.min(e.amount, province, city, county)).toBeGreaterThanOrEqual(0);
        if (v.funding.kind === 'shared') {
          expect(2 * province).toBeLessThanOrEqual(e.amount);
          expect(5 * city).toBeLessThanOrEqual(e.amount);
        }
        if (pa) expect(city).toBe(0);
        expect(run(v, facts, countyCode, pa)).toEqual(e);
        checkContracts([{ type: 'EntitlementCalculated', data: e }]);
      }),
      { numRuns: 300 },
    );
  });

  it('the compiled what-if arithmetic equals @peiyu/policy on every version and fact', () => {
    const out = new Float64Array(3);
    fc.assert(
      fc.property(cases, fc.boolean(), ([v, facts], pa) => {
        const reference = calculateEntitlement([toPolicyVersion(v)], {
          ...facts,
          provinciallyAdministered: pa,
        });
        const compiled = compileVersion(v);
        const amount = compiled.amount(facts);
        compiled.split(amount, pa, out);
        expect({ amount, shares: { province: out[0], city: out[1], county: out[2] } }).toEqual({
          amount: reference.amount,
          shares: reference.shares,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a pro-rata round gives exactly the available fen, each within one fen above its exact share and never above its request', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: 1, max: 50_000_000_000 }),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, fraction) => {
          const requests = rows.map((r, i) => ({
            id: `e${i}`,
            decisionOn: `2025-03-${String(r.day).padStart(2, '0')}`,
            amount: r.amount,
          }));
          const total = requests.reduce((s, r) => s + BigInt(r.amount), 0n);
          const available = Number((total * BigInt(Math.floor(fraction * 1_000_000))) / 1_000_000n);
          const cut = proRata(requests, available);
          let sum = 0n;
          for (const r of requests) {
            const got = cut.get(r.id)?.approved ?? -1;
            const exactFloor = (BigInt(r.amount) * BigInt(available)) / total;
            expect(BigInt(got) === exactFloor || BigInt(got) === exactFloor + 1n).toBe(true);
            expect(got).toBeLessThanOrEqual(r.amount);
            sum += BigInt(got);
          }
          expect(sum).toBe(BigInt(available));
        },
      ),
    );
  });
});

describe('properties of a ledger and of the what-if', () => {
  const KEY = { level: 'county' as const, regionCode: '410402', policyId: 'rd-subsidy', budgetYear: 2025 };
  const ctx = ctxOf(finance('410402'), '2025-04-01');

  it('rounds never consume more than the budget; pro rata consumes exactly what is left when it does not fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom('pro-rata' as const, 'queue-by-decision-date' as const),
        fc.array(fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (budget, rule, rounds) => {
          let history: LedgerEvent[] = [
            ...ledgerDecider.decide(
              { type: 'AllocateBudget', ledger: KEY, amount: budget, reference: 'b' },
              initialLedgerState,
              ctx,
            ),
          ];
          let n = 0;
          for (const [r, amounts] of rounds.entries()) {
            const before = budgetStatus(fold(ledgerDecider, history));
            const shares: ShareRef[] = amounts.map((amount) => {
              n += 1;
              return {
                ...KEY,
                entitlementId: `e${n}`,
                uscc: USCC,
                countyCode: '410402',
                decisionOn: `2025-03-${String((n % 28) + 1).padStart(2, '0')}`,
                factDate: '2024-12-31',
                basis: { kind: 'rd-application', reference: `f${n}`, eventId: `ev${n}` },
                amount,
                budgetRule: { kind: rule, ref: 'r' },
              };
            });
            let events: LedgerEvent[] = [];
            try {
              events = [
                ...ledgerDecider.decide(
                  { type: 'ApproveRound', ledger: KEY, roundId: `r${r}`, shares },
                  fold(ledgerDecider, history),
                  ctx,
                ),
              ];
            } catch (err) {
              expect(err).toBeInstanceOf(DomainError);
              expect((err as DomainError).code).toBe('budget.exhausted');
            }
            checkContracts(events);
            history = [...history, ...events];
            const after = budgetStatus(fold(ledgerDecider, history));
            expect(after.consumed).toBeLessThanOrEqual(after.allocated);
            const total = amounts.reduce((s, a) => s + a, 0);
            if (rule === 'pro-rata')
              expect(after.consumed - before.consumed).toBe(Math.min(total, before.remaining));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the what-if without overlay totals exactly what the recorded calculations say', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cases, place), { minLength: 1, maxLength: 20 }), (rows) => {
        const facts: WhatIfFact[] = [];
        const versions: PolicyVersionData[] = [];
        let expected = 0;
        let province = 0;
        rows.forEach(([[v, f], [countyCode, pa]], i) => {
          // one policy id per generated version, so each fact has its own version
          const policyId = v.policyId;
          const own = {
            ...v,
            policyId,
            versionId: `v${i}`,
            effectiveFrom: `${2000 + i}-01-01`,
            effectiveTo: `${2000 + i}-12-31`,
          };
          const fact = { ...f, factDate: `${2000 + i}-06-30` } as EntitlementFacts;
          const e = run(own, fact, countyCode, pa);
          expected += e.amount;
          province += e.shares.province;
          versions.push(own);
          facts.push({ uscc: `U${i}`, countyCode, provinciallyAdministered: pa, policyId, facts: fact });
        });
        const chained = chainByPolicy(versions);
        const r = whatIf(facts, chained, {}, { from: '2000-01-01', to: '2030-12-31' });
        expect([r.total.actual.amount, r.total.actual.province, r.unmatched]).toEqual([
          expected,
          province,
          0,
        ]);
        expect(r.total.simulated).toEqual(r.total.actual);
      }),
      { numRuns: 100 },
    );
  });
});

/** Versions of one policy must follow each other without gaps: fill the years between with a copy. */
function chainByPolicy(versions: PolicyVersionData[]): PolicyVersionData[] {
  const out: PolicyVersionData[] = [];
  const byPolicy = new Map<string, PolicyVersionData[]>();
  for (const v of versions) byPolicy.set(v.policyId, [...(byPolicy.get(v.policyId) ?? []), v]);
  for (const vs of byPolicy.values()) {
    vs.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    vs.forEach((v, i) => {
      const next = vs[i + 1];
      const to = next ? `${Number(next.effectiveFrom.slice(0, 4)) - 1}-12-31` : v.effectiveTo;
      out.push({ ...v, effectiveTo: to });
    });
  }
  return out;
}
