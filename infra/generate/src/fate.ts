import { exampleUscc } from '@peiyu/policy';
import { addDays, dayOfYear, workingDays } from './dates';
import { ENTERPRISES_PER_EVALUATION, type County } from './model';
import { Rng } from './rng';

/** The county's re-review after a province's send-back, in working days (the SentBackByProvince deadline). */
export const SENT_BACK_WORKING_DAYS = 5;

/** One county review: returned for correction, or passed (forwarded to the province). */
export interface Review {
  submittedOn: string;
  reviewedOn: string;
  returned: boolean;
}

/**
 * What happens to one evaluation during the year, decided up front so that every phase (the evaluation
 * stream, the province's batches, later revocations) can recompute it alone. Rates: see README "Model".
 */
export interface EvaluationFate {
  uscc: string;
  countyCode: string;
  draftedOn: string;
  updatedOn: string | null;
  /** Withdrawn as a draft: no submission. */
  withdrawnOn: string | null;
  reviews: Review[];
  onSiteFlagged: boolean;
  sentBack: { on: string; dueOn: string; reviewedOn: string } | null;
  /** The last pass: when the province has it. Null when withdrawn. */
  forwardedOn: string | null;
}

/**
 * When and how the year's campaign runs: the model's defaults (README "Model"), or a scenario's (a recorded
 * year whose figures must come out exactly, see scenario.ts).
 */
export interface Campaign {
  /** Drafts fall on day `draftFromDay` … `draftFromDay + draftDays` of the year (0 = 1 January). */
  draftFromDay: number;
  draftDays: number;
  /** Share withdrawn as drafts. */
  withdrawRate: number;
  /** Share sent back by the province after the county's pass. */
  sentBackRate: number;
}

/** The campaign runs from March to September (tech-sme.md workflow 1): drafts spread over those months. */
export const DEFAULT_CAMPAIGN: Campaign = {
  draftFromDay: 59,
  draftDays: 213,
  withdrawRate: 0.03,
  sentBackRate: 0.02,
};

export interface EnterpriseSlot {
  uscc: string;
  serial: number;
  county: County;
  evaluates: boolean;
}

/**
 * The county's enterprises: the first `evaluations` of them evaluate this year. Serials start at `firstSerial`
 * (a scenario written beside the demos keeps clear of their enterprises).
 */
export function countyEnterprises(
  county: County,
  evaluations: number,
  perEvaluation = ENTERPRISES_PER_EVALUATION,
  firstSerial = 1,
): EnterpriseSlot[] {
  const n = Math.round(evaluations * perEvaluation);
  return Array.from({ length: n }, (_, i) => ({
    uscc: exampleUscc(county.code, firstSerial + i),
    serial: firstSerial + i,
    county,
    evaluates: i < evaluations,
  }));
}

export function evaluationFate(
  seed: number,
  year: number,
  slot: EnterpriseSlot,
  c: Campaign = DEFAULT_CAMPAIGN,
): EvaluationFate {
  const r = new Rng(seed, `fate:${slot.uscc}:${year}`);
  const draftedOn = dayOfYear(year, c.draftFromDay + r.int(0, c.draftDays));
  const updatedOn = r.chance(0.25) ? addDays(draftedOn, r.int(1, 10)) : null;
  const base = { uscc: slot.uscc, countyCode: slot.county.code, draftedOn, updatedOn };
  if (r.chance(c.withdrawRate)) {
    const withdrawnOn = addDays(updatedOn ?? draftedOn, r.int(1, 20));
    return { ...base, withdrawnOn, reviews: [], onSiteFlagged: false, sentBack: null, forwardedOn: null };
  }
  const reviews: Review[] = [];
  let submittedOn = addDays(updatedOn ?? draftedOn, r.int(0, 7));
  // 12 % are returned once for correction, a tenth of those twice; the third submission passes.
  for (const pReturn of [0.12, 0.1, 0]) {
    const reviewedOn = workingDays(submittedOn, r.int(1, 5));
    const returned = r.chance(pReturn);
    reviews.push({ submittedOn, reviewedOn, returned });
    if (!returned) break;
    submittedOn = addDays(reviewedOn, r.int(2, 12));
  }
  const passedOn = reviews[reviews.length - 1]!.reviewedOn;
  const onSiteFlagged = r.chance(0.05);
  let sentBack: EvaluationFate['sentBack'] = null;
  if (r.chance(c.sentBackRate)) {
    const on = addDays(passedOn, r.int(3, 15));
    sentBack = {
      on,
      dueOn: workingDays(on, SENT_BACK_WORKING_DAYS),
      reviewedOn: workingDays(on, r.int(1, 5)),
    };
  }
  return {
    ...base,
    withdrawnOn: null,
    reviews,
    onSiteFlagged,
    sentBack,
    forwardedOn: sentBack?.reviewedOn ?? passedOn,
  };
}
