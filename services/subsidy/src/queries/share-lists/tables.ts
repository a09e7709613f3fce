import { fenToYuanText, type Table, type TableColumn } from '@peiyu/service-kit';
import type { FiscalLevel } from '../../domain';
import type { ShareDoc } from '../../read-models/shares';
import type { LevelList } from './scope';

/** The two lists a finance bureau hands on: what it approves (its queue and decisions) and what it paid. */
export type ShareListKind = 'approvals' | 'payments';

export const LIST_STATUSES: Record<ShareListKind, readonly ShareDoc['status'][]> = {
  approvals: ['pending', 'approved', 'reduced', 'withdrawn'],
  payments: ['disbursed', 'clawback-ordered', 'recovered'],
};

const LIST_NAMES: Record<ShareListKind, string> = { approvals: '补助审批清单', payments: '补助拨付清单' };

export const LEVEL_NAMES: Record<FiscalLevel, string> = { province: '省级', city: '市级', county: '县级' };

export const POLICY_NAMES: Record<string, string> = {
  'rd-subsidy': '研发费用财政补助',
  'tsme-entry-award/city': '科技型中小企业入库奖励（市级）',
  'tsme-entry-award/county': '科技型中小企业入库奖励（县级）',
  'hnte-award/city': '高新技术企业认定奖励（市级）',
  'hnte-award/county': '高新技术企业认定奖励（县区级）',
};

export const STATUS_NAMES: Record<ShareDoc['status'], string> = {
  pending: '待审批',
  approved: '已核定',
  reduced: '按预算核减',
  withdrawn: '已撤回',
  disbursed: '已拨付',
  'clawback-ordered': '已责令追回',
  recovered: '已追回',
};

const BASIS_NAMES: Record<ShareDoc['basisKind'], string> = {
  'sme-entry': '入库登记编号',
  'hnte-certificate': '高企证书编号',
  'rd-application': '加计扣除备案号',
};

const common: TableColumn[] = [
  { key: 'name', label: '企业名称' },
  { key: 'uscc', label: '统一社会信用代码' },
  { key: 'countyCode', label: '所在县（区）代码' },
  { key: 'policy', label: '补助政策' },
  { key: 'budgetYear', label: '预算年度', kind: 'integer' },
  { key: 'basis', label: '补助依据' },
];

const COLUMNS: Record<ShareListKind, TableColumn[]> = {
  approvals: [
    ...common,
    { key: 'decisionOn', label: '决定日期' },
    { key: 'requested', label: '本级应承担金额（元）', kind: 'fen' },
    { key: 'approved', label: '核定金额（元）', kind: 'fen' },
    { key: 'status', label: '状态' },
  ],
  payments: [
    ...common,
    { key: 'approved', label: '核定金额（元）', kind: 'fen' },
    { key: 'disbursed', label: '拨付金额（元）', kind: 'fen' },
    { key: 'paymentRef', label: '支付凭证号' },
    { key: 'clawback', label: '应追回金额（元）', kind: 'fen' },
    { key: 'recovered', label: '已追回金额（元）', kind: 'fen' },
    { key: 'status', label: '状态' },
  ],
};

const sum = (rows: readonly ShareDoc[], f: (d: ShareDoc) => number) => rows.reduce((a, d) => a + f(d), 0);

/**
 * A level's list as a table for `sendTable`: Chinese headers, amounts kept in integer fen (written as yuan),
 * the totals and the filters in the notes. Enterprise names and USCCs are business data; no contact person is
 * listed, so the export reads no personal data.
 */
export function shareTable(
  kind: ShareListKind,
  list: LevelList,
  filters: { policyId?: string | undefined; budgetYear?: number | undefined },
  docs: readonly ShareDoc[],
  names: ReadonlyMap<string, string>,
  today: string,
): Table {
  const who = `${list.level ? LEVEL_NAMES[list.level] : '各级'}财政（${list.region ?? '全部地区'}）`;
  const year = filters.budgetYear ? `${filters.budgetYear} 年度 ` : '';
  const policy = filters.policyId ? `${POLICY_NAMES[filters.policyId] ?? filters.policyId} ` : '';
  const totals =
    kind === 'approvals'
      ? `合计：本级应承担 ${fenToYuanText(sum(docs, (d) => d.requested))} 元，核定 ${fenToYuanText(sum(docs, (d) => d.approved))} 元`
      : `合计：拨付 ${fenToYuanText(sum(docs, (d) => d.disbursed))} 元，应追回 ${fenToYuanText(sum(docs, (d) => d.clawback))} 元，已追回 ${fenToYuanText(sum(docs, (d) => d.recovered))} 元`;
  return {
    title: `${who} ${year}${policy}${LIST_NAMES[kind]}`,
    columns: COLUMNS[kind],
    rows: docs.map((d) => ({
      name: names.get(d.uscc) ?? '',
      uscc: d.uscc,
      countyCode: d.countyCode,
      policy: POLICY_NAMES[d.policyId] ?? d.policyId,
      budgetYear: d.budgetYear,
      basis: `${BASIS_NAMES[d.basisKind]} ${d.basisReference}`,
      decisionOn: d.decisionOn,
      requested: d.requested,
      approved: d.approved,
      disbursed: d.disbursed,
      paymentRef: d.paymentRef,
      clawback: d.clawback,
      recovered: d.recovered,
      status: STATUS_NAMES[d.status],
    })),
    notes: [
      `共 ${docs.length} 条。${totals}。`,
      '金额单位：元（由整数分精确换算）。',
      `导出日期：${today}。`,
    ],
  };
}
