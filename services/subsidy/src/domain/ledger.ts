import type { DecisionContext, Decider } from '@peiyu/eventstore';
import { yearOf } from './dates';
import { refuse } from './errors';
import type {
  BudgetRule,
  Cancellation,
  EntitlementBasis,
  EntitlementData,
  FiscalLevel,
  LedgerEvent,
} from './events';
import { levelOfRegion } from './levels';
import { proRata, REMAINDER_RULE } from './prorata';

/** One ledger per paying level, region, policy and budget year (`subsidyLedgerStreamId`). */
export interface LedgerKey {
  readonly level: FiscalLevel;
  readonly regionCode: string;
  readonly policyId: string;
  readonly budgetYear: number;
}

/** One level's share of one entitlement, as the shell reads it from the entitlement's calculation. */
export interface ShareRef extends LedgerKey {
  readonly entitlementId: string;
  readonly uscc: string;
  readonly countyCode: string;
  readonly decisionOn: string;
  readonly factDate: string;
  readonly basis: EntitlementBasis;
  readonly amount: number;
  readonly budgetRule: BudgetRule;
}

/** The shares of a calculation that a level has to approve: one per paying level with a non-zero amount. */
export function sharesOf(c: EntitlementData): ShareRef[] {
  const levels: FiscalLevel[] = ['province', 'city', 'county'];
  return levels.flatMap((level) => {
    const regionCode = c.payers[level];
    const amount = c.shares[level];
    if (amount === 0 || regionCode === null) return [];
    return [
      {
        level,
        regionCode,
        policyId: c.policyId,
        budgetYear: c.budgetYear,
        entitlementId: c.entitlementId,
        uscc: c.uscc,
        countyCode: c.countyCode,
        decisionOn: c.decisionOn,
        factDate: c.factDate,
        basis: c.basis,
        amount,
        budgetRule: c.budgetRule,
      },
    ];
  });
}

export type LedgerCommand =
  | { type: 'AllocateBudget'; ledger: LedgerKey; amount: number; reference: string }
  | { type: 'ApproveShare'; ledger: LedgerKey; share: ShareRef; reason?: string | null }
  | { type: 'ApproveRound'; ledger: LedgerKey; roundId: string; shares: readonly ShareRef[] }
  | { type: 'DisburseShare'; ledger: LedgerKey; entitlementId: string; paymentRef: string }
  | { type: 'OrderClawback'; ledger: LedgerKey; cancellation: Cancellation }
  | { type: 'RecordRecovery'; ledger: LedgerKey; entitlementId: string; amount: number; reference: string };

export interface LedgerShare {
  readonly uscc: string;
  readonly basis: EntitlementBasis;
  readonly factDate: string;
  readonly approved: number;
  readonly disbursed: number;
  readonly withdrawn: boolean;
  readonly clawback: number;
  readonly recovered: number;
}

export interface LedgerState {
  readonly key: LedgerKey | null;
  readonly allocated: number;
  /** Approved and not withdrawn: the budget's live consumption. */
  readonly consumed: number;
  readonly shares: Readonly<Record<string, LedgerShare>>;
}

export const initialLedgerState: LedgerState = { key: null, allocated: 0, consumed: 0, shares: {} };

export interface BudgetStatus {
  readonly allocated: number;
  readonly consumed: number;
  readonly remaining: number;
  readonly disbursed: number;
  readonly clawedBack: number;
  readonly recovered: number;
}

/** Live consumption of a level's budget for one policy and year. */
export function budgetStatus(s: LedgerState): BudgetStatus {
  const all = Object.values(s.shares);
  const sum = (f: (x: LedgerShare) => number) => all.reduce((t, x) => t + f(x), 0);
  return {
    allocated: s.allocated,
    consumed: s.consumed,
    remaining: s.allocated - s.consumed,
    disbursed: sum((x) => x.disbursed),
    clawedBack: sum((x) => x.clawback),
    recovered: sum((x) => x.recovered),
  };
}

const sameKey = (a: LedgerKey, b: LedgerKey) =>
  a.level === b.level &&
  a.regionCode === b.regionCode &&
  a.policyId === b.policyId &&
  a.budgetYear === b.budgetYear;

/**
 * people-and-places.md: a finance bureau acts on "its level and region" only. The level is read from the
 * account's division code, so a city account is refused at a county's ledger even before the region is compared.
 */
function authorise(key: LedgerKey, ctx: DecisionContext, allowSystem = false): void {
  const { role, region } = ctx.actor;
  if (allowSystem && role === 'system') return;
  if (role !== 'finance') throw refuse('forbidden', 'finance.role', `role ${role} cannot act on a budget`);
  if (!region || levelOfRegion(region) !== key.level)
    throw refuse(
      'forbidden',
      'finance.other-level',
      `a ${region ? levelOfRegion(region) : '?'} account cannot act on the ${key.level} share`,
    );
  if (region !== key.regionCode)
    throw refuse(
      'forbidden',
      'finance.other-region',
      `account of ${region} cannot act for ${key.regionCode}`,
    );
}

function ledgerKey(s: ShareRef): LedgerKey {
  return { level: s.level, regionCode: s.regionCode, policyId: s.policyId, budgetYear: s.budgetYear };
}

function checkShare(state: LedgerState, key: LedgerKey, s: ShareRef): void {
  if (!sameKey(ledgerKey(s), key))
    throw refuse(
      'invalid',
      'ledger.mismatch',
      `${s.entitlementId}: ${s.level} ${s.regionCode} ${s.policyId} ${s.budgetYear}`,
    );
  if (s.amount === 0) throw refuse('invalid', 'share.zero', `${s.entitlementId} has no ${s.level} share`);
  if (state.shares[s.entitlementId])
    throw refuse('conflict', 'share.already-approved', `${s.entitlementId} is already approved`);
}

const shareData = (s: ShareRef) => ({
  level: s.level,
  regionCode: s.regionCode,
  policyId: s.policyId,
  budgetYear: s.budgetYear,
  entitlementId: s.entitlementId,
  uscc: s.uscc,
  countyCode: s.countyCode,
  decisionOn: s.decisionOn,
  factDate: s.factDate,
  basis: s.basis,
});

function approveOne(
  c: Extract<LedgerCommand, { type: 'ApproveShare' }>,
  state: LedgerState,
  key: LedgerKey,
  ctx: DecisionContext,
): LedgerEvent[] {
  checkShare(state, key, c.share);
  if (state.allocated === 0)
    throw refuse('conflict', 'budget.none', `no budget allocated for ${key.policyId} ${key.budgetYear}`);
  const remaining = state.allocated - state.consumed;
  if (c.share.amount > remaining) {
    if (c.share.budgetRule.kind === 'queue-by-decision-date')
      throw refuse(
        'conflict',
        'budget.exhausted',
        `${c.share.amount} fen asked, ${remaining} fen left (${c.share.budgetRule.ref})`,
      );
    throw refuse(
      'conflict',
      'budget.round-required',
      `${c.share.amount} fen asked, ${remaining} fen left: reduce the round pro rata (${c.share.budgetRule.ref})`,
    );
  }
  return [
    {
      type: 'ShareApproved',
      data: {
        ...shareData(c.share),
        amount: c.share.amount,
        roundId: null,
        approvedOn: ctx.today,
        reason: c.reason ?? null,
      },
    },
  ];
}

const byDecision = (a: ShareRef, b: ShareRef) =>
  a.decisionOn < b.decisionOn
    ? -1
    : a.decisionOn > b.decisionOn
      ? 1
      : a.entitlementId < b.entitlementId
        ? -1
        : a.entitlementId > b.entitlementId
          ? 1
          : 0;

/**
 * A round of approvals under the version's budget rule (subsidy.md): everything fits → all approved; otherwise
 * queue by decision date (approved in order in full, stopping at the first that no longer fits, so no later
 * decision overtakes an earlier one; nothing fits → refused), or pro rata over the whole round, exact to the fen.
 */
function approveRound(
  c: Extract<LedgerCommand, { type: 'ApproveRound' }>,
  state: LedgerState,
  key: LedgerKey,
  ctx: DecisionContext,
): LedgerEvent[] {
  if (c.shares.length === 0) throw refuse('invalid', 'round.empty', `round ${c.roundId} has no shares`);
  const seen = new Set<string>();
  for (const s of c.shares) {
    checkShare(state, key, s);
    if (seen.has(s.entitlementId))
      throw refuse('conflict', 'share.already-approved', `${s.entitlementId} twice in the round`);
    seen.add(s.entitlementId);
  }
  const rule = c.shares[0]?.budgetRule.kind;
  if (c.shares.some((s) => s.budgetRule.kind !== rule))
    throw refuse('invalid', 'budget.mixed-rules', `round ${c.roundId} mixes budget rules`);
  if (state.allocated === 0)
    throw refuse('conflict', 'budget.none', `no budget allocated for ${key.policyId} ${key.budgetYear}`);
  const ordered = [...c.shares].sort(byDecision);
  const remaining = state.allocated - state.consumed;
  const total = ordered.reduce((t, s) => t + s.amount, 0);
  const approve = (s: ShareRef): LedgerEvent => ({
    type: 'ShareApproved',
    data: { ...shareData(s), amount: s.amount, roundId: c.roundId, approvedOn: ctx.today, reason: null },
  });
  if (total <= remaining) return ordered.map(approve);
  if (rule === 'queue-by-decision-date') {
    const out: LedgerEvent[] = [];
    let left = remaining;
    for (const s of ordered) {
      if (s.amount > left) break;
      left -= s.amount;
      out.push(approve(s));
    }
    if (out.length === 0)
      throw refuse(
        'conflict',
        'budget.exhausted',
        `${remaining} fen left, the first in the queue asks ${ordered[0]?.amount}`,
      );
    return out;
  }
  const cut = proRata(
    ordered.map((s) => ({ id: s.entitlementId, decisionOn: s.decisionOn, amount: s.amount })),
    remaining,
  );
  return ordered.map((s): LedgerEvent => {
    const { approved, extra } = cut.get(s.entitlementId) ?? { approved: 0, extra: 0 };
    if (approved === s.amount) return approve(s);
    return {
      type: 'ShareReduced',
      data: {
        ...shareData(s),
        roundId: c.roundId,
        requested: s.amount,
        approved,
        roundAvailable: remaining,
        roundRequested: total,
        remainderFen: extra,
        remainderRule: REMAINDER_RULE,
        approvedOn: ctx.today,
      },
    };
  });
}

function share(state: LedgerState, id: string): LedgerShare {
  const s = state.shares[id];
  if (!s) throw refuse('conflict', 'share.not-approved', `${id} has no approved share here`);
  return s;
}

function disburse(
  c: Extract<LedgerCommand, { type: 'DisburseShare' }>,
  state: LedgerState,
  key: LedgerKey,
  ctx: DecisionContext,
): LedgerEvent[] {
  const s = share(state, c.entitlementId);
  if (s.withdrawn)
    throw refuse('conflict', 'share.basis-cancelled', `${c.entitlementId}: its basis was cancelled`);
  if (s.disbursed > 0)
    throw refuse('conflict', 'share.already-disbursed', `${c.entitlementId} was already paid`);
  if (s.approved === 0)
    throw refuse('conflict', 'share.nothing-to-pay', `${c.entitlementId} was reduced to nothing`);
  return [
    {
      type: 'ShareDisbursed',
      data: {
        ...key,
        entitlementId: c.entitlementId,
        amount: s.approved,
        paymentRef: c.paymentRef,
        disbursedOn: ctx.today,
      },
    },
  ];
}

const BASIS_OF: Record<Cancellation['kind'], EntitlementBasis['kind']> = {
  'hnte-cancelled': 'hnte-certificate',
  'sme-entry-revoked-fraud': 'sme-entry',
};

/**
 * subsidy.md "clawback when the basis is later cancelled": every share this level paid on the cancelled basis
 * whose fact falls in the cancellation's effective year or later (HNTE: "recovers from the year of the conduct") is to be
 * recovered; a share approved but not yet paid is withdrawn instead. Already handled shares are left alone.
 */
function clawback(
  c: Extract<LedgerCommand, { type: 'OrderClawback' }>,
  state: LedgerState,
  key: LedgerKey,
  ctx: DecisionContext,
): LedgerEvent[] {
  const k = c.cancellation;
  const from = k.effectiveYear;
  return Object.entries(state.shares)
    .filter(
      ([, s]) =>
        s.basis.kind === BASIS_OF[k.kind] && s.basis.reference === k.reference && yearOf(s.factDate) >= from,
    )
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([entitlementId, s]): LedgerEvent[] => {
      if (s.disbursed > 0 && s.clawback === 0)
        return [
          {
            type: 'ClawbackOrdered',
            data: {
              ...key,
              entitlementId,
              uscc: s.uscc,
              amount: s.disbursed,
              cancellation: k,
              orderedOn: ctx.today,
            },
          },
        ];
      if (s.disbursed === 0 && !s.withdrawn)
        return [
          {
            type: 'ShareWithdrawn',
            data: { ...key, entitlementId, amount: s.approved, cancellation: k, withdrawnOn: ctx.today },
          },
        ];
      return [];
    });
}

function recover(
  c: Extract<LedgerCommand, { type: 'RecordRecovery' }>,
  state: LedgerState,
  key: LedgerKey,
  ctx: DecisionContext,
): LedgerEvent[] {
  const s = share(state, c.entitlementId);
  if (s.clawback === 0)
    throw refuse('conflict', 'recovery.no-clawback', `${c.entitlementId}: nothing ordered back`);
  const outstanding = s.clawback - s.recovered;
  if (c.amount <= 0 || c.amount > outstanding)
    throw refuse(
      'invalid',
      'recovery.exceeds',
      `${c.amount} fen received, ${outstanding} fen outstanding`,
      'amount',
    );
  return [
    {
      type: 'RecoveryRecorded',
      data: {
        ...key,
        entitlementId: c.entitlementId,
        amount: c.amount,
        reference: c.reference,
        receivedOn: ctx.today,
        outstanding: outstanding - c.amount,
      },
    },
  ];
}

function decide(c: LedgerCommand, state: LedgerState, ctx: DecisionContext): LedgerEvent[] {
  if (state.key && !sameKey(state.key, c.ledger))
    throw refuse('invalid', 'ledger.mismatch', 'command for another ledger');
  const key = c.ledger;
  authorise(key, ctx, c.type === 'OrderClawback');
  switch (c.type) {
    case 'AllocateBudget':
      if (!Number.isSafeInteger(c.amount) || c.amount <= 0)
        throw refuse('invalid', 'budget.amount', `${c.amount} is not a positive number of fen`, 'amount');
      return [
        {
          type: 'BudgetAllocated',
          data: { ...key, amount: c.amount, reference: c.reference, allocatedOn: ctx.today },
        },
      ];
    case 'ApproveShare':
      return approveOne(c, state, key, ctx);
    case 'ApproveRound':
      return approveRound(c, state, key, ctx);
    case 'DisburseShare':
      return disburse(c, state, key, ctx);
    case 'OrderClawback':
      return clawback(c, state, key, ctx);
    case 'RecordRecovery':
      return recover(c, state, key, ctx);
  }
}

function keyOf(d: LedgerKey): LedgerKey {
  return { level: d.level, regionCode: d.regionCode, policyId: d.policyId, budgetYear: d.budgetYear };
}

function update(state: LedgerState, id: string, f: (s: LedgerShare) => LedgerShare): LedgerState {
  const s = state.shares[id];
  return s ? { ...state, shares: { ...state.shares, [id]: f(s) } } : state;
}

function approved(
  state: LedgerState,
  d: { entitlementId: string; uscc: string; basis: EntitlementBasis; factDate: string },
  amount: number,
): LedgerState {
  const s: LedgerShare = {
    uscc: d.uscc,
    basis: d.basis,
    factDate: d.factDate,
    approved: amount,
    disbursed: 0,
    withdrawn: false,
    clawback: 0,
    recovered: 0,
  };
  return { ...state, consumed: state.consumed + amount, shares: { ...state.shares, [d.entitlementId]: s } };
}

function evolve(state: LedgerState, e: LedgerEvent): LedgerState {
  const base = state.key ? state : { ...state, key: keyOf(e.data) };
  switch (e.type) {
    case 'BudgetAllocated':
      return { ...base, allocated: base.allocated + e.data.amount };
    case 'ShareApproved':
      return approved(base, e.data, e.data.amount);
    case 'ShareReduced':
      return approved(base, e.data, e.data.approved);
    case 'ShareDisbursed':
      return update(base, e.data.entitlementId, (s) => ({ ...s, disbursed: e.data.amount }));
    case 'ShareWithdrawn':
      return {
        ...update(base, e.data.entitlementId, (s) => ({ ...s, withdrawn: true })),
        consumed: base.consumed - e.data.amount,
      };
    case 'ClawbackOrdered':
      return update(base, e.data.entitlementId, (s) => ({ ...s, clawback: e.data.amount }));
    case 'RecoveryRecorded':
      return update(base, e.data.entitlementId, (s) => ({ ...s, recovered: s.recovered + e.data.amount }));
  }
}

/** A level's ledger: budget, approvals (single or a round under the budget rule), payment, clawback, recovery. */
export const ledgerDecider: Decider<LedgerState, LedgerCommand, LedgerEvent> = {
  initialState: initialLedgerState,
  evolve,
  decide,
};
