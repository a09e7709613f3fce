import { HNTE_RULE_SETS, PolicyInputError, TECH_SME_RULE_SETS } from '@peiyu/policy';
import { RecomputeInputError, type Comparison } from './diff';
import { recomputeHntePrecheck, type HnteSubmittedData } from './hnte-precheck';
import { recomputeEntitlement, type EntitlementData, type PublishedVersion } from './subsidy-entitlement';
import { recomputeTechSmeScore, type SmeSubmittedData } from './tech-sme-score';

export { compareRecorded, RecomputeInputError } from './diff';
export { recomputeTechSmeScore } from './tech-sme-score';
export { recomputeHntePrecheck, precheckInputOf } from './hnte-precheck';
export { recomputeEntitlement, versionsAsOf, factsOf } from './subsidy-entitlement';

/** The three things an auditor recomputes (issue 16), by the event that recorded them. */
export const RECOMPUTE_KINDS = ['tech-sme-score', 'hnte-precheck', 'subsidy-entitlement'] as const;
export type RecomputeKind = (typeof RECOMPUTE_KINDS)[number];

export const RECOMPUTED_EVENT_TYPES: Readonly<Record<string, RecomputeKind>> = {
  SmeEvaluationSubmitted: 'tech-sme-score',
  HnteApplicationSubmitted: 'hnte-precheck',
  HnteApplicationResubmitted: 'hnte-precheck',
  EntitlementCalculated: 'subsidy-entitlement',
};

/** Parameter overlays per kind: rule-set fields for a score or pre-check, version parameters for an entitlement. */
export type ParameterOverrides = Partial<Record<RecomputeKind, Readonly<Record<string, unknown>>>>;

export interface Recomputation extends Comparison {
  kind: RecomputeKind;
  /** The rule set (score, pre-check) or the policy version (entitlement) the record names. */
  ruleSetId: string;
  overridden: string[];
  /** Set when the record could not be recomputed (unknown rule set, inputs the policy refuses). */
  error?: { code: string; message: string };
}

/** What a recomputation needs besides the event: the subsidy policies' published versions (from the ledger). */
export interface RecomputeContext {
  publishedVersions(policyId: string): readonly PublishedVersion[];
  /** Every parameter name of every published version (what an entitlement override may name). */
  parameterNames(): ReadonlySet<string>;
}

/**
 * The overrides that name no parameter of their kind (`kind.name`): a request asking for them is refused as a
 * whole, before anything is recomputed, rather than answered record by record with an error.
 */
export function unknownParameters(overrides: ParameterOverrides, ctx: RecomputeContext): string[] {
  const known: Record<RecomputeKind, ReadonlySet<string>> = {
    'tech-sme-score': new Set(Object.values(TECH_SME_RULE_SETS).flatMap((r) => Object.keys(r))),
    'hnte-precheck': new Set(Object.values(HNTE_RULE_SETS).flatMap((r) => Object.keys(r))),
    'subsidy-entitlement': ctx.parameterNames(),
  };
  return RECOMPUTE_KINDS.flatMap((k) =>
    Object.keys(overrides[k] ?? {})
      .filter((n) => !known[k].has(n) || n === 'id')
      .map((n) => `${k}.${n}`),
  );
}

/**
 * Recomputes one recorded event of a kind above (decoded to its latest schema). An event of another type is
 * `undefined`; a record the policy cannot recompute is a result with `error` and `match: false`.
 */
export function recomputeEvent(
  event: { type: string; data: unknown },
  ctx: RecomputeContext,
  overrides: ParameterOverrides = {},
): Recomputation | undefined {
  const kind = RECOMPUTED_EVENT_TYPES[event.type];
  if (!kind) return undefined;
  const data = event.data as Record<string, unknown>;
  const ruleSetId = String(kind === 'subsidy-entitlement' ? data.versionId : data.ruleSetId);
  try {
    switch (kind) {
      case 'tech-sme-score': {
        const r = recomputeTechSmeScore(data as SmeSubmittedData, overrides[kind]);
        return { ...r, ruleSetId };
      }
      case 'hnte-precheck': {
        const r = recomputeHntePrecheck(data as HnteSubmittedData, overrides[kind]);
        return { ...r, ruleSetId };
      }
      case 'subsidy-entitlement': {
        const d = data as EntitlementData;
        const r = recomputeEntitlement(d, ctx.publishedVersions(d.policyId), overrides[kind]);
        return {
          kind: r.kind,
          ruleSetId,
          overridden: r.overridden,
          match: r.match,
          diffs: r.diffs,
          recorded: r.recorded,
          recomputed: r.recomputed,
        };
      }
    }
  } catch (err) {
    if (!(err instanceof RecomputeInputError) && !(err instanceof PolicyInputError)) throw err;
    return {
      kind,
      ruleSetId,
      overridden: Object.keys(overrides[kind] ?? {}).sort(),
      match: false,
      diffs: [],
      recorded: null,
      recomputed: null,
      error: { code: (err as { code: string }).code, message: err.message },
    };
  }
}

/** A batch's summary: how many of each kind matched, differed or could not be recomputed. */
export interface RecomputeSummary {
  total: number;
  matched: number;
  differed: number;
  failed: number;
  byKind: Record<RecomputeKind, { total: number; matched: number; differed: number; failed: number }>;
  /** Field paths that differed, with how often (the shape of a parameter change across a region). */
  fields: Array<{ path: string; count: number }>;
}

export function emptySummary(): RecomputeSummary {
  const zero = () => ({ total: 0, matched: 0, differed: 0, failed: 0 });
  return {
    total: 0,
    matched: 0,
    differed: 0,
    failed: 0,
    byKind: { 'tech-sme-score': zero(), 'hnte-precheck': zero(), 'subsidy-entitlement': zero() },
    fields: [],
  };
}

/** Adds one result to a summary (pure; returns the same object, updated, for a fold). */
export function summarise(s: RecomputeSummary, r: Recomputation): RecomputeSummary {
  const outcome = r.error ? 'failed' : r.match ? 'matched' : 'differed';
  s.total++;
  s[outcome]++;
  s.byKind[r.kind].total++;
  s.byKind[r.kind][outcome]++;
  for (const d of r.diffs) {
    // Array indexes folded away, so one changed step counts once across records: trace.steps.*.values.points.
    const path = d.path.replace(/\.\d+(?=\.|$)/g, '.*');
    const f = s.fields.find((x) => x.path === path);
    if (f) f.count++;
    else s.fields.push({ path, count: 1 });
  }
  return s;
}
