import { deciderSpec, fold } from '@peiyu/eventstore';
import type { LedgerEvent } from './events';
import { budgetStatus, ledgerDecider, type LedgerCommand, type LedgerKey, type ShareRef } from './ledger';
import { REMAINDER_RULE } from './prorata';
import { checkContracts, ctxOf, finance, SYSTEM, USCC, USCC_2 } from './test-support/fixtures';

const spec = deciderSpec(ledgerDecider);
const KEY: LedgerKey = { level: 'county', regionCode: '410402', policyId: 'rd-subsidy', budgetYear: 2025 };
const fin = ctxOf(finance('410402'), '2025-04-01');
const PRO_RATA = { kind: 'pro-rata' as const, ref: 'example: 按比例核减' };
const QUEUE = { kind: 'queue-by-decision-date' as const, ref: 'example: queue' };

const share = (id: string, amount: number, decisionOn: string, over: Partial<ShareRef> = {}): ShareRef => ({
  ...KEY,
  entitlementId: id,
  uscc: USCC,
  countyCode: '410402',
  decisionOn,
  factDate: '2024-12-31',
  basis: { kind: 'rd-application', reference: `filing-${id}`, eventId: `ev-${id}` },
  amount,
  budgetRule: PRO_RATA,
  ...over,
});
const dataOf = (s: ShareRef) => {
  const { amount: _amount, budgetRule: _rule, ...rest } = s;
  return rest;
};

const allocated = (amount: number, key: LedgerKey = KEY): LedgerEvent => ({
  type: 'BudgetAllocated',
  data: { ...key, amount, reference: '豫财科〔2025〕1号', allocatedOn: '2025-03-01' },
});
const approvedEvent = (s: ShareRef, roundId: string | null = null): LedgerEvent => ({
  type: 'ShareApproved',
  data: { ...dataOf(s), amount: s.amount, roundId, approvedOn: '2025-04-01', reason: null },
});
const idOf = (e: LedgerEvent): string => ('entitlementId' in e.data ? e.data.entitlementId : '');
const run = (history: LedgerEvent[], cmd: LedgerCommand, ctx = fin): LedgerEvent[] => {
  const events = ledgerDecider.decide(cmd, fold(ledgerDecider, history), ctx) as LedgerEvent[];
  checkContracts(events);
  return [...events];
};

const A = share('A', 60_000, '2025-03-01');
const B = share('B', 50_000, '2025-03-02');
const C = share('C', 40_000, '2025-03-03');

describe('budgets and approvals of one level', () => {
  it('allocates a budget; allocations add up and consumption is live', () => {
    const cmd: LedgerCommand = {
      type: 'AllocateBudget',
      ledger: KEY,
      amount: 100_000,
      reference: '豫财科〔2025〕1号',
    };
    spec
      .given([])
      .when(cmd, ctxOf(finance('410402'), '2025-03-01'))
      .then([allocated(100_000)]);
    const state = fold(ledgerDecider, [allocated(100_000), allocated(20_000), approvedEvent(A)]);
    expect(budgetStatus(state)).toEqual({
      allocated: 120_000,
      consumed: 60_000,
      remaining: 60_000,
      disbursed: 0,
      clawedBack: 0,
      recovered: 0,
    });
    spec
      .given([])
      .when({ ...cmd, amount: 0 }, fin)
      .thenRejects('budget.amount');
  });

  it('approves its own share in full when it fits', () => {
    spec
      .given([allocated(100_000)])
      .when({ type: 'ApproveShare', ledger: KEY, share: A }, fin)
      .then([approvedEvent(A)]);
  });

  it('refuses an approval at another level, in another region, or by another role', () => {
    const cmd: LedgerCommand = { type: 'ApproveShare', ledger: KEY, share: A };
    const given = spec.given([allocated(100_000)]);
    given.when(cmd, ctxOf(finance('410400'))).thenRejects('finance.other-level');
    given.when(cmd, ctxOf(finance('410000'))).thenRejects('finance.other-level');
    given.when(cmd, ctxOf(finance('410403'))).thenRejects('finance.other-region');
    given
      .when(cmd, ctxOf({ role: 'county_reviewer', id: 'r', region: '410402' }))
      .thenRejects('finance.role');
    given.when(cmd, ctxOf(SYSTEM)).thenRejects('finance.role');
  });

  it('refuses a share of another ledger, a zero share, a share approved twice, and any approval without a budget', () => {
    const given = spec.given([allocated(100_000), approvedEvent(A)]);
    given
      .when(
        {
          type: 'ApproveShare',
          ledger: KEY,
          share: share('D', 1, '2025-03-01', { level: 'city', regionCode: '410400' }),
        },
        fin,
      )
      .thenRejects('ledger.mismatch');
    given
      .when({ type: 'ApproveShare', ledger: KEY, share: share('D', 0, '2025-03-01') }, fin)
      .thenRejects('share.zero');
    given.when({ type: 'ApproveShare', ledger: KEY, share: A }, fin).thenRejects('share.already-approved');
    spec.given([]).when({ type: 'ApproveShare', ledger: KEY, share: A }, fin).thenRejects('budget.none');
    given
      .when({ type: 'ApproveShare', ledger: { ...KEY, budgetYear: 2026 }, share: A }, fin)
      .thenRejects('ledger.mismatch');
  });

  it('beyond the budget: the queue rule refuses (budget exhausted), the pro-rata rule asks for a round', () => {
    const given = spec.given([allocated(100_000), approvedEvent(A)]);
    given
      .when({ type: 'ApproveShare', ledger: KEY, share: { ...B, budgetRule: QUEUE } }, fin)
      .thenRejects('budget.exhausted');
    given.when({ type: 'ApproveShare', ledger: KEY, share: B }, fin).thenRejects('budget.round-required');
  });
});

describe('a round under the budget rule', () => {
  it('approves everything when the round fits, in decision order', () => {
    spec
      .given([allocated(150_000)])
      .when({ type: 'ApproveRound', ledger: KEY, roundId: 'r1', shares: [C, A, B] }, fin)
      .then([approvedEvent(A, 'r1'), approvedEvent(B, 'r1'), approvedEvent(C, 'r1')]);
  });

  it('pro rata, exact to the fen, the fen left over to the largest remainder', () => {
    // available 100,000 of 150,000 requested:
    //   A 60,000 × 100,000 / 150,000 = 40,000        remainder 0
    //   B 50,000 × 100,000 / 150,000 = 33,333.33…    → 33,333, remainder 50,000/150,000
    //   C 40,000 × 100,000 / 150,000 = 26,666.66…    → 26,666, remainder 100,000/150,000
    //   floors add to 99,999: the 1 fen left goes to C (largest remainder) → 26,667; total 100,000 exactly
    const reduced = (s: ShareRef, approved: number, remainderFen: 0 | 1): LedgerEvent => ({
      type: 'ShareReduced',
      data: {
        ...dataOf(s),
        roundId: 'r1',
        requested: s.amount,
        approved,
        roundAvailable: 100_000,
        roundRequested: 150_000,
        remainderFen,
        remainderRule: REMAINDER_RULE,
        approvedOn: '2025-04-01',
      },
    });
    const outcome = spec
      .given([allocated(100_000)])
      .when({ type: 'ApproveRound', ledger: KEY, roundId: 'r1', shares: [A, B, C] }, fin);
    outcome.then([reduced(A, 40_000, 0), reduced(B, 33_333, 0), reduced(C, 26_667, 1)]);
    const events = run([allocated(100_000)], {
      type: 'ApproveRound',
      ledger: KEY,
      roundId: 'r1',
      shares: [A, B, C],
    });
    expect(budgetStatus(fold(ledgerDecider, [allocated(100_000), ...events])).remaining).toBe(0);
  });

  it('pro rata ties of the remainder go to the earlier decision', () => {
    // 15,001 fen for two requests of 10,000: 7,500.5 each → 7,500 + 7,500, 1 fen left → Y (decided 03-04) before X (03-05)
    const X = share('X', 10_000, '2025-03-05');
    const Y = share('Y', 10_000, '2025-03-04');
    const events = run([allocated(15_001)], {
      type: 'ApproveRound',
      ledger: KEY,
      roundId: 'r2',
      shares: [X, Y],
    });
    expect(events.map((e) => [idOf(e), e.type === 'ShareReduced' ? e.data.approved : null])).toEqual([
      ['Y', 7_501],
      ['X', 7_500],
    ]);
  });

  it('queue by decision date: approved in order in full, stopping at the first that no longer fits', () => {
    const q = (s: ShareRef) => ({ ...s, budgetRule: QUEUE });
    const c30 = q(share('C', 30_000, '2025-03-03'));
    // 100,000: A 60,000 fits (40,000 left); B 50,000 does not → the queue stops, C waits behind B
    spec
      .given([allocated(100_000)])
      .when({ type: 'ApproveRound', ledger: KEY, roundId: 'q1', shares: [c30, q(B), q(A)] }, fin)
      .then([approvedEvent(q(A), 'q1')]);
    spec
      .given([allocated(100_000), approvedEvent(q(A), 'q1')])
      .when({ type: 'ApproveRound', ledger: KEY, roundId: 'q2', shares: [q(B)] }, fin)
      .thenRejects('budget.exhausted');
  });

  it('refuses an empty round, a share twice, and mixed budget rules', () => {
    const given = spec.given([allocated(100_000)]);
    given
      .when({ type: 'ApproveRound', ledger: KEY, roundId: 'r', shares: [] }, fin)
      .thenRejects('round.empty');
    given
      .when({ type: 'ApproveRound', ledger: KEY, roundId: 'r', shares: [A, A] }, fin)
      .thenRejects('share.already-approved');
    given
      .when(
        { type: 'ApproveRound', ledger: KEY, roundId: 'r', shares: [A, { ...B, budgetRule: QUEUE }] },
        fin,
      )
      .thenRejects('budget.mixed-rules');
  });
});

describe('disbursement of the own share', () => {
  const paid: LedgerEvent = {
    type: 'ShareDisbursed',
    data: { ...KEY, entitlementId: 'A', amount: 60_000, paymentRef: 'PAY-1', disbursedOn: '2025-04-01' },
  };

  it('pays the approved amount once with a payment reference', () => {
    const given = spec.given([allocated(100_000), approvedEvent(A)]);
    given
      .when({ type: 'DisburseShare', ledger: KEY, entitlementId: 'A', paymentRef: 'PAY-1' }, fin)
      .then([paid]);
    spec
      .given([allocated(100_000), approvedEvent(A), paid])
      .when({ type: 'DisburseShare', ledger: KEY, entitlementId: 'A', paymentRef: 'PAY-2' }, fin)
      .thenRejects('share.already-disbursed');
    given
      .when({ type: 'DisburseShare', ledger: KEY, entitlementId: 'B', paymentRef: 'PAY-3' }, fin)
      .thenRejects('share.not-approved');
    given
      .when(
        { type: 'DisburseShare', ledger: KEY, entitlementId: 'A', paymentRef: 'PAY-1' },
        ctxOf(finance('410400')),
      )
      .thenRejects('finance.other-level');
  });

  it('a share reduced to nothing has nothing to pay', () => {
    const history = [allocated(60_000), approvedEvent(A)];
    const round = run(history, { type: 'ApproveRound', ledger: KEY, roundId: 'r', shares: [B] });
    expect(round[0]?.type === 'ShareReduced' && round[0].data.approved).toBe(0);
    spec
      .given([...history, ...round])
      .when({ type: 'DisburseShare', ledger: KEY, entitlementId: 'B', paymentRef: 'P' }, fin)
      .thenRejects('share.nothing-to-pay');
  });
});

describe('clawback and recovery', () => {
  const CITY: LedgerKey = {
    level: 'city',
    regionCode: '410400',
    policyId: 'tsme-entry-award/city',
    budgetYear: 2024,
  };
  const cityFin = ctxOf(finance('410400'), '2024-10-01');
  const entryShare = (id: string, reg: string, uscc = USCC): ShareRef => ({
    ...CITY,
    entitlementId: id,
    uscc,
    countyCode: '410402',
    decisionOn: '2024-06-20',
    factDate: '2024-06-20',
    basis: { kind: 'sme-entry', reference: reg, eventId: `ev-${id}` },
    amount: 1_000_000,
    budgetRule: PRO_RATA,
  });
  const paidShare = entryShare('E1', 'REG-1');
  const unpaidShare = entryShare('E2', 'REG-1', USCC_2);
  const otherShare = entryShare('E3', 'REG-9');
  const history: LedgerEvent[] = [
    allocated(10_000_000, CITY),
    ...[paidShare, unpaidShare, otherShare].map((s) => approvedEvent(s)),
    {
      type: 'ShareDisbursed',
      data: {
        ...CITY,
        entitlementId: 'E1',
        amount: 1_000_000,
        paymentRef: 'PAY-E1',
        disbursedOn: '2024-07-01',
      },
    },
  ];
  const fraud = {
    kind: 'sme-entry-revoked-fraud' as const,
    reference: 'REG-1',
    effectiveFrom: '2024-09-01',
    effectiveYear: 2024,
    eventId: 'ev-revoked',
  };
  const order: LedgerCommand = { type: 'OrderClawback', ledger: CITY, cancellation: fraud };
  const ordered: LedgerEvent = {
    type: 'ClawbackOrdered',
    data: {
      ...CITY,
      entitlementId: 'E1',
      uscc: USCC,
      amount: 1_000_000,
      cancellation: fraud,
      orderedOn: '2024-10-01',
    },
  };
  const withdrawn: LedgerEvent = {
    type: 'ShareWithdrawn',
    data: { ...CITY, entitlementId: 'E2', amount: 1_000_000, cancellation: fraud, withdrawnOn: '2024-10-01' },
  };
  const sys = ctxOf(SYSTEM, '2024-10-01');

  it('a fraud revocation orders back what was paid and withdraws what was not, releasing its budget', () => {
    spec.given(history).when(order, sys).then([ordered, withdrawn]);
    const after = fold(ledgerDecider, [...history, ordered, withdrawn]);
    expect(budgetStatus(after)).toEqual({
      allocated: 10_000_000,
      consumed: 2_000_000,
      remaining: 8_000_000,
      disbursed: 1_000_000,
      clawedBack: 1_000_000,
      recovered: 0,
    });
    spec
      .given([...history, ordered, withdrawn])
      .when(order, sys)
      .then([]);
    spec
      .given([...history, ordered, withdrawn])
      .when({ type: 'DisburseShare', ledger: CITY, entitlementId: 'E2', paymentRef: 'P' }, cityFin)
      .thenRejects('share.basis-cancelled');
  });

  it('HNTE cancellation recovers from the year it takes effect, not before', () => {
    const H: LedgerKey = {
      level: 'county',
      regionCode: '410402',
      policyId: 'hnte-award/county',
      budgetYear: 2023,
    };
    const s: ShareRef = {
      ...entryShare('H1', 'GR202341000123'),
      ...H,
      factDate: '2023-12-01',
      decisionOn: '2023-12-01',
      basis: { kind: 'hnte-certificate', reference: 'GR202341000123', eventId: 'ev-c' },
    };
    const paidH: LedgerEvent[] = [
      allocated(1_000_000, H),
      approvedEvent(s),
      {
        type: 'ShareDisbursed',
        data: { ...H, entitlementId: 'H1', amount: 1_000_000, paymentRef: 'P', disbursedOn: '2024-01-10' },
      },
    ];
    const cancel = (effectiveFrom: string) => ({
      kind: 'hnte-cancelled' as const,
      reference: 'GR202341000123',
      effectiveFrom,
      effectiveYear: Number(effectiveFrom.slice(0, 4)),
      eventId: 'ev-x',
    });
    // conduct in 2024: the 2023 award stands
    spec
      .given(paidH)
      .when({ type: 'OrderClawback', ledger: H, cancellation: cancel('2024-03-01') }, sys)
      .then([]);
    // conduct in 2023 (e.g. application fraud): the award is recovered
    const events = run(paidH, { type: 'OrderClawback', ledger: H, cancellation: cancel('2023-01-01') }, sys);
    expect(events.map((e) => [e.type, idOf(e), 'amount' in e.data ? e.data.amount : null])).toEqual([
      ['ClawbackOrdered', 'H1', 1_000_000],
    ]);
  });

  it('records recoveries up to what was ordered back', () => {
    const given = [...history, ordered];
    const part: LedgerEvent = {
      type: 'RecoveryRecorded',
      data: {
        ...CITY,
        entitlementId: 'E1',
        amount: 400_000,
        reference: '缴款书 001',
        receivedOn: '2024-10-01',
        outstanding: 600_000,
      },
    };
    spec
      .given(given)
      .when(
        {
          type: 'RecordRecovery',
          ledger: CITY,
          entitlementId: 'E1',
          amount: 400_000,
          reference: '缴款书 001',
        },
        cityFin,
      )
      .then([part]);
    spec
      .given([...given, part])
      .when(
        { type: 'RecordRecovery', ledger: CITY, entitlementId: 'E1', amount: 600_001, reference: 'x' },
        cityFin,
      )
      .thenRejects('recovery.exceeds');
    spec
      .given(given)
      .when({ type: 'RecordRecovery', ledger: CITY, entitlementId: 'E3', amount: 1, reference: 'x' }, cityFin)
      .thenRejects('recovery.no-clawback');
    expect(budgetStatus(fold(ledgerDecider, [...given, part])).recovered).toBe(400_000);
  });
});
