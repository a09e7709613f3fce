import { deciderSpec } from '@peiyu/eventstore';
import type { CountyTargetSetEvent } from './events';
import { targetsDecider, type SetCountyTargets } from './targets-decider';
import { cityOf, countyOf, ctx, provinceOf, regions, targets, ZHUMADIAN } from './test-support/fixtures';

const decider = targetsDecider({ parseRegion: regions });
const spec = deciderSpec(decider);
const city = cityOf(ZHUMADIAN);
const set = (over: Partial<SetCountyTargets> = {}): SetCountyTargets => ({
  type: 'SetCountyTargets',
  countyCode: '411702',
  year: 2021,
  targets: targets({ newTechSmesEntered: 40, newHnteCertified: 3 }),
  reference: '驻马店市2021年科技创新行动方案',
  reason: null,
  ...over,
});
const v1: CountyTargetSetEvent = {
  type: 'CountyTargetSet',
  data: {
    countyCode: '411702',
    cityCode: ZHUMADIAN,
    year: 2021,
    targetVersion: 1,
    targets: targets({ newTechSmesEntered: 40, newHnteCertified: 3 }),
    setBy: { id: 'city-1', role: 'city_reviewer', region: ZHUMADIAN },
    setOn: '2021-04-28',
    reference: '驻马店市2021年科技创新行动方案',
    reason: null,
  },
};

describe('county targets', () => {
  it('records the first version with who and when', () => {
    spec.given([]).when(set(), ctx(city, '2021-04-28')).then([v1]);
  });

  it('keeps the old version and records a change as version 2 with its reason', () => {
    const change = set({
      targets: targets({ newTechSmesEntered: 45, newHnteCertified: 3 }),
      reason: '年中调整',
    });
    spec
      .given([v1])
      .when(change, ctx(city, '2021-07-10'))
      .then([
        {
          type: 'CountyTargetSet',
          data: {
            ...v1.data,
            targetVersion: 2,
            targets: change.targets,
            setOn: '2021-07-10',
            reason: '年中调整',
          },
        },
      ]);
    const after = decider.evolve(decider.evolve(decider.initialState, v1), {
      type: 'CountyTargetSet',
      data: { ...v1.data, targetVersion: 2 },
    });
    expect(after.versions.map((v) => v.targetVersion)).toEqual([1, 2]);
  });

  it('treats the same targets again as a retry', () => {
    spec.given([v1]).when(set(), ctx(city, '2021-05-01')).then([]);
  });

  it('requires a reason for a change', () => {
    spec
      .given([v1])
      .when(set({ targets: targets({ newTechSmesEntered: 41 }) }), ctx(city, '2021-05-01'))
      .thenRejects('targets.reason-required');
  });

  it('lets the province set targets too, but not a county or another city', () => {
    const byProvince = deciderSpec(decider)
      .given([])
      .when(set(), ctx(provinceOf('410000'), '2021-04-28'));
    byProvince.thenState({
      versions: [{ ...v1.data, setBy: { id: 'prov-1', role: 'province_reviewer', region: '410000' } }],
    });
    spec
      .given([])
      .when(set(), ctx(countyOf('411702'), '2021-04-28'))
      .thenRejects('targets.out-of-scope');
    spec
      .given([])
      .when(set(), ctx(cityOf('410400'), '2021-04-28'))
      .thenRejects('targets.out-of-scope');
  });

  it('routes a 省直管县 to its province: its former city may not set it', () => {
    spec
      .given([])
      .when(set({ countyCode: '410482' }), ctx(cityOf('410400'), '2021-04-28'))
      .thenRejects('targets.out-of-scope');
    const [event] = decider.decide(
      set({ countyCode: '410482' }),
      decider.initialState,
      ctx(provinceOf('410000'), '2021-04-28'),
    );
    expect(event?.data).toMatchObject({ countyCode: '410482', cityCode: '410000', targetVersion: 1 });
  });

  it('refuses empty targets, an unknown county and a year that has ended', () => {
    spec
      .given([])
      .when(set({ targets: targets() }), ctx(city, '2021-04-28'))
      .thenRejects('targets.empty');
    spec
      .given([])
      .when(set({ countyCode: '411799' }), ctx(city, '2021-04-28'))
      .thenRejects('targets.county-unknown');
    spec.given([]).when(set(), ctx(city, '2022-01-01')).thenRejects('targets.year-closed');
  });
});
