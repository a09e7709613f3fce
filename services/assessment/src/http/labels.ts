import type { FORMAL_REVIEW_ITEMS, ON_SITE_CHECK_REASONS } from '@peiyu/contracts';
import { entryValidOn } from '@peiyu/policy';
import type { Batch, Evaluation, EvaluationStatus } from '../domain';

/** The Chinese a clerk reads beside each code in a response (issue 11 §3); codes stay the stable English. */
export const EVALUATION_STATUS_LABELS: Readonly<Record<EvaluationStatus, string>> = {
  draft: '草稿',
  submitted: '已提交，待县级形式审查',
  returned: '已退回修改',
  forwarded: '县级审核通过，已报送',
  withdrawn: '已撤回',
  batched: '已纳入省级批次',
  rejected: '异议成立，不予入库',
  entered: '已入库',
  revoked: '入库资格已撤销',
};

/** 形式审查四项 (tech-sme.md workflow 2). */
export const CHECKLIST_LABELS: Readonly<Record<(typeof FORMAL_REVIEW_ITEMS)[number], string>> = {
  form_complete: '信息表填写完整',
  consistent_with_evidence: '填报信息与佐证材料一致',
  signed_and_sealed: '已签字盖章',
  no_other_problem: '无其他问题',
};

export const ON_SITE_REASON_LABELS: Readonly<Record<(typeof ON_SITE_CHECK_REASONS)[number], string>> = {
  few_employees: '职工总数不超过 5 人',
  no_ip: '无知识产权',
  low_rd_expense: '研发费用低于 10 万元',
  recent_revocation: '近三年内被撤销过入库资格',
  reviewer_judgement: '审核人员认为需要核查',
};

export const BATCH_STATUS_LABELS: Readonly<Record<Batch['status'], string>> = {
  forming: '组批中',
  in_notice: '公示中',
  closed: '公示结束',
};

export const ENTRY_STATE_LABELS = { valid: '有效', expired: '已过期', revoked: '已撤销' } as const;
export type EntryState = keyof typeof ENTRY_STATE_LABELS;

/**
 * The state of an entry on `today`: valid from its entry date through validUntil (policy entryValidOn),
 * expired after, revoked once revoked; null before the evaluation is entered.
 */
export function entryStateOf(e: Evaluation, today: string): EntryState | null {
  if (e.status === 'revoked') return 'revoked';
  if (!e.entry) return null;
  return entryValidOn(e.entry, today) ? 'valid' : 'expired';
}

/** `{ entryState, entryStateLabel }` for a view or a list item. */
export function entryStateFields(e: Evaluation, today: string) {
  const entryState = entryStateOf(e, today);
  return { entryState, entryStateLabel: entryState ? ENTRY_STATE_LABELS[entryState] : null };
}
