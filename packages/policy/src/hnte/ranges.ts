import { gte, parseFraction, rat, show } from '../core/rational';
import type { GrowthResult } from './growth';
import type { HnteRuleSet } from './rule-set';

/**
 * Expert point ranges that the data decide (the "data-derived grades" of hnte.md): experts score within them,
 * and hnteReviewOutcome rejects a score outside them.
 */
export interface PointsRange {
  readonly min: number;
  readonly max: number;
}

export interface GrowthRange extends PointsRange {
  readonly rate: string | null;
  readonly manualReview: boolean;
}

export interface HnteRanges {
  readonly ipQuantity: PointsRange;
  readonly ipAcquisition: PointsRange;
  readonly conversion: PointsRange;
  readonly netAssetGrowth: GrowthRange;
  readonly salesGrowth: GrowthRange;
}

/** The facts the ranges depend on (a subset of the pre-check input). */
export interface RangeFacts {
  readonly ipClassI: number;
  readonly ipClassII: number;
  readonly ownRdIp: boolean;
  readonly conversionsByYear: readonly number[];
}

const sum = (xs: readonly number[]): bigint => xs.reduce((a, x) => a + BigInt(x), 0n);

export function ipQuantityRange(i: RangeFacts): PointsRange & { grade: string } {
  if (i.ipClassI >= 1) return { grade: 'A', min: 7, max: 8 };
  if (i.ipClassII >= 5) return { grade: 'B', min: 5, max: 6 };
  if (i.ipClassII >= 3) return { grade: 'C', min: 3, max: 4 };
  if (i.ipClassII >= 1) return { grade: 'D', min: 1, max: 2 };
  return { grade: 'E', min: 0, max: 0 };
}

export function ipAcquisitionRange(i: RangeFacts): PointsRange {
  if (i.ipClassI + i.ipClassII === 0) return { min: 0, max: 0 };
  return i.ownRdIp ? { min: 1, max: 6 } : { min: 1, max: 3 };
}

/** Grade by the yearly average of conversions over the period (exact: 14 over 3 years is 4⅔, grade B). */
export function conversionRange(i: RangeFacts, rs: HnteRuleSet): PointsRange & { average: string } {
  const average = rat(sum(i.conversionsByYear), BigInt(i.conversionsByYear.length));
  const g = rs.conversionGrades.find((row) => gte(average, parseFraction(row.min)));
  return { average: show(average), ...(g ? g.range : { min: 0, max: 0 }) };
}

export const growthRange = (g: GrowthResult): GrowthRange => ({
  min: g.min,
  max: g.max,
  rate: g.rate,
  manualReview: g.manualReview,
});
