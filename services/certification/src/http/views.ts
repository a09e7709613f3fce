import type { Principal } from '@peiyu/service-kit';
import { itemRanges, ruleSetOf, type Application, type EnterpriseHnteState } from '../domain';

/**
 * An application as the API shows it. An expert sees the application and its own sheet only: the other
 * experts' scores stay hidden until the review is concluded (independent scoring, 195号 专家评审).
 */
/** An item's allowed integer range and why (the data-derived grade, or the item's maximum). */
export type ScoreRange = { min: number; max: number; basis: string };

export function applicationView(a: Application, version: number, principal?: Principal) {
  const scores =
    principal?.role === 'expert'
      ? Object.fromEntries(Object.entries(a.scores).filter(([id]) => id === principal.sub))
      : a.scores;
  // The allowed integer range per score item (data-derived grade or the item's maximum), so the scoring form
  // shows what the decider will accept (195号 企业创新能力评价).
  const scoreRanges: Record<string, ScoreRange> | null = a.submission
    ? itemRanges(ruleSetOf(a.submission.ruleSetId), a.submission.precheck.ranges)
    : null;
  return { ...a, scores, scoreRanges, version };
}

export function recordView(s: EnterpriseHnteState, version: number) {
  return { ...s, version };
}
