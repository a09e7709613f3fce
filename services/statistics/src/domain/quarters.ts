import type { IsoDate } from '@peiyu/policy';

export type QuarterNumber = 1 | 2 | 3 | 4;
export interface QuarterRef {
  readonly year: number;
  readonly quarter: QuarterNumber;
}

const ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;
const STARTS = ['01-01', '04-01', '07-01', '10-01'] as const;
const NAMES = ['一', '二', '三', '四'] as const;

export function quarterStart(q: QuarterRef): IsoDate {
  return `${q.year}-${STARTS[q.quarter - 1]}`;
}

export function quarterEnd(q: QuarterRef): IsoDate {
  return `${q.year}-${ENDS[q.quarter - 1]}`;
}

/** The quarter before, across the year boundary (Q1 2022 → Q4 2021): 约谈 counts consecutive quarters. */
export function previousQuarter(q: QuarterRef): QuarterRef {
  return q.quarter === 1
    ? { year: q.year - 1, quarter: 4 }
    : { year: q.year, quarter: (q.quarter - 1) as QuarterNumber };
}

export function quarterOf(date: IsoDate): QuarterRef {
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as QuarterNumber };
}

export function isQuarterNumber(n: number): n is QuarterNumber {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

/** 2021年第二季度 */
export function quarterLabel(q: QuarterRef): string {
  return `${q.year}年第${NAMES[q.quarter - 1]}季度`;
}
