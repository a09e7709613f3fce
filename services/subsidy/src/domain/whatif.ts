import type { EntitlementFacts } from '@peiyu/policy';
import { compileVersion, versionOn, type CompiledVersion } from './compiled';
import { refuse } from './errors';
import type { PolicyVersionData } from './events';
import { checkParameters, checkWithPolicy } from './policy-versions';

/** A recorded fact to replay: who, where, under which policy, and the facts the calculation read. */
export interface WhatIfFact {
  readonly uscc: string;
  readonly countyCode: string;
  readonly provinciallyAdministered: boolean;
  readonly policyId: string;
  readonly facts: EntitlementFacts;
}

/**
 * A parameter overlay (subsidy.md "What-if"): cost shares for every shared policy (still within the ceilings:
 * province ≤ 50 %, city ≤ 20 %), and parameter values by policy (a new cap, other tiers, …). Applied to every
 * version of the period; nothing is written.
 */
export interface Overlay {
  readonly shares?: { readonly province: string; readonly city: string };
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface Money {
  amount: number;
  province: number;
  city: number;
  county: number;
}
export interface Comparison {
  readonly actual: Money;
  readonly simulated: Money;
}
export interface EnterpriseChange {
  readonly uscc: string;
  readonly actual: number;
  readonly simulated: number;
  readonly delta: number;
}
export interface WhatIfResult {
  readonly period: { readonly from: string; readonly to: string };
  readonly facts: number;
  /** Facts of the period with no version in force on their date (not counted in the totals). */
  readonly unmatched: number;
  readonly total: Comparison;
  readonly byPolicy: Readonly<Record<string, Comparison>>;
  readonly byCounty: Readonly<Record<string, Comparison>>;
  /** The enterprises whose total changes most (by absolute change, then USCC). */
  readonly topChanges: readonly EnterpriseChange[];
}

const OVERLAY_REF = 'what-if overlay (simulation, not in force)';

/** The versions with the overlay applied, checked by the same invariants as a publication. */
export function applyOverlay(versions: readonly PolicyVersionData[], overlay: Overlay): PolicyVersionData[] {
  const out = versions.map((v) => {
    const over = overlay.parameters?.[v.policyId] ?? {};
    const parameters = { ...v.parameters };
    for (const [name, value] of Object.entries(over))
      parameters[name] = { value: value as never, ref: OVERLAY_REF };
    const funding =
      v.funding.kind === 'shared' && overlay.shares
        ? {
            kind: 'shared' as const,
            province: overlay.shares.province,
            city: overlay.shares.city,
            ref: OVERLAY_REF,
          }
        : v.funding;
    checkParameters(v.policyId, parameters);
    return { ...v, parameters, funding };
  });
  const byPolicy = new Map<string, PolicyVersionData[]>();
  for (const v of out) byPolicy.set(v.policyId, [...(byPolicy.get(v.policyId) ?? []), v]);
  for (const vs of byPolicy.values()) checkWithPolicy(vs);
  return out;
}

const zero = (): Money => ({ amount: 0, province: 0, city: 0, county: 0 });
const comparison = (): Comparison => ({ actual: zero(), simulated: zero() });

function add(m: Money, amount: number, s: Float64Array): void {
  m.amount += amount;
  m.province += s[0] as number;
  m.city += s[1] as number;
  m.county += s[2] as number;
}

function compileAll(versions: readonly PolicyVersionData[]): Map<string, CompiledVersion[]> {
  const m = new Map<string, CompiledVersion[]>();
  for (const v of versions) m.set(v.policyId, [...(m.get(v.policyId) ?? []), compileVersion(v)]);
  return m;
}

/**
 * Replays the facts of [from, to] (by fact date) under the published versions and under the overlay, in one
 * pass: totals by policy, level and county against the actual ones, and the `top` enterprises whose amounts
 * change most. Pure and read-only; versions are compiled once, no trace is built.
 */
export function whatIf(
  facts: readonly WhatIfFact[],
  versions: readonly PolicyVersionData[],
  overlay: Overlay,
  options: { from: string; to: string; top?: number },
): WhatIfResult {
  if (options.from > options.to)
    throw refuse('invalid', 'policy.version', 'the period ends before it starts', 'to');
  const lanes = lanesOf(versions, applyOverlay(versions, overlay));
  const total = comparison();
  const byCounty = new Map<string, Comparison>();
  const perEnterprise = new Map<string, { actual: number; simulated: number }>();
  const sa = new Float64Array(3);
  const ss = new Float64Array(3);
  let count = 0;
  let unmatched = 0;
  for (const fact of facts) {
    const date = fact.facts.factDate;
    if (date < options.from || date > options.to) continue;
    count += 1;
    const lane = lanes.get(fact.policyId);
    const va = lane ? versionOn(lane.actual, date) : null;
    const vs = lane ? versionOn(lane.simulated, date) : null;
    if (!lane || !va || !vs) {
      unmatched += 1;
      continue;
    }
    lane.facts += 1;
    const a = va.amount(fact.facts);
    const s = vs.amount(fact.facts);
    va.split(a, fact.provinciallyAdministered, sa);
    vs.split(s, fact.provinciallyAdministered, ss);
    let c = byCounty.get(fact.countyCode);
    if (!c) byCounty.set(fact.countyCode, (c = comparison()));
    add(total.actual, a, sa);
    add(total.simulated, s, ss);
    add(lane.totals.actual, a, sa);
    add(lane.totals.simulated, s, ss);
    add(c.actual, a, sa);
    add(c.simulated, s, ss);
    const e = perEnterprise.get(fact.uscc);
    if (e) {
      e.actual += a;
      e.simulated += s;
    } else perEnterprise.set(fact.uscc, { actual: a, simulated: s });
  }
  // a policy appears in the result once a fact of the period was replayed under it
  const byPolicy = new Map([...lanes].filter(([, l]) => l.facts > 0).map(([id, l]) => [id, l.totals]));
  return {
    period: { from: options.from, to: options.to },
    facts: count,
    unmatched,
    total,
    byPolicy: sorted(byPolicy),
    byCounty: sorted(byCounty),
    topChanges: topChanges(perEnterprise, options.top ?? 10),
  };
}

/** Per policy: its compiled versions both ways and its running totals, found with one lookup per fact. */
interface Lane {
  readonly actual: CompiledVersion[];
  readonly simulated: CompiledVersion[];
  readonly totals: Comparison;
  /** Facts of the period replayed under this policy. */
  facts: number;
}

function lanesOf(
  actual: readonly PolicyVersionData[],
  simulated: readonly PolicyVersionData[],
): Map<string, Lane> {
  const a = compileAll(actual);
  const s = compileAll(simulated);
  const lanes = new Map<string, Lane>();
  for (const [policyId, versions] of a) {
    lanes.set(policyId, {
      actual: versions,
      simulated: s.get(policyId) ?? [],
      totals: comparison(),
      facts: 0,
    });
  }
  return lanes;
}

function sorted(m: Map<string, Comparison>): Record<string, Comparison> {
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function topChanges(m: Map<string, { actual: number; simulated: number }>, top: number): EnterpriseChange[] {
  const rows: EnterpriseChange[] = [];
  for (const [uscc, e] of m)
    if (e.simulated !== e.actual)
      rows.push({ uscc, actual: e.actual, simulated: e.simulated, delta: e.simulated - e.actual });
  rows.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.uscc < y.uscc ? -1 : 1));
  return rows.slice(0, top);
}
