import { deciderSpec } from '@peiyu/eventstore';
import type { RankingMethod, RankingPublishedEvent } from './events';
import { rankingDecider, type PublishRanking } from './ranking-decider';
import { cityOf, countyOf, ctx, figures, ZHUMADIAN } from './test-support/fixtures';

const decider = rankingDecider();
const spec = deciderSpec(decider);
const city = cityOf(ZHUMADIAN);
const method: RankingMethod = {
  kind: 'weighted',
  weights: [{ indicator: 'newTechSmesEntered', weight: 100 }],
};
const codes = ['411702', '411721', '411722', '411723', '411724', '411725', '411726'];
const publish = (entered: number[], over: Partial<PublishRanking> = {}): PublishRanking => ({
  type: 'PublishRanking',
  cityCode: ZHUMADIAN,
  year: 2021,
  quarter: 1,
  method: { methodVersion: 1, method, tieRule: { indicators: [], finally: 'county_code' } },
  counties: codes.map((countyCode, i) => ({
    countyCode,
    figures: figures({ newTechSmesEntered: entered[i] ?? 0 }),
    targets: null,
  })),
  excluded: [],
  previousBottom: null,
  knownAt: '2021-04-02T00:00:00.000Z',
  reason: null,
  ...over,
});
const at = ctx(city, '2021-04-02', '2021-04-02T08:00:00.000Z');

function published(
  cmd: PublishRanking,
  history: RankingPublishedEvent[] = [],
  c = at,
): RankingPublishedEvent {
  const state = history.reduce(decider.evolve, decider.initialState);
  const [e] = decider.decide(cmd, state, c);
  if (!e) throw new Error('nothing published');
  return e;
}

describe('ranking publication', () => {
  it('publishes version 1 with marks, figures and who/when', () => {
    const e = published(publish([30, 20, 10, 8, 6, 4, 2]));
    expect(e.data).toMatchObject({
      cityCode: ZHUMADIAN,
      year: 2021,
      quarter: 1,
      rankingVersion: 1,
      asOf: '2021-03-31',
      knownAt: '2021-04-02T00:00:00.000Z',
      groupSize: 3,
      publishedOn: '2021-04-02',
      publishedBy: { role: 'city_reviewer', region: ZHUMADIAN },
      correction: null,
    });
    expect(e.data.rows.map((r) => [r.countyCode, r.rank, r.mark])).toEqual([
      ['411702', 1, 'top'],
      ['411721', 2, 'top'],
      ['411722', 3, 'top'],
      ['411723', 4, null],
      ['411724', 5, 'bottom'],
      ['411725', 6, 'bottom'],
      ['411726', 7, 'bottom'],
    ]);
  });

  it('publishes a corrected version that says what changed, keeping version 1', () => {
    const v1 = published(publish([30, 20, 10, 8, 6, 4, 2]));
    // 平舆县 411723 corrected: 8 → 1 (100 × 8/30 = 80/3 → 100 × 1/30 = 10/3), it drops into the bottom three and 411724 moves up
    const fix = publish([30, 20, 10, 1, 6, 4, 2], {
      reason: '平舆县更正入库数据',
      knownAt: '2021-04-09T00:00:00.000Z',
    });
    const v2 = published(fix, [v1], ctx(city, '2021-04-10'));
    expect(v2.data.rankingVersion).toBe(2);
    expect(v2.data.correction).toEqual({
      ofVersion: 1,
      reason: '平舆县更正入库数据',
      changes: [
        { countyCode: '411723', field: 'rank', from: 4, to: 7 },
        { countyCode: '411723', field: 'score', from: '80/3', to: '10/3' },
        { countyCode: '411723', field: 'mark', from: null, to: 'bottom' },
        { countyCode: '411723', field: 'figures.newTechSmesEntered', from: 8, to: 1 },
        { countyCode: '411724', field: 'rank', from: 5, to: 4 },
        { countyCode: '411724', field: 'mark', from: 'bottom', to: null },
        { countyCode: '411725', field: 'rank', from: 6, to: 5 },
        { countyCode: '411726', field: 'rank', from: 7, to: 6 },
      ],
    });
    const state = [v1, v2].reduce(decider.evolve, decider.initialState);
    expect(state.versions.map((v) => v.rankingVersion)).toEqual([1, 2]);
    expect(state.versions[0]?.rows[3]?.countyCode).toBe('411723');
  });

  it('answers a retry of the same ranking with nothing and a changed one without reason with a refusal', () => {
    const v1 = published(publish([30, 20, 10, 8, 6, 4, 2]));
    spec
      .given([v1])
      .when(publish([30, 20, 10, 8, 6, 4, 2]), at)
      .then([]);
    spec
      .given([v1])
      .when(publish([30, 20, 10, 8, 6, 4, 3]), at)
      .thenRejects('ranking.reason-required');
  });

  it('flags 约谈 from the previous quarter bottom group', () => {
    const e = published(publish([30, 20, 10, 8, 6, 4, 2], { previousBottom: ['411726', '411702'] }));
    expect(e.data.rows.filter((r) => r.talk).map((r) => r.countyCode)).toEqual(['411726']);
  });

  it('ranks a quarter only after it ends, with figures not known from the future', () => {
    spec
      .given([])
      .when(publish([1]), ctx(city, '2021-03-31'))
      .thenRejects('ranking.quarter-not-ended');
    spec
      .given([])
      .when(publish([1], { knownAt: '2021-04-03T00:00:00.000Z' }), at)
      .thenRejects('ranking.known-at');
    spec
      .given([])
      .when(publish([1], { counties: [] }), at)
      .thenRejects('ranking.no-counties');
    spec
      .given([])
      .when(publish([1], { quarter: 0 }), at)
      .thenRejects('ranking.quarter');
  });

  it('lets only the city bureau publish', () => {
    spec
      .given([])
      .when(publish([1]), ctx(countyOf('411702'), '2021-04-02'))
      .thenRejects('ranking.out-of-scope');
    spec
      .given([])
      .when(publish([1]), ctx(cityOf('410400'), '2021-04-02'))
      .thenRejects('ranking.out-of-scope');
  });
});
