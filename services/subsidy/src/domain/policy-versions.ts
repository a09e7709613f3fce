import { isDeepStrictEqual } from 'node:util';
import { FractionTextSchema, PolicyVersionPublished, RD_SUBSIDY_ENTERPRISE_TYPES } from '@peiyu/contracts';
import type { DecisionContext, Decider } from '@peiyu/eventstore';
import {
  EXAMPLE_POLICY_VERSIONS,
  loadPolicyVersions,
  PolicyInputError,
  type PolicyVersion,
} from '@peiyu/policy';
import { z } from 'zod';
import { dayBefore } from './dates';
import { refuse, type RuleCode } from './errors';
import type { BudgetRule, PolicyEvent, PolicyVersionData } from './events';

const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const param = <T extends z.ZodType>(value: T) => z.object({ value, ref: z.string() }).strict();
const caps = z
  .object(Object.fromEntries(RD_SUBSIDY_ENTERPRISE_TYPES.map((t) => [t, Fen])) as Record<string, typeof Fen>)
  .strict();
const tiers = z
  .array(z.object({ maxRevenue: Fen.nullable(), amount: Fen }).strict())
  .min(1)
  .refine((ts) => ts.at(-1)?.maxRevenue === null, 'the last tier must be open (maxRevenue null)')
  .refine(
    (ts) => ts.slice(0, -1).every((t, i) => i === 0 || (t.maxRevenue ?? 0) > (ts[i - 1]?.maxRevenue ?? 0)),
    'tier bounds must increase',
  );

/** The parameters each policy's calculation reads (@peiyu/policy PolicyVersion), checked before publication. */
export const PARAMETER_SCHEMAS = {
  'rd-subsidy': z
    .object({
      tierLimit: param(Fen),
      rateUpToLimit: param(FractionTextSchema),
      rateAbove: param(FractionTextSchema),
      caps: param(caps),
    })
    .strict(),
  'tsme-entry-award/city': z
    .object({ amount: param(Fen), requireConsecutiveEntry: param(z.boolean()) })
    .strict(),
  'tsme-entry-award/county': z
    .object({ amount: param(Fen), requireConsecutiveEntry: param(z.boolean()) })
    .strict(),
  'hnte-award/city': z
    .object({ firstTiers: param(tiers), recertification: param(Fen), movingIn: param(Fen) })
    .strict(),
  'hnte-award/county': z
    .object({ firstTiers: param(tiers), recertification: param(Fen), movingIn: param(Fen) })
    .strict(),
} as const;
export type SubsidyPolicyId = keyof typeof PARAMETER_SCHEMAS;
export const SUBSIDY_POLICY_IDS = Object.keys(PARAMETER_SCHEMAS) as SubsidyPolicyId[];

export function isSubsidyPolicyId(id: string): id is SubsidyPolicyId {
  return id in PARAMETER_SCHEMAS;
}

/** A recorded version as @peiyu/policy reads it (the event holds exactly its fields, plus budget rule and flags). */
export function toPolicyVersion(v: PolicyVersionData): PolicyVersion {
  const { policyId, versionId, effectiveFrom, effectiveTo, legalReference, funding, parameters } = v;
  return {
    policyId,
    versionId,
    effectiveFrom,
    effectiveTo,
    legalReference,
    funding,
    parameters,
  } as PolicyVersion;
}

/** What an admin publishes: a version without the fields the decision adds. */
export type VersionDraft = Omit<PolicyVersionData, 'replaces' | 'publishedOn'>;

export type PolicyCommand = { type: 'PublishPolicyVersion'; version: VersionDraft };
export interface PolicyState {
  readonly versions: readonly PolicyVersionData[];
}

// @peiyu/policy's codes → the rule this service names.
const POLICY_CODES: Record<string, RuleCode> = {
  'policy.gap': 'policy.gap',
  'policy.overlap': 'policy.overlap',
  'policy.duplicate': 'policy.duplicate',
  'policy.version': 'policy.version',
  'policy.funding': 'policy.funding',
  'share.province': 'policy.funding',
  'share.city': 'policy.funding',
  'share.negative': 'policy.funding',
  'rational.invalid': 'policy.funding',
};

function checkReferences(v: VersionDraft): void {
  const missing = (s: string) => s.trim() === '';
  if (missing(v.legalReference))
    throw refuse('invalid', 'policy.reference', 'legalReference is empty', 'legalReference');
  if (missing(v.funding.ref))
    throw refuse('invalid', 'policy.reference', 'funding.ref is empty', 'funding.ref');
  if (missing(v.budgetRule.ref))
    throw refuse('invalid', 'policy.reference', 'budgetRule.ref is empty', 'budgetRule.ref');
  for (const [name, p] of Object.entries(v.parameters))
    if (missing(p.ref))
      throw refuse(
        'invalid',
        'policy.reference',
        `parameter ${name} has no reference`,
        `parameters.${name}.ref`,
      );
}

/** Refuses a draft whose parameters the policy's calculation cannot read, naming the first problem. */
export function checkParameters(policyId: string, parameters: unknown): void {
  if (!isSubsidyPolicyId(policyId))
    throw refuse('invalid', 'policy.unknown', `unknown policy ${policyId}`, 'policyId');
  const parsed = PARAMETER_SCHEMAS[policyId].safeParse(parameters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw refuse('invalid', 'policy.parameters', `${path}: ${issue?.message}`, `parameters.${path}`);
  }
}

/** Runs @peiyu/policy's invariants (ceilings, funding, periods without gap or overlap) and names the broken rule. */
export function checkWithPolicy(versions: readonly PolicyVersionData[]): void {
  try {
    loadPolicyVersions(versions.map(toPolicyVersion));
  } catch (err) {
    if (!(err instanceof PolicyInputError)) throw err;
    throw refuse('invalid', POLICY_CODES[err.code] ?? 'policy.version', err.message);
  }
}

function sameVersion(a: PolicyVersionData, b: VersionDraft): boolean {
  const { replaces: _r, publishedOn: _p, ...rest } = a;
  return isDeepStrictEqual(rest, b);
}

/** The contract's own checks (fraction text, dates, lengths), so a version the store would refuse is a 400 here. */
function checkContract(v: PolicyVersionData): void {
  const parsed = PolicyVersionPublished.schema.safeParse(v);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw refuse('invalid', 'policy.version', `${path}: ${issue?.message}`, path);
}

function decide(command: PolicyCommand, state: PolicyState, ctx: DecisionContext): PolicyEvent[] {
  const v = command.version;
  if (state.versions.some((p) => p.versionId === v.versionId && sameVersion(p, v))) return []; // a retry
  if (state.versions[0] && state.versions[0].policyId !== v.policyId)
    throw refuse('invalid', 'policy.unknown', `this stream holds ${state.versions[0].policyId}`, 'policyId');
  checkParameters(v.policyId, v.parameters);
  checkReferences(v);
  // "null = until replaced": a later version closes the open-ended one the day before it starts.
  const open = state.versions.find((p) => p.effectiveTo === null);
  const replaces =
    open && open.effectiveFrom < v.effectiveFrom
      ? { versionId: open.versionId, effectiveTo: dayBefore(v.effectiveFrom) }
      : null;
  const published: PolicyVersionData = { ...v, replaces, publishedOn: ctx.today };
  checkContract(published);
  checkWithPolicy([...state.versions.map((p) => close(p, replaces)), published]);
  return [{ type: 'PolicyVersionPublished', data: published }];
}

function close(p: PolicyVersionData, replaces: PolicyVersionData['replaces']): PolicyVersionData {
  return replaces?.versionId === p.versionId ? { ...p, effectiveTo: replaces.effectiveTo } : p;
}

function evolve(state: PolicyState, event: PolicyEvent): PolicyState {
  const v = event.data;
  return { versions: [...state.versions.map((p) => close(p, v.replaces)), v] };
}

/** One stream per policy (`subsidyPolicyStreamId`): publication of versions as data. */
export const policyDecider: Decider<PolicyState, PolicyCommand, PolicyEvent> = {
  initialState: { versions: [] },
  evolve,
  decide,
};

const DEFAULT_BUDGET_RULE: BudgetRule = {
  kind: 'pro-rata',
  ref: 'subsidy.md: "pro-rata reduction for the whole round (按比例核减)" (example rule)',
};

/** The example policies of @peiyu/policy as drafts to publish, marked as examples. */
export function exampleVersionDrafts(budgetRule: BudgetRule = DEFAULT_BUDGET_RULE): VersionDraft[] {
  return EXAMPLE_POLICY_VERSIONS.map((v) => ({
    policyId: v.policyId,
    versionId: v.versionId,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    legalReference: v.legalReference,
    funding:
      v.funding.kind === 'shared'
        ? {
            kind: 'shared',
            province: String(v.funding.province),
            city: String(v.funding.city),
            ref: v.funding.ref,
          }
        : v.funding,
    parameters: JSON.parse(JSON.stringify(v.parameters)) as VersionDraft['parameters'],
    budgetRule,
    example: true,
  }));
}
