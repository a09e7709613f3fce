import type { Area } from './model';
import type { RunSpec, ScenarioRules } from './units';

/**
 * A recorded year reproduced exactly: fixed entries per county, written as the history that produced them
 * (registrations, evaluations through the county review, the province's batches, 公示, SmeEntered) — so the
 * figures are counted from events by whoever reads them, never typed in.
 */
export interface Scenario {
  name: string;
  /** Where the figures come from. */
  source: string;
  year: number;
  provinceCode: string;
  cityCode: string;
  /** Evaluations per county; all are entered (none withdrawn, no objection upheld). */
  counties: ReadonlyArray<{ code: string; name: string; entries: number }>;
  /** Every entry's 公示 closes on or before this date (checked: `scenarioEntries`). */
  enteredBy: string;
  rules: Omit<ScenarioRules, 'name' | 'evaluationsByCounty'>;
}

/**
 * 岳阳 2022 (shared/seeds 001, 岳阳市科技局's reply to 提案第056号): "今年1-5月份…科技型中小企业入库：新港区61家、
 * 经开区51家、岳阳楼区26家、平江县57家、汨罗市44家、岳阳县35家". 经开区 and 新港区 carry the codes policy assigns
 * to those management areas (430672, 430673, `DEFAULT_MANAGEMENT_AREAS`), as the certification demo does.
 * Drafts from 4 January to 20 February, no send-back by the province: the last forwarded in April, batched in
 * May, entered before 1 June (the 2022 rule set, `techSmeRuleSetFor(2022)`). Enterprises registered in 2021,
 * serials 8001+ (clear of the registry demo's, below 2000, and the certification demo's, 5001–5700).
 */
export const YUEYANG_2022: Scenario = {
  name: 'yueyang-2022',
  source: '岳阳市科技局 对市政协提案第056号的答复（shared/seeds 001）：2022年1-5月科技型中小企业入库数',
  year: 2022,
  provinceCode: '430000',
  cityCode: '430600',
  counties: [
    { code: '430673', name: '新港区', entries: 61 },
    { code: '430672', name: '经开区', entries: 51 },
    { code: '430602', name: '岳阳楼区', entries: 26 },
    { code: '430626', name: '平江县', entries: 57 },
    { code: '430681', name: '汨罗市', entries: 44 },
    { code: '430621', name: '岳阳县', entries: 35 },
  ],
  enteredBy: '2022-05-31',
  rules: {
    campaign: { draftFromDay: 3, draftDays: 47, withdrawRate: 0, sentBackRate: 0 },
    upheldRate: 0,
    registeredIn: 2021,
    enterprisesPerEvaluation: 1,
    firstSerial: 8001,
  },
};

export const SCENARIOS: Readonly<Record<string, Scenario>> = { [YUEYANG_2022.name]: YUEYANG_2022 };

/** The run a scenario makes (the area is its counties only). */
export function scenarioSpec(s: Scenario, seed = 1): RunSpec {
  const area: Area = {
    scale: 'city',
    code: s.cityCode,
    counties: s.counties.map((c) => ({
      code: c.code,
      name: c.name,
      provinceCode: s.provinceCode,
      weight: 1,
    })),
    evaluations: s.counties.reduce((n, c) => n + c.entries, 0),
  };
  const evaluationsByCounty = new Map(s.counties.map((c) => [c.code, c.entries]));
  return { seed, year: s.year, area, scenario: { name: s.name, evaluationsByCounty, ...s.rules } };
}
