import { calculateEntitlement, PolicyInputError, type EntitlementFacts } from '@peiyu/policy';
import { yearOf } from './dates';
import { refuse } from './errors';
import type { EntitlementBasis, EntitlementData, PolicyVersionData } from './events';
import type { SourcedInput } from './facts';
import { payersOf } from './levels';
import { toPolicyVersion } from './policy-versions';

export interface CalculationSubject {
  readonly entitlementId: string;
  readonly uscc: string;
  readonly countyCode: string;
  readonly provinciallyAdministered: boolean;
  readonly basis: EntitlementBasis;
  readonly decisionOn: string;
  readonly budgetYear: number;
  readonly inputs: readonly SourcedInput[];
}

/**
 * The calculation as the event records it: @peiyu/policy picks the version in force on `facts.factDate` and
 * computes amount, split and trace; this adds the parameters with their references, the sourced inputs, the
 * payers and the budget rule. Pure: the same versions and facts give the same data (calculatedOn aside).
 */
export function calculate(
  versions: readonly PolicyVersionData[],
  facts: EntitlementFacts,
  subject: CalculationSubject,
  calculatedOn: string,
): EntitlementData {
  if (versions.length === 0)
    throw refuse('invalid', 'policy.not-in-force', `no published version on ${facts.factDate}`, 'factDate');
  let result;
  try {
    result = calculateEntitlement(versions.map(toPolicyVersion), facts);
  } catch (err) {
    if (!(err instanceof PolicyInputError)) throw err;
    if (err.code === 'policy.not-in-force')
      throw refuse('invalid', 'policy.not-in-force', err.message, 'factDate');
    if (err.code === 'rd.type') throw refuse('invalid', 'rd.types', err.message, 'enterpriseTypes');
    throw refuse('invalid', 'policy.parameters', err.message);
  }
  const version = versions.find((v) => v.versionId === result.trace.ruleSetId) as PolicyVersionData;
  return {
    entitlementId: subject.entitlementId,
    uscc: subject.uscc,
    countyCode: subject.countyCode,
    provinciallyAdministered: subject.provinciallyAdministered,
    policyId: version.policyId,
    versionId: version.versionId,
    example: version.example,
    factDate: facts.factDate,
    decisionOn: subject.decisionOn,
    budgetYear: subject.budgetYear,
    basis: subject.basis,
    eligible: result.eligible,
    reasons: [...result.reasons],
    parameters: [
      ...Object.entries(version.parameters).map(([name, p]) => ({ name, value: p.value, ref: p.ref })),
      { name: 'funding', value: fundingValue(version.funding), ref: version.funding.ref },
    ],
    inputs: subject.inputs.map((i) => ({
      name: i.name,
      value: typeof i.value === 'object' && i.value !== null ? [...i.value] : i.value,
      sourceEventId: i.sourceEventId,
    })),
    trace: JSON.parse(JSON.stringify(result.trace)) as EntitlementData['trace'],
    amount: result.amount,
    shares: { ...result.shares },
    payers: payersOf(subject.countyCode, subject.provinciallyAdministered),
    budgetRule: version.budgetRule,
    calculatedOn,
  };
}

function fundingValue(f: PolicyVersionData['funding']): Record<string, string> {
  return f.kind === 'shared'
    ? { kind: f.kind, province: f.province, city: f.city }
    : { kind: f.kind, level: f.level };
}

/** The budget year of a fact-triggered award: the year of its fact (entry or certification). */
export const awardBudgetYear = (factDate: string): number => yearOf(factDate);
