import { parseFraction, rational } from '@peiyu/policy';
import type { PublishedRanking } from './events';
import { INDICATOR_LABELS, INDICATORS, type Indicator } from './indicators';
import { quarterLabel, type QuarterRef } from './quarters';

export interface BulletinColumn {
  readonly key: string;
  readonly label: string;
}

/** A quarter's county bulletin (通报) as plain data; the shell renders it as CSV, XLSX or a printable page. */
export interface Bulletin {
  readonly title: string;
  readonly asOf: string;
  readonly rankingVersion: number;
  readonly columns: readonly BulletinColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number>>>;
  readonly notes: readonly string[];
}

export const BULLETIN_COLUMNS: readonly BulletinColumn[] = [
  { key: 'rank', label: '排名' },
  { key: 'county', label: '县（市、区）' },
  { key: 'score', label: '综合得分' },
  ...INDICATORS.map((k) => ({ key: k, label: INDICATOR_LABELS[k] })),
  { key: 'mark', label: '通报' },
  { key: 'talk', label: '约谈' },
];

// 驻马店 2021 四(四): 前三名通报表扬, 后三名通报批评, 连续两次后三名约谈.
const MARK_TEXT = { top: '通报表扬', bottom: '通报批评' } as const;

/** 1 万元 = 10 000 元 = 1 000 000 分; exact, trailing zeros dropped. */
export const fenToWanYuan = (fen: number): string =>
  rational.toDecimal(rational.rat(BigInt(fen), 1_000_000n), 6);

function figureText(indicator: Indicator, value: number): string | number {
  return indicator === 'techContractTurnoverFen' ? fenToWanYuan(value) : value;
}

/**
 * The rows of a published ranking in bulletin form, with Chinese column labels. Figures are those of the
 * publication (as of the quarter's end); `countyName` comes from the region registry.
 */
export function bulletinOf(
  ranking: PublishedRanking,
  names: { readonly areaName: string; countyName(code: string): string },
): Bulletin {
  const q: QuarterRef = { year: ranking.year, quarter: ranking.quarter as 1 };
  const rows = ranking.rows.map((r) => {
    const row: Record<string, string | number> = {
      rank: r.rank,
      county: names.countyName(r.countyCode),
      score: rational.toDecimal(parseFraction(r.score, 'score'), 4),
    };
    for (const k of INDICATORS) row[k] = figureText(k, r.figures[k]);
    row.mark = r.mark === null ? '' : MARK_TEXT[r.mark];
    row.talk = r.talk ? '约谈' : '';
    return row;
  });
  const notes = [
    `数据截至${ranking.asOf}；除有效高新技术企业为截止日数量外，各项为本年1月1日起累计。`,
    ...ranking.excluded.map((e) => `${names.countyName(e.countyCode)}为省直管县，不参加本市排名。`),
    ...(ranking.correction
      ? [
          `本通报为第${ranking.rankingVersion}版，更正第${ranking.correction.ofVersion}版：${ranking.correction.reason}`,
        ]
      : []),
  ];
  return {
    title: `${names.areaName}${quarterLabel(q)}科技创新工作通报`,
    asOf: ranking.asOf,
    rankingVersion: ranking.rankingVersion,
    columns: BULLETIN_COLUMNS,
    rows,
    notes,
  };
}
