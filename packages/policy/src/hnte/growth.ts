import { PolicyInputError } from '../core/errors';
import { add, gt, gte, mul, parseFraction, rat, show, sub, toDecimal, type Rational } from '../core/rational';
import { step, type Trace } from '../core/trace';
import { HNTE_2016_32, type HnteRuleSet } from './rule-set';

export type GrowthMethod =
  | 'three-year' // ½ × (V2/V1 + V3/V2) − 1
  | 'last-two-years' // year-1 value 0: V3/V2 − 1
  | 'two-year' // fewer than 3 years: V2/V1 − 1
  | 'year-two-zero' // year-2 value 0: scores 0
  | 'no-base' // no non-zero starting value within the period: scores 0
  | 'single-year' // one year of operation: no growth to measure, scores 0
  | 'negative-input'; // negative value (net assets): manual review

export interface GrowthResult {
  /** Decimal text of the rate (truncated, '…' when inexact), null when none is computed. */
  readonly rate: string | null;
  /** Exact rate as 'num/den', null when none is computed. */
  readonly rateExact: string | null;
  readonly grade: string | null;
  /** Allowed expert points. */
  readonly min: number;
  readonly max: number;
  readonly manualReview: boolean;
  readonly method: GrowthMethod;
  readonly trace: Trace;
}

function validate(values: readonly (number | bigint)[]): bigint[] {
  if (!Array.isArray(values) || values.length < 1 || values.length > 3) {
    throw new PolicyInputError('hnte.growth', 'growth needs 1 to 3 yearly values, oldest first');
  }
  return values.map((v, i) => {
    if (typeof v === 'bigint') return v;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new PolicyInputError('hnte.growth', `value ${i + 1} must be an integer amount in fen`);
    }
    return BigInt(v);
  });
}

function computeRate(v: bigint[]): { method: GrowthMethod; rate: Rational | null } {
  if (v.some((x) => x < 0n)) return { method: 'negative-input', rate: null };
  const [v1, v2, v3] = v as [bigint, bigint | undefined, bigint | undefined];
  if (v2 === undefined) return { method: 'single-year', rate: null };
  if (v3 === undefined)
    return v1 === 0n
      ? { method: 'no-base', rate: null }
      : { method: 'two-year', rate: sub(rat(v2, v1), rat(1n)) };
  if (v2 === 0n) return { method: 'year-two-zero', rate: null };
  if (v1 === 0n) return { method: 'last-two-years', rate: sub(rat(v3, v2), rat(1n)) };
  return { method: 'three-year', rate: sub(mul(rat(1n, 2n), add(rat(v2, v1), rat(v3, v2))), rat(1n)) };
}

function gradeOf(rate: Rational, rs: HnteRuleSet): { grade: string; min: number; max: number } {
  for (const g of rs.growthGrades) {
    const bound = parseFraction(g.min);
    // The last grade is "> 0"; the others include their lower bound.
    const hit = bound.num === 0n ? gt(rate, bound) : gte(rate, bound);
    if (hit) return { grade: g.grade, ...g.range };
  }
  return { grade: 'F', min: 0, max: 0 };
}

/**
 * Growth indicator of the HNTE rubric (net assets or sales, integer fen, oldest year first, 1–3 years):
 * the rate, its grade and the expert points range. A negative value has no published rule, so the result
 * asks for manual review (range 0–10, rate null) instead of computing something.
 */
export function growthIndicator(
  values: readonly (number | bigint)[],
  options: { ruleSet?: HnteRuleSet } = {},
): GrowthResult {
  const rs = options.ruleSet ?? HNTE_2016_32;
  const v = validate(values);
  const { method, rate } = computeRate(v);
  const manualReview = method === 'negative-input';
  const graded = rate
    ? gradeOf(rate, rs)
    : manualReview
      ? { grade: null, min: 0, max: rs.maxima.salesGrowth }
      : { grade: 'F', min: 0, max: 0 };
  const result = {
    rate: rate ? toDecimal(rate, 6) : null,
    rateExact: rate ? show(rate) : null,
    grade: graded.grade,
    min: graded.min,
    max: graded.max,
    manualReview,
    method,
  };
  const trace: Trace = {
    ruleSetId: rs.id,
    legalReference: rs.legalReference,
    steps: [step('hnte.growth', rs.refs.growth, { values: v.map(String) }, { ...result })],
  };
  return { ...result, trace };
}
