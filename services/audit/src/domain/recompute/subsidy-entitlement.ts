import type { EntitlementCalculated, EventData, PolicyVersionPublished } from '@peiyu/contracts';
import {
  calculateEntitlement,
  type EntitlementFacts,
  type HnteCertificationKind,
  type PolicyVersion,
  type RdEnterpriseType,
} from '@peiyu/policy';
import { compareRecorded, RecomputeInputError, type Comparison } from './diff';

export type EntitlementData = EventData<typeof EntitlementCalculated>;
export type PublishedVersion = EventData<typeof PolicyVersionPublished>;

export interface EntitlementRecomputation extends Comparison {
  kind: 'subsidy-entitlement';
  policyId: string;
  versionId: string;
  overridden: string[];
}

/**
 * A policy's versions as they stood on a day, from its `PolicyVersionPublished` events in order: each published
 * on or before the day, an open-ended one closed the day before its replacement starts (`replaces`).
 */
export function versionsAsOf(published: readonly PublishedVersion[], day: string): PolicyVersion[] {
  const byId = new Map<string, PublishedVersion>();
  for (const v of published) {
    if (v.publishedOn > day) continue;
    if (v.replaces) {
      const old = byId.get(v.replaces.versionId);
      if (old) byId.set(old.versionId, { ...old, effectiveTo: v.replaces.effectiveTo });
    }
    byId.set(v.versionId, v);
  }
  return [...byId.values()].map(
    ({ policyId, versionId, effectiveFrom, effectiveTo, legalReference, funding, parameters }) =>
      ({
        policyId,
        versionId,
        effectiveFrom,
        effectiveTo,
        legalReference,
        funding,
        parameters,
      }) as PolicyVersion,
  );
}

type Input = EntitlementData['inputs'][number];

function inputOf(data: EntitlementData, name: string): Input {
  const i = data.inputs.find((x) => x.name === name);
  if (!i) throw new RecomputeInputError(`the recorded entitlement has no input ${name}`);
  return i;
}

// subsidy.md: the subsidy service names an HNTE certification kind with underscores, the policy with hyphens.
const HNTE_KIND: Record<string, HnteCertificationKind> = {
  first: 'first',
  recertification: 'recertification',
  moving_in: 'moving-in',
  reissue_after_name_change: 'name-change-reissue',
};

/** Input name → the event it came from, as the trace's `inputs` step records them. */
const sourcesOf = (inputs: readonly Input[]): Record<string, string> =>
  Object.fromEntries(inputs.flatMap((i) => (i.sourceEventId ? [[i.name, i.sourceEventId]] : [])));

/** The facts @peiyu/policy calculates from, read back from the recorded inputs (subsidy.md: every input sourced). */
export function factsOf(data: EntitlementData): EntitlementFacts {
  const common = { factDate: data.factDate, provinciallyAdministered: data.provinciallyAdministered };
  if (data.policyId === 'rd-subsidy') {
    return {
      ...common,
      acceptedRdExpense: inputOf(data, 'acceptedRdExpense').value as number,
      filingRef: inputOf(data, 'filingRef').value as string,
      enterpriseTypes: inputOf(data, 'enterpriseTypes').value as RdEnterpriseType[],
      rdBudgetFiled: inputOf(data, 'rdBudgetFiled').value as boolean,
      ipItemsLast3Years: inputOf(data, 'ipItemsLast3Years').value as number,
      dishonest: inputOf(data, 'dishonest').value as boolean,
      sourceEvents: sourcesOf(data.inputs),
    };
  }
  if (data.policyId.startsWith('tsme-entry-award/')) {
    const previous = inputOf(data, 'enteredPreviousYear');
    return {
      ...common,
      entered: true,
      enteredPreviousYear: previous.value === true,
      sourceEvents: {
        entered: inputOf(data, 'enteredOn').sourceEventId ?? data.basis.eventId,
        ...(previous.sourceEventId ? { enteredPreviousYear: previous.sourceEventId } : {}),
      },
    };
  }
  if (data.policyId.startsWith('hnte-award/')) {
    const kind = HNTE_KIND[inputOf(data, 'certification').value as string];
    if (!kind) throw new RecomputeInputError('the recorded entitlement has an unknown certification kind');
    const revenue = inputOf(data, 'latestYearRevenue').value;
    return {
      ...common,
      certification: kind,
      latestYearRevenue: typeof revenue === 'number' ? revenue : 0,
      sourceEvents: { certification: data.basis.eventId },
    };
  }
  throw new RecomputeInputError(`no recompute for policy ${data.policyId}`);
}

/** Parameter overlay on every version of the policy: `{ amount: 500000 }` replaces each version's `amount` value. */
function withOverrides(
  versions: readonly PolicyVersion[],
  overrides: Readonly<Record<string, unknown>> | undefined,
): { versions: PolicyVersion[]; overridden: string[] } {
  const names = Object.keys(overrides ?? {}).sort();
  if (names.length === 0) return { versions: [...versions], overridden: [] };
  const known = new Set(versions.flatMap((v) => Object.keys(v.parameters)));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0)
    throw new RecomputeInputError(`policy ${versions[0]?.policyId} has no parameter ${unknown.join(', ')}`);
  return {
    overridden: names,
    versions: versions.map((v) => {
      const p = { ...(v.parameters as Record<string, { value: unknown; ref: string }>) };
      for (const n of names) if (p[n]) p[n] = { ...p[n], value: overrides![n] };
      return { ...v, parameters: p } as PolicyVersion;
    }),
  };
}

/**
 * A subsidy entitlement (补助、奖励) recomputed from its recorded facts and the policy's versions as published
 * up to the calculation day, through @peiyu/policy's `calculateEntitlement` alone: the version in force on the
 * fact date, its parameters, the amount, the split between levels and the whole trace, against the record.
 */
export function recomputeEntitlement(
  data: EntitlementData,
  published: readonly PublishedVersion[],
  overrides?: Readonly<Record<string, unknown>>,
): EntitlementRecomputation {
  const asPublished = versionsAsOf(
    published.filter((v) => v.policyId === data.policyId),
    data.calculatedOn,
  );
  if (asPublished.length === 0)
    throw new RecomputeInputError(`no published version of ${data.policyId} by ${data.calculatedOn}`);
  const { versions, overridden } = withOverrides(asPublished, overrides);
  const r = calculateEntitlement(versions, factsOf(data));
  const version = versions.find((v) => v.versionId === r.trace.ruleSetId)!;
  const recordedParams = data.parameters.filter((p) => p.name !== 'funding');
  const recomputedParams = Object.entries(
    version.parameters as Record<string, { value: unknown; ref: string }>,
  ).map(([name, p]) => ({ name, value: p.value, ref: p.ref }));
  const pick = (x: {
    versionId: string;
    eligible: boolean;
    reasons: readonly string[];
    parameters: unknown;
    trace: unknown;
    amount: number;
    shares: unknown;
  }) => ({
    versionId: x.versionId,
    eligible: x.eligible,
    reasons: x.reasons,
    parameters: x.parameters,
    amount: x.amount,
    shares: x.shares,
    trace: x.trace,
  });
  return {
    kind: 'subsidy-entitlement',
    policyId: data.policyId,
    versionId: data.versionId,
    overridden,
    ...compareRecorded(
      pick({ ...data, parameters: recordedParams }),
      pick({ ...r, versionId: version.versionId, parameters: recomputedParams }),
    ),
  };
}
