import { rational, type Rational } from '@peiyu/policy';
import { refuse } from './errors';
import type { RankingMethod, RankingRow, TargetFigures, TieRule } from './events';
import type { IndicatorFigures } from './indicators';

const { rat, add, mul, div, cmp, show } = rational;

export interface RankingCounty {
  readonly countyCode: string;
  readonly figures: IndicatorFigures;
  /** The county's yearly targets (latest version known); needed by the target-completion method. */
  readonly targets: TargetFigures | null;
}

export interface RankingInput {
  readonly method: RankingMethod;
  readonly tieRule: TieRule;
  readonly counties: readonly RankingCounty[];
  /** Counties in the bottom group of the previous quarter's latest published ranking; null if none was published. */
  readonly previousBottom: ReadonlySet<string> | null;
}

export interface RankingResult {
  readonly groupSize: number;
  readonly rows: RankingRow[];
}

/**
 * Size of the commended (top) and criticised (bottom) groups. 驻马店 2021 四(四): 前三名通报表扬、后三名通报批评,
 * which presumes at least six counties so that the two groups are disjoint. With fewer than six the rule is
 * ⌊n/2⌋ each: no county is both commended and criticised, both groups stay equal, and with an odd n the middle
 * county is neither; a single county is not ranked against anyone and gets no mark.
 */
export function groupSize(n: number): number {
  return n >= 6 ? 3 : Math.floor(n / 2);
}

const big = (n: number) => BigInt(n);

/** Σ weight × value ÷ (highest value among the ranked counties); an indicator nobody scored adds 0. */
function weightedScores(
  method: Extract<RankingMethod, { kind: 'weighted' }>,
  counties: readonly RankingCounty[],
) {
  const out = new Map<string, Rational>();
  for (const c of counties) {
    let score = rat(0);
    for (const { indicator, weight } of method.weights) {
      const max = Math.max(...counties.map((x) => x.figures[indicator]));
      if (max > 0) score = add(score, rat(big(weight) * big(c.figures[indicator]), big(max)));
    }
    out.set(c.countyCode, score);
  }
  return out;
}

/**
 * Σ weight × min(actual ÷ target, cap) ÷ Σ weight. An indicator the bureau set no target for (null or 0)
 * counts as completed: nothing was asked of the county there.
 */
function completionScores(
  method: Extract<RankingMethod, { kind: 'target_completion' }>,
  counties: readonly RankingCounty[],
) {
  const cap = method.capPercent === null ? null : rat(big(method.capPercent), 100n);
  const total = method.weights.reduce((s, w) => s + w.weight, 0);
  const out = new Map<string, Rational>();
  for (const c of counties) {
    let score = rat(0);
    for (const { indicator, weight } of method.weights) {
      const target = c.targets?.[indicator] ?? null;
      let ratio = target === null || target === 0 ? rat(1) : rat(big(c.figures[indicator]), big(target));
      if (cap !== null && cmp(ratio, cap) > 0) ratio = cap;
      score = add(score, mul(rat(big(weight)), ratio));
    }
    out.set(c.countyCode, div(score, rat(big(total))));
  }
  return out;
}

export function scoreCounties(
  method: RankingMethod,
  counties: readonly RankingCounty[],
): Map<string, Rational> {
  return method.kind === 'weighted' ? weightedScores(method, counties) : completionScores(method, counties);
}

/** Higher score first; then the tie rule's indicators, higher first; finally the county code, ascending. */
function order(scores: Map<string, Rational>, tieRule: TieRule) {
  return (a: RankingCounty, b: RankingCounty): number => {
    const byScore = cmp(scores.get(b.countyCode) ?? rat(0), scores.get(a.countyCode) ?? rat(0));
    if (byScore !== 0) return byScore;
    for (const indicator of tieRule.indicators) {
      const d = b.figures[indicator] - a.figures[indicator];
      if (d !== 0) return d;
    }
    return a.countyCode < b.countyCode ? -1 : a.countyCode > b.countyCode ? 1 : 0;
  };
}

function checkInput(input: RankingInput): void {
  const codes = input.counties.map((c) => c.countyCode);
  if (new Set(codes).size !== codes.length) {
    throw refuse('invalid', 'ranking.duplicate-county', 'a county appears twice in the ranking', 'counties');
  }
  const weighted = input.method.weights.map((w) => w.indicator);
  if (new Set(weighted).size !== weighted.length) {
    throw refuse('invalid', 'ranking.duplicate-weight', 'an indicator is weighted twice', 'method');
  }
}

/**
 * Ranks a city's counties for one quarter: a strict order (ties broken by the stated rule, so every rank is
 * distinct and the published order never depends on input order), top and bottom groups marked, and 约谈 for a
 * county in the bottom group now and in the previous quarter's ranking (驻马店 2021 四(四): 连续两次排名后三名).
 */
export function rankCounties(input: RankingInput): RankingResult {
  checkInput(input);
  const scores = scoreCounties(input.method, input.counties);
  const sorted = [...input.counties].sort(order(scores, input.tieRule));
  const n = sorted.length;
  const g = groupSize(n);
  const rows = sorted.map((c, i): RankingRow => {
    const mark = i < g ? 'top' : i >= n - g ? 'bottom' : null;
    return {
      countyCode: c.countyCode,
      rank: i + 1,
      score: show(scores.get(c.countyCode) ?? rat(0)),
      figures: { ...c.figures },
      mark,
      talk: mark === 'bottom' && (input.previousBottom?.has(c.countyCode) ?? false),
    };
  });
  return { groupSize: g, rows };
}

/** The bottom group of a published ranking, for the next quarter's 约谈 check. */
export function bottomGroup(rows: readonly RankingRow[]): Set<string> {
  return new Set(rows.filter((r) => r.mark === 'bottom').map((r) => r.countyCode));
}
