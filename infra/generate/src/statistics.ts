import { countyTargetsStreamId, indicatorReportStreamId } from '@peiyu/contracts';
import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import { appendOn, countyActor, provinceActor, type Actor, type Append } from './append';
import type { County } from './model';
import { Rng } from './rng';

const cityActor = (city: string): Actor => ({
  role: 'city_reviewer',
  id: `city-reviewer-${city}`,
  region: city,
});

/**
 * The statistics service's year for one county: the targets its city (the province for a 省直管县) sets in
 * January — scaled from the county's expected tech-SME evaluations — and the county's quarterly indicator
 * reports for the quarters that end within the year's working months (Q1–Q3; Q4 is reported in January).
 */
export function statisticsAppends(
  seed: number,
  year: number,
  county: County,
  evaluations: number,
  ids: Rng,
): Append[] {
  const r = new Rng(seed, `statistics:${county.code}:${year}`);
  const direct = DEFAULT_PROVINCIALLY_ADMINISTERED.includes(county.code);
  const cityCode = direct ? county.provinceCode : `${county.code.slice(0, 4)}00`;
  const setter = direct ? provinceActor(county.provinceCode) : cityActor(cityCode);
  const setOn = `${year}-01-${String(r.int(15, 28)).padStart(2, '0')}`;
  const entries = Math.round(evaluations * 0.95);
  const out: Append[] = [
    appendOn(ids, countyTargetsStreamId(county.code, year), setOn, setter, [
      {
        type: 'CountyTargetSet',
        data: {
          countyCode: county.code,
          cityCode,
          year,
          targetVersion: 1,
          targets: {
            newTechSmesEntered: Math.round(entries * 1.1),
            newHnteCertified: Math.max(1, Math.round(entries * 0.2)),
            validHnte: Math.max(1, Math.round(entries * 0.7)),
            // 技术合同成交额: ≈ 0.5–1.5 million yuan per entered tech SME, in fen
            techContractTurnoverFen: entries * r.int(50, 150) * 1_000_000,
            innovationPlatforms: r.int(1, 6),
          },
          setBy: setter,
          setOn,
          reference: `《${county.name}${year}年科技创新目标责任书》`,
          reason: null,
        },
      },
    ]),
  ];
  const reporter = countyActor(county.code);
  for (const quarter of [1, 2, 3]) {
    const reportedOn = `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-${String(r.int(5, 20)).padStart(2, '0')}`;
    out.push(
      appendOn(ids, indicatorReportStreamId(county.code, year, quarter), reportedOn, reporter, [
        {
          type: 'IndicatorsReported',
          data: {
            countyCode: county.code,
            year,
            quarter,
            reportVersion: 1,
            techContractTurnoverFen: Math.round(entries * r.int(10, 40) * 1_000_000),
            provincialPlatforms: r.int(0, 2),
            cityPlatforms: r.int(0, 3),
            evidence: [`技术合同登记表 ${county.code}-${year}Q${quarter}`],
            channel: 'form',
            reportedBy: reporter,
            reportedOn,
            correctionReason: null,
          },
        },
      ]),
    );
  }
  return out;
}
