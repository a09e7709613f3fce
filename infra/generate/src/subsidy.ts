import {
  entitlementStreamId,
  subsidyLedgerStreamId,
  subsidyPolicyStreamId,
  type EventData,
  type HnteCertifiedV2,
  type SmeEntered,
} from '@peiyu/contracts';
import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import {
  awardEntitlementId,
  entitlementDecider,
  exampleVersionDrafts,
  hnteFactFromEvent,
  ledgerDecider,
  policyDecider,
  sharesOf,
  smeEntryFromEvent,
  type AwardFact,
  type EntitlementData,
  type LedgerKey,
  type PolicyVersionData,
  type ShareRef,
} from '@peiyu/subsidy';
import type { Actor, Append } from './append';
import { DecidedStream } from './decide';
import { addDays, workingDays } from './dates';
import { Rng } from './rng';
import type { StoredFact } from './units';

/** The admin publishes policies; subsidy's own reactions to facts are the system's (people-and-places.md). */
const ADMIN: Actor = { role: 'admin', id: 'admin-subsidy' };
const SYSTEM: Actor = { role: 'system', id: 'subsidy' };
const finance = (regionCode: string): Actor => ({
  role: 'finance',
  id: `finance-${regionCode}`,
  region: regionCode,
});

/** The award policies the generator pays (the R&D subsidy is by application, not from a recorded fact). */
export const AWARD_POLICIES = [
  'tsme-entry-award/city',
  'tsme-entry-award/county',
  'hnte-award/city',
  'hnte-award/county',
] as const;
export type AwardPolicy = (typeof AWARD_POLICIES)[number];

/**
 * The example policies the subsidy service ships (`exampleVersionDrafts`: EXAMPLE parameters of subsidy.md,
 * as `npm start -- --demo` publishes them), published by the admin on the year's first working days.
 */
export function policyStreams(year: number, ids: Rng) {
  const streams = new Map<string, DecidedStream<ReturnType<typeof policyDecider.evolve>, never, never>>();
  for (const version of exampleVersionDrafts()) {
    let s = streams.get(version.policyId);
    if (!s) {
      s = new DecidedStream(subsidyPolicyStreamId(version.policyId), policyDecider as never);
      streams.set(version.policyId, s);
    }
    s.step(ids, workingDays(`${year}-01-01`, 2), ADMIN, { type: 'PublishPolicyVersion', version } as never);
  }
  return streams;
}

export function publishedVersions(year: number): (policyId: string) => readonly PolicyVersionData[] {
  const streams = policyStreams(year, new Rng(0, 'subsidy-policies-state'));
  return (id) => (streams.get(id)?.state as { versions: PolicyVersionData[] } | undefined)?.versions ?? [];
}

/** The facts a policy awards, as subsidy reads them from the other services' events. */
export function factsOf(policy: AwardPolicy): { db: 'assessment' | 'certification'; type: string } {
  return policy.startsWith('tsme-')
    ? { db: 'assessment', type: 'SmeEntered' }
    : { db: 'certification', type: 'HnteCertified' };
}

function awardFact(f: StoredFact): { fact: AwardFact; countyCode: string } {
  if (f.type === 'SmeEntered') {
    const d = f.data as EventData<typeof SmeEntered>;
    // The generated history is one year: no enterprise was entered the year before.
    return { fact: smeEntryFromEvent(f.eventId, d, null), countyCode: d.countyCode };
  }
  const d = f.data as EventData<typeof HnteCertifiedV2>;
  return { fact: hnteFactFromEvent(f.eventId, d), countyCode: d.countyCode! };
}

const factDate = (f: AwardFact) => (f.kind === 'sme-entry' ? f.enteredOn : f.issuedOn);

/**
 * One award policy in one province for the year: each fact (an entry, a certificate) is awarded by subsidy's
 * reaction the day it is recorded (CalculateAward, the system); each paying level's finance bureau allocates
 * its budget in January — 85–130 % of what the year will ask, so some ledgers run short and their last
 * rounds are reduced pro rata (the example policies' budget rule) — approves each month's entitlements in one
 * round on the 10th working day of the next month (December's wait for next year's budget), and pays each
 * approved share 10–30 days later within the year.
 */
export function awardAppends(
  seed: number,
  year: number,
  province: string,
  policy: AwardPolicy,
  facts: readonly StoredFact[],
  ids: Rng,
): Append[] {
  const versions = publishedVersions(year);
  const lookups = { policyVersions: (id: string) => (id === policy ? versions(id) : []) };
  const out: Append[] = [];
  const shares = new Map<string, ShareRef[]>();
  for (const f of facts) {
    const { fact, countyCode } = awardFact(f);
    if (!countyCode.startsWith(province.slice(0, 2))) continue;
    const s = new DecidedStream(entitlementStreamId(awardEntitlementId(policy, fact)), entitlementDecider);
    const [calculated] = s.step(
      ids,
      factDate(fact),
      SYSTEM,
      {
        type: 'CalculateAward',
        policyId: policy,
        fact,
        countyCode,
        provinciallyAdministered: DEFAULT_PROVINCIALLY_ADMINISTERED.includes(countyCode),
      },
      lookups,
    );
    out.push(...s.appends);
    for (const share of sharesOf(calculated!.data as EntitlementData)) {
      const id = subsidyLedgerStreamId(share);
      const list = shares.get(id);
      if (list) list.push(share);
      else shares.set(id, [share]);
    }
  }
  for (const [id, list] of shares) out.push(...ledgerAppends(seed, year, id, list, ids));
  return out;
}

function ledgerAppends(seed: number, year: number, streamId: string, list: ShareRef[], ids: Rng): Append[] {
  const r = new Rng(seed, `ledger:${streamId}`);
  const first = list[0]!;
  const ledger: LedgerKey = {
    level: first.level,
    regionCode: first.regionCode,
    policyId: first.policyId,
    budgetYear: first.budgetYear,
  };
  const actor = finance(ledger.regionCode);
  const s = new DecidedStream(streamId, ledgerDecider);
  const asked = list.reduce((t, x) => t + x.amount, 0);
  s.step(ids, workingDays(`${year}-01-01`, r.int(5, 15)), actor, {
    type: 'AllocateBudget',
    ledger,
    amount: Math.max(1, Math.round((asked * r.int(85, 130)) / 100)),
    reference: `${ledger.regionCode}财政〔${year}〕${r.int(1, 99)}号 预算批复`,
  });
  const byMonth = new Map<number, ShareRef[]>();
  for (const x of list) {
    const m = Number(x.decisionOn.slice(5, 7));
    if (Number(x.decisionOn.slice(0, 4)) !== year || m === 12) continue;
    const l = byMonth.get(m);
    if (l) l.push(x);
    else byMonth.set(m, [x]);
  }
  // Rounds and payments in the order of their days: a payment never precedes the round that approved it.
  let payments: Array<{ on: string; entitlementId: string }> = [];
  const pay = (before: string) => {
    payments.sort((a, b) => a.on.localeCompare(b.on) || a.entitlementId.localeCompare(b.entitlementId));
    const due = payments.filter((p) => p.on < before);
    payments = payments.filter((p) => p.on >= before);
    for (const p of due)
      s.step(ids, p.on, actor, {
        type: 'DisburseShare',
        ledger,
        entitlementId: p.entitlementId,
        paymentRef: `${ledger.regionCode}-${year}-${p.entitlementId.slice(-24)}`,
      });
  };
  for (const [m, round] of [...byMonth].sort((a, b) => a[0] - b[0])) {
    const on = workingDays(`${year}-${String(m + 1).padStart(2, '0')}-01`, 10);
    pay(on);
    if (s.state.allocated - s.state.consumed <= 0) break; // the budget is spent: the rest waits for more
    const events = s.step(ids, on, actor, {
      type: 'ApproveRound',
      ledger,
      roundId: `${ledger.level}-${ledger.regionCode}-${year}-${String(m).padStart(2, '0')}`,
      shares: round,
    });
    for (const e of events) {
      const d = e.data as { entitlementId: string; amount?: number; approved?: number };
      const paid = addDays(on, r.int(10, 30));
      if ((d.amount ?? d.approved ?? 0) > 0 && paid <= `${year}-12-31`)
        payments.push({ on: paid, entitlementId: d.entitlementId });
    }
  }
  pay(`${year + 1}-01-01`);
  return s.appends;
}
