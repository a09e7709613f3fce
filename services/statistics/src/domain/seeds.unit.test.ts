import { apportion } from './apportion';
import type { CountyTargetSetEvent, RankingMethod, SourceEvent, TargetFigures } from './events';
import { foldSourceEvents } from './facts';
import { quarterFigures } from './figures';
import { bottomGroup } from './ranking';
import { rankingDecider } from './ranking-decider';
import { rankingScope } from './scope';
import { targetsDecider } from './targets-decider';
import {
  certified,
  cityOf,
  ctx,
  entered,
  registered,
  regions,
  targets,
  usccOf,
  ZHUMADIAN,
  ZMD_COUNTIES,
} from './test-support/fixtures';

/**
 * 驻马店市2021年科技创新行动方案 二: 认定国家高新技术企业20家、评价入库国家科技型中小企业260家, spread over the
 * city's counties; 四(四): quarterly assessment, 前三名表扬、后三名批评、连续两次后三名约谈.
 */
const counties = Object.values(ZMD_COUNTIES);
const equal = counties.map((countyCode) => ({ countyCode, weight: 1 }));
const smeTargets = apportion(260, equal);
const hnteTargets = apportion(20, equal);

function setAll(): CountyTargetSetEvent[] {
  const d = targetsDecider({ parseRegion: regions });
  return counties.flatMap((countyCode) =>
    d.decide(
      {
        type: 'SetCountyTargets',
        countyCode,
        year: 2021,
        targets: targets({
          newTechSmesEntered: smeTargets.get(countyCode)!,
          newHnteCertified: hnteTargets.get(countyCode)!,
        }),
        reference: '驻马店市2021年科技创新行动方案',
        reason: null,
      },
      d.initialState,
      ctx(cityOf(ZHUMADIAN), '2021-04-28'),
    ),
  );
}

describe('驻马店 2021 targets', () => {
  const events = setAll();

  it('gives every county a target, adding up to 260 tech SMEs and 20 HNTE for the city', () => {
    expect(events).toHaveLength(11);
    const sum = (k: keyof TargetFigures) => events.reduce((s, e) => s + (e.data.targets[k] ?? 0), 0);
    expect(sum('newTechSmesEntered')).toBe(260);
    expect(sum('newHnteCertified')).toBe(20);
    expect(events.every((e) => e.data.cityCode === ZHUMADIAN && e.data.targetVersion === 1)).toBe(true);
  });

  it('splits 260 as 24 for the first seven counties by code and 23 for the other four', () => {
    expect(counties.map((c) => smeTargets.get(c))).toEqual([24, 24, 24, 24, 24, 24, 24, 23, 23, 23, 23]);
    expect(counties.map((c) => hnteTargets.get(c))).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
  });
});

describe('驻马店 quarterly ranking by target completion, with 约谈', () => {
  const method: RankingMethod = {
    kind: 'target_completion',
    weights: [
      { indicator: 'newTechSmesEntered', weight: 60 },
      { indicator: 'newHnteCertified', weight: 40 },
    ],
    capPercent: 150,
  };
  const targetOf = new Map(setAll().map((e) => [e.data.countyCode, e.data.targets]));
  // Entries per county and quarter: 泌阳 411726, 汝南 411727 and 新蔡 411729 lag in both quarters.
  const weak = new Set(['411726', '411727', '411729']);
  const events: SourceEvent[] = counties.flatMap((county, i) => {
    const out: SourceEvent[] = [];
    const perQuarter = weak.has(county) ? 1 + (i % 2) : 6 + i;
    for (let n = 0; n < perQuarter * 2; n += 1) {
      const uscc = usccOf(county, n);
      const day = n < perQuarter ? '2021-03-15' : '2021-06-15';
      out.push(registered(uscc, county), entered(uscc, county, day));
      if (n === 0 && !weak.has(county)) out.push(certified(uscc, day));
    }
    return out;
  });
  const facts = foldSourceEvents(events);
  const scope = rankingScope(ZHUMADIAN, counties, regions);
  const d = rankingDecider();

  const publish = (quarter: 1 | 2, previousBottom: string[] | null) => {
    const knownAt = `2021-${quarter === 1 ? '04' : '07'}-05T00:00:00.000Z`;
    const figures = quarterFigures({
      facts,
      reports: [],
      countyCodes: scope.ranked,
      quarter: { year: 2021, quarter },
      knownAt,
    });
    const [e] = d.decide(
      {
        type: 'PublishRanking',
        cityCode: ZHUMADIAN,
        year: 2021,
        quarter,
        method: {
          methodVersion: 1,
          method,
          tieRule: { indicators: ['newHnteCertified'], finally: 'county_code' },
        },
        counties: scope.ranked.map((countyCode) => ({
          countyCode,
          figures: figures.get(countyCode)!,
          targets: targetOf.get(countyCode) ?? null,
        })),
        excluded: scope.excluded,
        previousBottom,
        knownAt,
        reason: null,
      },
      d.initialState,
      ctx(cityOf(ZHUMADIAN), knownAt.slice(0, 10), knownAt),
    );
    return e!.data;
  };

  it('marks the same three counties bottom in Q1 and calls them in for a talk in Q2', () => {
    const q1 = publish(1, null);
    expect(bottomGroup(q1.rows)).toEqual(weak);
    expect(q1.rows.filter((r) => r.talk)).toEqual([]);
    const q2 = publish(2, [...bottomGroup(q1.rows)]);
    expect(q2.rows.filter((r) => r.talk).map((r) => r.countyCode)).toEqual(['411727', '411729', '411726']);
    expect(q2.rows.filter((r) => r.mark === 'top')).toHaveLength(3);
    expect(q2.rows.map((r) => r.figures.newTechSmesEntered).reduce((s, n) => s + n, 0)).toBe(
      events.filter((e) => e.type === 'SmeEntered').length,
    );
  });
});
