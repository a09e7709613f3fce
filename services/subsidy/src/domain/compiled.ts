import {
  parseFraction,
  type EntitlementFacts,
  type HnteAwardFacts,
  type RdSubsidyFacts,
  type TsmeEntryFacts,
} from '@peiyu/policy';
import type { PolicyVersionData } from './events';

/**
 * A policy version turned into plain integer arithmetic for replaying many facts (the what-if): no trace, no
 * allocation per fact. It computes exactly what @peiyu/policy's calculateEntitlement computes — the tests check
 * the two against each other on generated versions and facts — and stays exact: products that could pass 2^53
 * fall back to BigInt.
 */
export interface CompiledVersion {
  readonly versionId: string;
  readonly from: string;
  readonly to: string | null;
  amount(facts: EntitlementFacts): number;
  /** Writes province, city, county into out[0..2]. */
  split(amount: number, provinciallyAdministered: boolean, out: Float64Array): void;
}

/** ⌊a × n ÷ d⌋ for non-negative integers, exact. */
export function mulDivFloor(a: number, n: number, d: number): number {
  const x = a * n;
  if (x > Number.MAX_SAFE_INTEGER) return Number((BigInt(a) * BigInt(n)) / BigInt(d));
  let q = Math.floor(x / d);
  // x / d is rounded to the nearest double; step back or forward to the exact floor.
  if (q * d > x) q -= 1;
  else if ((q + 1) * d <= x) q += 1;
  return q;
}

function fraction(text: string): { n: number; d: number } {
  const r = parseFraction(text);
  return { n: Number(r.num), d: Number(r.den) };
}

function rdAmount(p: Record<string, { value: unknown }>): (f: EntitlementFacts) => number {
  const limit = p.tierLimit?.value as number;
  const r1 = fraction(p.rateUpToLimit?.value as string);
  const r2 = fraction(p.rateAbove?.value as string);
  const caps = p.caps?.value as Record<string, number>;
  const ordinary = caps.ordinary ?? 0;
  const den = r1.d * r2.d;
  return (facts) => {
    const f = facts as RdSubsidyFacts;
    if (!f.rdBudgetFiled || f.ipItemsLast3Years < 1 || f.dishonest) return 0;
    const base = f.acceptedRdExpense;
    const lower = base < limit ? base : limit;
    const upper = base > limit ? base - limit : 0;
    const a = lower * r1.n * r2.d;
    const b = upper * r2.n * r1.d;
    let raw: number;
    if (a + b <= Number.MAX_SAFE_INTEGER) raw = mulDivFloor(a + b, 1, den);
    else {
      const big = BigInt(lower) * BigInt(r1.n * r2.d) + BigInt(upper) * BigInt(r2.n * r1.d);
      raw = Number(big / BigInt(den));
    }
    let cap = ordinary;
    for (const t of f.enterpriseTypes) {
      const c = caps[t] ?? 0;
      if (c > cap) cap = c;
    }
    return raw < cap ? raw : cap;
  };
}

function tsmeAmount(p: Record<string, { value: unknown }>): (f: EntitlementFacts) => number {
  const amount = p.amount?.value as number;
  const consecutive = p.requireConsecutiveEntry?.value as boolean;
  return (facts) => {
    const f = facts as TsmeEntryFacts;
    return f.entered && (!consecutive || f.enteredPreviousYear === true) ? amount : 0;
  };
}

function hnteAmount(p: Record<string, { value: unknown }>): (f: EntitlementFacts) => number {
  const tiers = p.firstTiers?.value as { maxRevenue: number | null; amount: number }[];
  const recert = p.recertification?.value as number;
  const movingIn = p.movingIn?.value as number;
  return (facts) => {
    const f = facts as HnteAwardFacts;
    switch (f.certification) {
      case 'first': {
        for (const t of tiers)
          if (t.maxRevenue === null || f.latestYearRevenue <= t.maxRevenue) return t.amount;
        return 0;
      }
      case 'recertification':
        return recert;
      case 'moving-in':
        return movingIn;
      default:
        return 0;
    }
  };
}

export function compileVersion(v: PolicyVersionData): CompiledVersion {
  const p = v.parameters as Record<string, { value: unknown }>;
  const amount =
    v.policyId === 'rd-subsidy'
      ? rdAmount(p)
      : v.policyId.startsWith('tsme-entry-award/')
        ? tsmeAmount(p)
        : hnteAmount(p);
  const f = v.funding;
  let split: CompiledVersion['split'];
  if (f.kind === 'shared') {
    const pr = fraction(f.province);
    const ci = fraction(f.city);
    split = (a, pa, out) => {
      const province = mulDivFloor(a, pr.n, pr.d);
      const city = pa ? 0 : mulDivFloor(a, ci.n, ci.d);
      out[0] = province;
      out[1] = city;
      out[2] = a - province - city;
    };
  } else {
    // A city's own award in a provincially administered county is paid by the county (@peiyu/policy ownFundsShares).
    const slot = f.level === 'province' ? 0 : f.level === 'city' ? 1 : 2;
    split = (a, pa, out) => {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
      out[slot === 1 && pa ? 2 : slot] = a;
    };
  }
  return { versionId: v.versionId, from: v.effectiveFrom, to: v.effectiveTo, amount, split };
}

/** The compiled version in force on `date` (ISO dates compare as text), or null. */
export function versionOn(versions: readonly CompiledVersion[], date: string): CompiledVersion | null {
  for (const v of versions) if (v.from <= date && (v.to === null || date <= v.to)) return v;
  return null;
}
