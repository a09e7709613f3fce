import { daysBetween, toDayNumber, type IsoDate } from '../core/dates';
import { PolicyInputError } from '../core/errors';
import type { FractionInput } from '../core/rational';
import { checkShareFractions, type FiscalLevel } from './shares';

/** A parameter value with the legal reference it comes from (OpenFisca-style dated parameters). */
export interface Param<T> {
  readonly value: T;
  readonly ref: string;
}

/**
 * Who pays a policy's amount (subsidy.md). `shared`: one amount split between the levels under the fixed
 * ceilings (province ≤ 50%, city ≤ 20%, county the remainder). `own-funds`: one level pays all of it from its
 * own funds — an award that the city and the county each pay is two policies, one per level.
 */
export type Funding =
  | {
      readonly kind: 'shared';
      readonly province: FractionInput;
      readonly city: FractionInput;
      readonly ref: string;
    }
  | { readonly kind: 'own-funds'; readonly level: FiscalLevel; readonly ref: string };

const LEVELS: readonly FiscalLevel[] = ['province', 'city', 'county'];

/** The fields every policy version has; the parameters differ by policy. */
export interface PolicyVersionBase {
  readonly policyId: string;
  readonly versionId: string;
  /** First day in force (inclusive). */
  readonly effectiveFrom: IsoDate;
  /** Last day in force (inclusive); null = until replaced. */
  readonly effectiveTo: IsoDate | null;
  readonly legalReference: string;
  readonly funding: Funding;
}

function checkVersion(v: PolicyVersionBase): void {
  if (!v.versionId) throw new PolicyInputError('policy.version', 'versionId is required');
  toDayNumber(v.effectiveFrom, `${v.versionId}.effectiveFrom`);
  if (v.effectiveTo !== null && daysBetween(v.effectiveFrom, v.effectiveTo) < 0) {
    throw new PolicyInputError('policy.version', `${v.versionId} ends before it starts`);
  }
  const f = v.funding;
  if (f?.kind === 'shared') checkShareFractions(f);
  else if (f?.kind !== 'own-funds' || !LEVELS.includes(f.level))
    throw new PolicyInputError(
      'policy.funding',
      `${v.versionId}: funding must be shared or own-funds of one level`,
    );
}

/**
 * Validates the versions of one policy and returns them ordered: same policy, unique ids, valid cost shares,
 * and periods that follow each other day after day with neither gap nor overlap; only the last may be open.
 */
export function loadPolicyVersions<V extends PolicyVersionBase>(versions: readonly V[]): readonly V[] {
  if (versions.length === 0) throw new PolicyInputError('policy.empty', 'no versions');
  const policyId = versions[0]?.policyId;
  const ids = new Set<string>();
  for (const v of versions) {
    checkVersion(v);
    if (v.policyId !== policyId)
      throw new PolicyInputError('policy.mixed', `${v.versionId} belongs to ${v.policyId}, not ${policyId}`);
    if (ids.has(v.versionId)) throw new PolicyInputError('policy.duplicate', `${v.versionId} appears twice`);
    ids.add(v.versionId);
  }
  const sorted = [...versions].sort((a, b) => daysBetween(b.effectiveFrom, a.effectiveFrom));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as V;
    const next = sorted[i] as V;
    if (prev.effectiveTo === null)
      throw new PolicyInputError(
        'policy.overlap',
        `${prev.versionId} is open-ended but ${next.versionId} follows`,
      );
    const step = daysBetween(prev.effectiveTo, next.effectiveFrom);
    if (step < 1)
      throw new PolicyInputError('policy.overlap', `${prev.versionId} and ${next.versionId} overlap`);
    if (step > 1)
      throw new PolicyInputError('policy.gap', `gap between ${prev.versionId} and ${next.versionId}`);
  }
  return sorted;
}

/** The version in force on the date of the triggering fact (never "today"). */
export function selectPolicyVersion<V extends PolicyVersionBase>(
  versions: readonly V[],
  factDate: IsoDate,
): V {
  const day = toDayNumber(factDate, 'factDate');
  const found = loadPolicyVersions(versions).find(
    (v) =>
      toDayNumber(v.effectiveFrom) <= day && (v.effectiveTo === null || day <= toDayNumber(v.effectiveTo)),
  );
  if (!found)
    throw new PolicyInputError(
      'policy.not-in-force',
      `no version of ${versions[0]?.policyId} in force on ${factDate}`,
    );
  return found;
}
