import { refusals } from '@peiyu/contracts';

/**
 * The assessment's refusals: each stable code with the Chinese text a clerk reads (tech-sme.md; the English
 * text, with the specifics, is written where the rule refuses). A code missing here does not compile.
 */
export const refuse = refusals({
  // evaluation stream
  no_evaluation: '该企业在该年度没有评价记录',
  evaluation_withdrawn: '评价已撤回，不能再办理',
  entry_revoked: '入库资格已撤销，不能再办理',
  wrong_status: '评价当前状态不允许此操作',
  enterprise_not_registered: '企业尚未登记（或登记信息尚未同步）',
  enterprise_deregistered: '企业已注销',
  no_campaign: '该年度未设置评价工作',
  revoked_this_year: '企业本年度入库资格已被撤销，不能再次申请',
  fraud_bar: '企业因弄虚作假被撤销入库资格，三年内不得再次申请',
  wrong_stream: '评价的企业或年度与记录不符',
  one_live_evaluation: '企业在同一年度只能有一份有效评价',
  duplicate_evaluation_id: '评价编号已被使用',
  form_rejected: '信息表数据不符合要求',
  sanctioned_in_window:
    '企业近一年内发生重大安全、质量事故或严重环境违法、科研严重失信行为，或被列入经营异常名录、严重违法失信名单',
  not_eligible: '企业不符合科技型中小企业评价条件',
  checklist_incomplete: '形式审查须逐项填写四个审查项',
  comment_required: '未通过的审查项须填写企业可据以修改的意见',
  already_flagged: '已标记实地核查',
  not_flagged: '该评价未标记实地核查',
  on_site_check_recorded: '实地核查结果已登记',
  on_site_check_pending: '已标记实地核查，须先登记核查结果，形式审查方可通过',
  on_site_check_inconsistent: '实地核查发现填报信息与实际不符，形式审查不能通过，请退回修改',
  checked_on_out_of_range: '核查日期须在标记实地核查之日与今日之间',
  reason_required: '须填写理由',
  revocation_already_requested: '已提出撤销建议',
  // batch stream
  no_batch: '没有该批次',
  other_province: '评价属于其他省份',
  other_year: '评价属于其他年度',
  already_in_batch: '评价已在该批次中',
  not_forwarded: '只有县级审核通过并报送的评价才能纳入批次',
  notice_already_opened: '批次已开始公示，不能再添加评价',
  batch_mismatch: '批次的省份或年度不符',
  bad_item_list: '须至少列出一项评价，且每项只列一次',
  outside_notice_window: '只在公示期内受理异议',
  duplicate_objection: '该异议已登记',
  not_in_batch: '评价不在该批次中',
  item_rejected: '该评价已因异议成立被退出',
  no_objection: '该批次没有此异议',
  objection_resolved: '该异议已处理',
  sequence_block_required: '关闭公示前须预留登记编号',
  notice_not_open: '批次未在公示中',
  notice_not_ended: '公示期未满，不能提前结束',
  objection_unresolved: '结束公示前须处理完所有异议',
  not_entered: '只能对已入库的评价进行抽查',
  already_checked: '该评价已有抽查记录',
  not_in_sample: '该评价不在本批次抽取的抽查样本中（样本含全部须实地核查的评价及不少于 5% 的随机抽取）',
});

/** A code of the catalog above. */
export type AssessmentRefusal = Parameters<typeof refuse>[1];
