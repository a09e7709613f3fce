import type { IndicatorsReportedEvent, RankingMethod, SourceEvent, TieRule } from './events';
import { foldSourceEvents } from './facts';
import { quarterFigures, type IndicatorReport, type Recorded } from './figures';
import { rankCounties } from './ranking';
import { rankingDecider } from './ranking-decider';
import {
  cancelled,
  certified,
  cityOf,
  ctx,
  entered,
  registered,
  relocated,
  usccOf,
  ZHUMADIAN,
  ZMD_COUNTIES,
} from './test-support/fixtures';

const { 驿城区: YC, 西平县: XP, 上蔡县: SC, 平舆县: PY, 正阳县: ZY, 确山县: QS } = ZMD_COUNTIES;
const COUNTIES = [YC, XP, SC, PY, ZY, QS];
const method: RankingMethod = {
  kind: 'weighted',
  weights: [
    { indicator: 'newTechSmesEntered', weight: 40 },
    { indicator: 'newHnteCertified', weight: 30 },
    { indicator: 'validHnte', weight: 10 },
    { indicator: 'techContractTurnoverFen', weight: 10 },
    { indicator: 'innovationPlatforms', weight: 10 },
  ],
};
const tieRule: TieRule = { indicators: ['newHnteCertified'], finally: 'county_code' };
const Q1 = { year: 2021, quarter: 1 } as const;
const KNOWN_AT = '2021-04-02T00:00:00.000Z';

const report = (
  countyCode: string,
  v: number,
  fen: number,
  recordedAt: string,
): Recorded<IndicatorReport> => {
  const data: IndicatorsReportedEvent['data'] = {
    countyCode,
    year: 2021,
    quarter: 1,
    reportVersion: v,
    techContractTurnoverFen: fen,
    provincialPlatforms: 0,
    cityPlatforms: v,
    evidence: ['台账.pdf'],
    channel: 'form',
    reportedBy: { id: 'c', role: 'county_reviewer', region: countyCode },
    reportedOn: recordedAt.slice(0, 10),
    correctionReason: v > 1 ? '更正' : null,
  };
  return { data, recordedAt };
};

/** Q1 2021 as it stood on 2 April: entries, certificates and reports of six 驻马店 counties. */
function quarterAsPublished(): { events: SourceEvent[]; reports: Recorded<IndicatorReport>[] } {
  const events: SourceEvent[] = [];
  COUNTIES.forEach((county, i) => {
    for (let n = 0; n < 6 - i; n += 1) {
      const uscc = usccOf(county, n);
      events.push(
        registered(uscc, county),
        entered(uscc, county, `2021-03-${String(10 + n).padStart(2, '0')}`),
      );
      if (n < 2 && i % 2 === 0)
        events.push(certified(uscc, '2021-02-15', `GR20214100${county.slice(4)}${n}0`));
    }
  });
  const reports = COUNTIES.map((c, i) => report(c, 1, (i + 1) * 1_000_000_00, '2021-04-01T09:00:00.000Z'));
  return { events, reports };
}

/** What arrived after publication: a late entry of March, a retroactive cancellation and move, a correction. */
function laterArrivals(): { events: SourceEvent[]; reports: Recorded<IndicatorReport>[] } {
  const late = usccOf(QS, 50);
  return {
    events: [
      registered(late, QS, '2016-01-01', '2021-04-05T00:00:00.000Z'),
      entered(late, QS, '2021-03-30', '2021-04-05T00:00:00.000Z'),
      cancelled(usccOf(YC, 0), `GR20214100${YC.slice(4)}00`, '2021-05-10', '2021-01-01'),
      relocated(usccOf(SC, 1), SC, QS, '2021-02-01', '2021-06-01T00:00:00.000Z'),
    ],
    reports: [report(ZY, 2, 9_000_000_00, '2021-04-20T00:00:00.000Z')],
  };
}

describe('as-of: a published quarter recomputed later from the events gives the published figures exactly', () => {
  const before = quarterAsPublished();
  const facts = foldSourceEvents(before.events);
  const figures = quarterFigures({
    facts,
    reports: before.reports,
    countyCodes: COUNTIES,
    quarter: Q1,
    knownAt: KNOWN_AT,
  });
  const [published] = rankingDecider().decide(
    {
      type: 'PublishRanking',
      cityCode: ZHUMADIAN,
      year: 2021,
      quarter: 1,
      method: { methodVersion: 1, method, tieRule },
      counties: COUNTIES.map((countyCode) => ({
        countyCode,
        figures: figures.get(countyCode)!,
        targets: null,
      })),
      excluded: [],
      previousBottom: null,
      knownAt: KNOWN_AT,
      reason: null,
    },
    rankingDecider().initialState,
    ctx(cityOf(ZHUMADIAN), '2021-04-02', '2021-04-02T08:00:00.000Z'),
  );
  const later = laterArrivals();
  const allFacts = foldSourceEvents([...later.events, ...before.events]);
  const allReports = [...before.reports, ...later.reports];

  it('publishes the figures of 2 April', () => {
    expect(published?.data.rows.find((r) => r.countyCode === YC)?.figures).toEqual({
      newTechSmesEntered: 6,
      newHnteCertified: 2,
      validHnte: 2,
      techContractTurnoverFen: 1_000_000_00,
      innovationPlatforms: 1,
    });
  });

  it('recomputes the same rows from all events when limited to what was known at knownAt', () => {
    const again = quarterFigures({
      facts: allFacts,
      reports: allReports,
      countyCodes: COUNTIES,
      quarter: Q1,
      knownAt: published!.data.knownAt,
    });
    const rows = rankCounties({
      method,
      tieRule,
      previousBottom: null,
      counties: COUNTIES.map((countyCode) => ({
        countyCode,
        figures: again.get(countyCode)!,
        targets: null,
      })),
    }).rows;
    expect(rows).toEqual(published!.data.rows);
  });

  it('would differ without the knownAt limit (the late events do matter)', () => {
    const now = quarterFigures({ facts: allFacts, reports: allReports, countyCodes: COUNTIES, quarter: Q1 });
    expect(now.get(QS)?.newTechSmesEntered).toBe(figures.get(QS)!.newTechSmesEntered + 1);
    expect(now.get(ZY)?.techContractTurnoverFen).toBe(9_000_000_00);
    // retroactive move known only in June: 上蔡's certificate now counts in 确山
    expect(now.get(SC)?.validHnte).toBe(figures.get(SC)!.validHnte - 1);
  });
});
