import type { IsoDate } from '../core/dates';
import { PolicyInputError, requireNonNegativeInteger } from '../core/errors';
import { add, floor, mul, parseFraction, rat, show } from '../core/rational';
import { step, type Trace, type TraceStep, type TraceValue } from '../core/trace';
import type {
  HnteAwardVersion,
  PolicyVersion,
  RdEnterpriseType,
  RdSubsidyVersion,
  TsmeEntryAwardVersion,
} from './policies';
import { ownFundsShares, SHARE_CEILINGS_REF, splitShares, type Shares } from './shares';
import { selectPolicyVersion } from './versions';

/** What every fact set may carry: the date that picks the version, locality, and the events the facts came from. */
export interface CommonFacts {
  /**
   * Date of the triggering fact (certification date, entry date, end of the R&D year): it picks the version in
   * force (subsidy.md: "the one in force on the date of the triggering fact, never today").
   */
  readonly factDate: IsoDate;
  readonly provinciallyAdministered?: boolean;
  /** Input name → id of the event it came from, copied into the trace. */
  readonly sourceEvents?: Readonly<Record<string, string>>;
}

export interface RdSubsidyFacts extends CommonFacts {
  /** Previous year's R&D expense accepted for the super deduction (加计扣除备案数), integer fen. */
  readonly acceptedRdExpense: number;
  readonly filingRef: string;
  readonly enterpriseTypes: readonly RdEnterpriseType[];
  readonly rdBudgetFiled: boolean;
  /** IP items tied to main products obtained in the last 3 years. */
  readonly ipItemsLast3Years: number;
  readonly dishonest: boolean;
}

export interface TsmeEntryFacts extends CommonFacts {
  readonly entered: boolean;
  readonly enteredPreviousYear?: boolean;
}

export type HnteCertificationKind = 'first' | 'recertification' | 'moving-in' | 'name-change-reissue';

export interface HnteAwardFacts extends CommonFacts {
  readonly certification: HnteCertificationKind;
  /** Latest-year sales revenue, integer fen (decides the first-certification tier). */
  readonly latestYearRevenue: number;
}

export type EntitlementFacts = RdSubsidyFacts | TsmeEntryFacts | HnteAwardFacts;

export interface EntitlementResult {
  readonly eligible: boolean;
  /** Integer fen. */
  readonly amount: number;
  readonly shares: Shares;
  readonly reasons: readonly string[];
  readonly trace: Trace;
}

interface Computed {
  readonly amount: bigint;
  readonly reasons: string[];
  readonly steps: TraceStep[];
}

function rdSubsidy(v: RdSubsidyVersion, f: RdSubsidyFacts): Computed {
  const p = v.parameters;
  const base = BigInt(requireNonNegativeInteger('acceptedRdExpense', f.acceptedRdExpense));
  requireNonNegativeInteger('ipItemsLast3Years', f.ipItemsLast3Years);
  const reasons: string[] = [];
  if (!f.rdBudgetFiled) reasons.push('rd.budget: no R&D budget filed for the year');
  if (f.ipItemsLast3Years < 1) reasons.push('rd.ip: no IP item tied to main products in the last 3 years');
  if (f.dishonest) reasons.push('rd.dishonest: on a dishonesty blacklist');
  const limit = BigInt(p.tierLimit.value);
  const lower = base < limit ? base : limit;
  const upper = base > limit ? base - limit : 0n;
  const raw = add(
    mul(rat(lower), parseFraction(p.rateUpToLimit.value)),
    mul(rat(upper), parseFraction(p.rateAbove.value)),
  );
  // Round down to the fen: a subsidy never pays a fraction of a fen it did not owe.
  const beforeCap = floor(raw);
  const types: RdEnterpriseType[] = ['ordinary', ...f.enterpriseTypes];
  for (const t of types)
    if (!(t in p.caps.value)) throw new PolicyInputError('rd.type', `unknown enterprise type ${t}`);
  const cap = BigInt(Math.max(...types.map((t) => p.caps.value[t])));
  const capped = beforeCap < cap ? beforeCap : cap;
  const amount = reasons.length > 0 ? 0n : capped;
  const inputs: Record<string, TraceValue> = {
    acceptedRdExpense: f.acceptedRdExpense,
    filingRef: f.filingRef,
    enterpriseTypes: [...f.enterpriseTypes],
    rdBudgetFiled: f.rdBudgetFiled,
    ipItemsLast3Years: f.ipItemsLast3Years,
    dishonest: f.dishonest,
  };
  return {
    amount,
    reasons,
    steps: [
      step('rd-subsidy.tiers', `${p.tierLimit.ref}; ${p.rateUpToLimit.ref}; ${p.rateAbove.ref}`, inputs, {
        tierLimit: p.tierLimit.value,
        rateUpToLimit: p.rateUpToLimit.value,
        rateAbove: p.rateAbove.value,
        baseUpToLimit: lower.toString(),
        baseAbove: upper.toString(),
        raw: show(raw),
        beforeCap: beforeCap.toString(),
      }),
      step(
        'rd-subsidy.cap',
        p.caps.ref,
        { applicableTypes: types },
        { cap: cap.toString(), amount: amount.toString(), reasons },
      ),
    ],
  };
}

function tsmeEntryAward(v: TsmeEntryAwardVersion, f: TsmeEntryFacts): Computed {
  const p = v.parameters;
  const reasons: string[] = [];
  if (!f.entered) reasons.push('tsme-award.not-entered: the enterprise was not entered');
  if (p.requireConsecutiveEntry.value && !f.enteredPreviousYear)
    reasons.push('tsme-award.consecutive: not entered the year before');
  const amount = reasons.length > 0 ? 0n : BigInt(p.amount.value);
  const inputs = { entered: f.entered, enteredPreviousYear: f.enteredPreviousYear ?? null };
  const values = {
    amountParam: p.amount.value,
    requireConsecutiveEntry: p.requireConsecutiveEntry.value,
    amount: amount.toString(),
    reasons,
  };
  return {
    amount,
    reasons,
    steps: [step('tsme-award.amount', `${p.amount.ref}; ${p.requireConsecutiveEntry.ref}`, inputs, values)],
  };
}

function hnteAward(v: HnteAwardVersion, f: HnteAwardFacts): Computed {
  const p = v.parameters;
  requireNonNegativeInteger('latestYearRevenue', f.latestYearRevenue);
  let amount = 0;
  let ref = p.firstTiers.ref;
  const reasons: string[] = [];
  if (f.certification === 'first') {
    const tier = p.firstTiers.value.find((t) => t.maxRevenue === null || f.latestYearRevenue <= t.maxRevenue);
    if (!tier)
      throw new PolicyInputError('hnte-award.tiers', 'first-certification tiers must end with an open tier');
    amount = tier.amount;
  } else if (f.certification === 'recertification') {
    [amount, ref] = [p.recertification.value, p.recertification.ref];
  } else if (f.certification === 'moving-in') {
    [amount, ref] = [p.movingIn.value, p.movingIn.ref];
  } else if (f.certification === 'name-change-reissue') {
    reasons.push('hnte-award.reissue: a name-change re-issue is not a new certification');
  } else {
    throw new PolicyInputError('hnte-award.kind', `unknown certification kind ${String(f.certification)}`);
  }
  const inputs = { certification: f.certification, latestYearRevenue: f.latestYearRevenue };
  return {
    amount: BigInt(amount),
    reasons,
    steps: [step('hnte-award.amount', ref, inputs, { amount, reasons })],
  };
}

function compute(version: PolicyVersion, facts: EntitlementFacts): Computed {
  switch (version.policyId) {
    case 'rd-subsidy':
      return rdSubsidy(version, facts as RdSubsidyFacts);
    case 'tsme-entry-award/city':
    case 'tsme-entry-award/county':
      return tsmeEntryAward(version, facts as TsmeEntryFacts);
    case 'hnte-award/city':
    case 'hnte-award/county':
      return hnteAward(version, facts as HnteAwardFacts);
    default:
      throw new PolicyInputError('policy.unknown', `unknown policy ${(version as PolicyVersion).policyId}`);
  }
}

function sharesOf(version: PolicyVersion, amount: bigint, provinciallyAdministered: boolean): Shares {
  const f = version.funding;
  return f.kind === 'shared'
    ? splitShares(Number(amount), f, { provinciallyAdministered })
    : ownFundsShares(Number(amount), f.level, { provinciallyAdministered });
}

/**
 * The entitlement of one enterprise under one policy: the version in force on `facts.factDate` is selected from
 * `policyVersions` (refused with policy.not-in-force when none is), then the amount in fen, split by fiscal level, with a
 * trace of the version, every parameter and its legal reference, the inputs (and their source events), the
 * intermediate values and the split. Pure: the same version and facts always give the same result.
 */
export function calculateEntitlement(
  policyVersions: readonly PolicyVersion[],
  facts: EntitlementFacts,
): EntitlementResult {
  if (facts?.factDate === undefined)
    throw new PolicyInputError('policy.fact-date', 'the date of the triggering fact (factDate) is required');
  const policyVersion = selectPolicyVersion(policyVersions, facts.factDate);
  const { amount, reasons, steps } = compute(policyVersion, facts);
  const pa = facts.provinciallyAdministered === true;
  const shares = sharesOf(policyVersion, amount, pa);
  const f = policyVersion.funding;
  const split = step(
    'split',
    f.kind === 'shared' ? `${f.ref}; ${SHARE_CEILINGS_REF}` : f.ref,
    {
      amount: Number(amount),
      funding: f.kind === 'shared' ? { province: String(f.province), city: String(f.city) } : f.level,
      provinciallyAdministered: pa,
    },
    {
      ...shares,
      rounding:
        f.kind === 'shared'
          ? 'province and city rounded down to the fen; county takes the remainder'
          : 'one level pays all',
    },
  );
  const sources = step(
    'inputs',
    policyVersion.legalReference,
    { factDate: facts.factDate, sourceEvents: { ...(facts.sourceEvents ?? {}) } },
    {
      policyId: policyVersion.policyId,
      versionId: policyVersion.versionId,
      effectiveFrom: policyVersion.effectiveFrom,
      effectiveTo: policyVersion.effectiveTo,
    },
  );
  return {
    eligible: reasons.length === 0,
    amount: Number(amount),
    shares,
    reasons,
    trace: {
      ruleSetId: policyVersion.versionId,
      legalReference: policyVersion.legalReference,
      steps: [sources, ...steps, split],
    },
  };
}
