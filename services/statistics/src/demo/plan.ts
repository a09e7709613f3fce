import { apportion, previousQuarter, quarterOf, type QuarterRef } from '../domain';

/**
 * What `npm start -- --demo` loads into statistics, as plain data (tested without a stack). Sources: 《驻马店市
 * 2021年科技创新行动方案》 二 (认定国家高新技术企业20家、评价入库国家科技型中小企业260家) and 四(四) (quarterly
 * ranking, 前三名表扬、后三名批评、连续两次后三名约谈).
 *
 * The targets are set for the stack's current year: a year that has ended is closed to target changes (its
 * rankings are final), and the shared clock never moves back. The two most recently ended quarters are reported
 * and ranked (across the year boundary when the first falls in the year before), so the second ranking shows
 * the 约谈 of the counties criticised twice.
 */
export const ZHUMADIAN = '411700';
export const PLAN_REFERENCE = '《驻马店市2021年科技创新行动方案》二';
/** 泌阳县, 汝南县 and 新蔡县 report the least in both quarters (invented figures for the demo). */
export const LAGGING = ['411726', '411727', '411729'];

export interface DemoTargets {
  countyCode: string;
  newTechSmesEntered: number;
  newHnteCertified: number;
}

/** 260 tech SMEs and 20 HNTE spread equally over the counties (largest remainder: they add up exactly). */
export function zhumadianTargets(counties: readonly string[]): DemoTargets[] {
  const equal = counties.map((countyCode) => ({ countyCode, weight: 1 }));
  const sme = apportion(260, equal);
  const hnte = apportion(20, equal);
  return counties.map((countyCode) => ({
    countyCode,
    newTechSmesEntered: sme.get(countyCode)!,
    newHnteCertified: hnte.get(countyCode)!,
  }));
}

/** The two quarters before the current one, oldest first. */
export function demoQuarters(today: string): [QuarterRef, QuarterRef] {
  const last = previousQuarter(quarterOf(today));
  return [previousQuarter(last), last];
}

export interface DemoReport {
  countyCode: string;
  turnoverYuan: string;
  provincialPlatforms: number;
  cityPlatforms: number;
}

/** A county's invented quarterly report: the lagging three far behind the others. */
export function demoReport(countyCode: string, index: number, q: QuarterRef): DemoReport {
  const lagging = LAGGING.includes(countyCode);
  const wan = lagging ? 20 + index : 300 + 40 * index + 10 * q.quarter;
  return {
    countyCode,
    turnoverYuan: `${wan * 10_000}.00`,
    provincialPlatforms: lagging ? 0 : 1,
    cityPlatforms: lagging ? 0 : (index % 3) + 1,
  };
}

/**
 * 岳阳 2022 (shared/seeds 001, reply to 提案第056号: 1-5月科技型中小企业入库 by county): not typed in here — the
 * stack's `--demo` imports the history that produced them (infra/generate scenario `yueyang-2022`, before this
 * loader runs) and this loader only asks the counts API for them, as 岳阳's city bureau.
 */
export const YUEYANG = '430600';
export const YUEYANG_PERIOD = { from: '2022-01-01', to: '2022-05-31' } as const;
/** The counties the reply names, in its order (经开区 430672 and 新港区 430673: policy's management areas). */
export const YUEYANG_REPLY_COUNTIES = ['430673', '430672', '430602', '430626', '430681', '430621'] as const;

export interface CountRow {
  countyCode: string;
  countyName: string;
  techSmesEntered: number;
}

/** "新港区 61、经开区 51、…": the reply's counties in its order, with what the API counted. */
export function yueyangLine(rows: readonly CountRow[]): string {
  return YUEYANG_REPLY_COUNTIES.map((code) => {
    const row = rows.find((r) => r.countyCode === code);
    return `${row?.countyName ?? code} ${row?.techSmesEntered ?? 0}`;
  }).join('、');
}
