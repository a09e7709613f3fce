import { deciderSpec } from '@peiyu/eventstore';
import type { RankingMethodSetEvent } from './events';
import { methodDecider, type SetRankingMethod } from './method-decider';
import { cityOf, countyOf, ctx, ZHUMADIAN } from './test-support/fixtures';

const spec = deciderSpec(methodDecider());
const city = cityOf(ZHUMADIAN);
const cmd = (over: Partial<SetRankingMethod> = {}): SetRankingMethod => ({
  type: 'SetRankingMethod',
  cityCode: ZHUMADIAN,
  year: 2021,
  method: {
    kind: 'weighted',
    weights: [
      { indicator: 'newHnteCertified', weight: 30 },
      { indicator: 'newTechSmesEntered', weight: 30 },
      { indicator: 'techContractTurnoverFen', weight: 20 },
      { indicator: 'innovationPlatforms', weight: 20 },
    ],
  },
  tieRule: { indicators: ['newHnteCertified'], finally: 'county_code' },
  reason: null,
  ...over,
});
const v1: RankingMethodSetEvent = {
  type: 'RankingMethodSet',
  data: {
    cityCode: ZHUMADIAN,
    year: 2021,
    methodVersion: 1,
    method: cmd().method,
    tieRule: cmd().tieRule,
    setBy: { id: 'city-1', role: 'city_reviewer', region: ZHUMADIAN },
    setOn: '2021-04-28',
    reason: null,
  },
};

describe('ranking method', () => {
  it('records the method and a change as a new version', () => {
    spec.given([]).when(cmd(), ctx(city, '2021-04-28')).then([v1]);
    const completion = cmd({
      method: {
        kind: 'target_completion',
        weights: [{ indicator: 'newHnteCertified', weight: 1 }],
        capPercent: 150,
      },
      reason: '改按目标完成率排名',
    });
    spec
      .given([v1])
      .when(completion, ctx(city, '2021-06-01'))
      .then([
        {
          type: 'RankingMethodSet',
          data: {
            ...v1.data,
            methodVersion: 2,
            method: completion.method,
            setOn: '2021-06-01',
            reason: '改按目标完成率排名',
          },
        },
      ]);
  });

  it('is idempotent, wants a reason for a change and refuses duplicates and other bureaus', () => {
    spec.given([v1]).when(cmd(), ctx(city, '2021-05-01')).then([]);
    spec
      .given([v1])
      .when(cmd({ tieRule: { indicators: [], finally: 'county_code' } }), ctx(city, '2021-05-01'))
      .thenRejects('method.reason-required');
    const dup = cmd({
      method: {
        kind: 'weighted',
        weights: [
          { indicator: 'validHnte', weight: 1 },
          { indicator: 'validHnte', weight: 2 },
        ],
      },
    });
    spec.given([]).when(dup, ctx(city, '2021-04-28')).thenRejects('method.duplicate-weight');
    spec
      .given([])
      .when(
        cmd({ tieRule: { indicators: ['validHnte', 'validHnte'], finally: 'county_code' } }),
        ctx(city, '2021-04-28'),
      )
      .thenRejects('method.duplicate-tie-indicator');
    spec
      .given([])
      .when(cmd(), ctx(countyOf('411702'), '2021-04-28'))
      .thenRejects('ranking.out-of-scope');
    spec
      .given([])
      .when(cmd(), ctx(cityOf('430600'), '2021-04-28'))
      .thenRejects('ranking.out-of-scope');
  });
});
