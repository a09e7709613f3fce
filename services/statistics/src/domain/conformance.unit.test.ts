import { allEvents } from '@peiyu/contracts';
import { indicatorsDecider } from './indicators-decider';
import { methodDecider } from './method-decider';
import { rankingDecider, type PublishRanking } from './ranking-decider';
import { targetsDecider } from './targets-decider';
import { defaultTitleName, titlesDecider } from './titles-decider';
import {
  cityOf,
  countyOf,
  ctx,
  figures,
  provinceOf,
  regions,
  targets,
  usccOf,
  ZHUMADIAN,
} from './test-support/fixtures';

/** What the deciders emit must pass the contracts' schemas, as the event store checks at append time. */
const registry = allEvents();
const valid = (events: readonly { type: string; data: unknown }[]) => {
  expect(events.length).toBeGreaterThan(0);
  for (const e of events)
    expect(() => registry.validate({ type: e.type, schemaVersion: 1, data: e.data })).not.toThrow();
};

describe('decided events conform to the contracts', () => {
  it('targets, reports and methods', () => {
    const t = targetsDecider({ parseRegion: regions });
    valid(
      t.decide(
        {
          type: 'SetCountyTargets',
          countyCode: '411702',
          year: 2021,
          targets: targets({ newHnteCertified: 2 }),
          reference: null,
          reason: null,
        },
        t.initialState,
        ctx(cityOf(ZHUMADIAN), '2021-04-28'),
      ),
    );
    const r = indicatorsDecider();
    valid(
      r.decide(
        {
          type: 'ReportIndicators',
          countyCode: '411702',
          year: 2021,
          quarter: 1,
          techContractTurnoverFen: 0,
          provincialPlatforms: 0,
          cityPlatforms: 0,
          evidence: ['台账.pdf'],
          channel: 'import',
          correctionReason: null,
        },
        r.initialState,
        ctx(countyOf('411702'), '2021-04-02'),
      ),
    );
    const m = methodDecider();
    valid(
      m.decide(
        {
          type: 'SetRankingMethod',
          cityCode: ZHUMADIAN,
          year: 2021,
          method: {
            kind: 'target_completion',
            weights: [{ indicator: 'validHnte', weight: 1 }],
            capPercent: null,
          },
          tieRule: { indicators: [], finally: 'county_code' },
          reason: null,
        },
        m.initialState,
        ctx(cityOf(ZHUMADIAN), '2021-04-28'),
      ),
    );
  });

  it('rankings (first and corrected) and titles', () => {
    const d = rankingDecider();
    const cmd = (n: number, reason: string | null): PublishRanking => ({
      type: 'PublishRanking',
      cityCode: ZHUMADIAN,
      year: 2021,
      quarter: 4,
      method: {
        methodVersion: 1,
        method: { kind: 'weighted', weights: [{ indicator: 'newTechSmesEntered', weight: 3 }] },
        tieRule: { indicators: [], finally: 'county_code' },
      },
      counties: ['411702', '411721', '411722'].map((countyCode, i) => ({
        countyCode,
        figures: figures({ newTechSmesEntered: i === 0 ? n : i }),
        targets: null,
      })),
      excluded: [{ countyCode: '411729', reason: 'provincially_administered' }],
      previousBottom: ['411702'],
      knownAt: '2022-01-05T00:00:00.000Z',
      reason,
    });
    const c = ctx(cityOf(ZHUMADIAN), '2022-01-05', '2022-01-05T08:00:00+08:00');
    const v1 = d.decide(cmd(0, null), d.initialState, c);
    valid(v1);
    valid(d.decide(cmd(7, '更正'), v1.reduce(d.evolve, d.initialState), c));

    const uscc = usccOf('640104', 1);
    const t = titlesDecider({ countyOf: () => '640104', titleName: defaultTitleName });
    const granted = t.decide(
      {
        type: 'GrantTitle',
        uscc,
        grantId: 'g1',
        titleCode: 'gazelle',
        level: 'provincial',
        validUntil: '2027-06-30',
        reference: '宁科发〔2024〕1号',
      },
      t.initialState,
      ctx(provinceOf('640000'), '2024-06-01'),
    );
    valid(granted);
    valid(
      t.decide(
        { type: 'RevokeTitle', uscc, grantId: 'g1', reason: '复核不合格', reference: '宁科发〔2025〕9号' },
        granted.reduce(t.evolve, t.initialState),
        ctx(provinceOf('640000'), '2025-03-01'),
      ),
    );
  });
});
