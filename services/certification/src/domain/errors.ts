import { DomainError, refusals } from '@peiyu/contracts';

/**
 * The certification refusals: each stable code with the Chinese text a clerk reads (the English text, with the
 * specifics, is written where the rule refuses). A code missing here does not compile.
 */
export const refuse = refusals({
  // Streams and registers
  wrong_stream: '指令所指的企业、批次或省份与本记录不符',
  not_a_province: '不是省级行政区划代码',
  // Batches (批次)
  no_batch: '没有该高新技术企业认定批次',
  batch_exists: '该批次已开设',
  batch_dates: '申报截止日期须早于推荐截止日期',
  batch_year: '批次的申报须在本年度内开始',
  batch_in_the_past: '申报截止日期已过',
  unknown_rule_set: '没有该认定规则版本',
  outside_window: '不在本批次的申报期内',
  number_already_assigned: '该申请已分配证书编号',
  serial_exhausted: '本省本年度的证书流水号已用完',
  // Applications
  no_application: '没有该企业在本批次的申请',
  wrong_status: '申请当前所处状态不允许此操作',
  application_withdrawn: '申请已撤回',
  one_live_application: '同一企业在同一批次只能有一份在办申请',
  application_decided: '本批次申请已有结论，请在以后批次申报',
  duplicate_application_id: '申请编号已被使用',
  enterprise_not_registered: '企业未登记',
  enterprise_deregistered: '企业已注销',
  wrong_province: '企业不在本批次所属省份登记（由注册地省份认定）',
  cancelled_this_year: '高新技术企业资格被取消的当年不得再次申请',
  no_financials: '申请至少须有一个会计年度的财务数据',
  form_rejected: '申请材料不符合要求',
  ip_item_duplicate: '同一知识产权重复填报',
  ip_class_mismatch: '知识产权类别（Ⅰ类/Ⅱ类）填报有误',
  ip_item_used: 'Ⅱ类知识产权只能用于一次高新技术企业认定申请',
  correction_too_late: '已过推荐截止日期，不能补正',
  recommendation_overdue: '已过县级推荐截止日期',
  return_without_items: '退回补正须至少列明一项内容及意见',
  section_twice: '同一部分重复退回',
  comment_required: '退回的每一部分须附企业可据以修改的意见',
  reason_required: '须说明理由',
  not_submitted: '申请尚未提交',
  // Expert review (专家评审)
  bad_seed: '抽取专家的随机种子须为16至128位小写十六进制数',
  no_expert: '专家库中没有该专家',
  expert_retired: '该专家已退出专家库',
  expert_exists: '该专家已在专家库中',
  panel_too_few_technical: '无回避情形的本领域技术专家不足，无法组成评审专家组',
  panel_too_few_financial: '无回避情形的财务专家不足，无法组成评审专家组',
  panel_too_few_experts: '无回避情形的专家人数不足，无法组成评审专家组',
  not_on_panel: '该专家不在本申请的评审专家组中',
  score_already_recorded: '该专家已对本申请评分',
  wrong_sheet: '专家只能填写其评审角色（技术或财务）对应的评分项',
  unknown_score_item: '没有该评分项',
  score_out_of_range: '评分须为评分范围内的整数',
  scores_missing: '专家组成员尚未全部评分',
  // Public notice (公示) and objections (异议)
  no_notice: '没有正在进行的公示',
  notice_ended: '公示期已结束',
  notice_running: '公示期尚未结束',
  objection_exists: '该异议已提出',
  objection_not_named: '异议须以实名书面提出',
  no_objection: '没有该异议',
  objection_resolved: '该异议已处理',
  finding_required: '须填写核实结论',
  objections_open: '尚有异议未核实',
  // Certificates (证书)
  application_not_approved: '只有公示后通过的申请才能认定发证',
  already_certified: '该申请已认定发证',
  number_in_use: '该证书编号已在本记录中',
  number_wrong_province: '证书编号不属于本省',
  no_valid_certificate: '企业没有有效期内的高新技术企业证书',
  certificate_held: '企业已持有有效的高新技术企业证书',
  certificate_expired: '证书已过有效期',
  not_yet_expired: '证书尚在有效期内',
  // Annual reports (年度报告)
  report_year_out_of_range: '年度报告须针对证书有效期内已结束的年度',
  report_already_filed: '该年度报告已填报',
  report_filed: '该年度报告已填报',
  report_not_required: '该年度无须填报年度报告',
  report_not_yet_due: '该年度报告尚未到截止日期',
  already_marked_missed: '该年度报告已记为未按期填报',
  // Changes, moves and cancellation (变更、迁移、取消资格)
  change_in_future: '变更日期不能晚于今天',
  change_before_certificate: '变更日期早于证书发证日期',
  new_name_required: '更名须填写新名称',
  moved_outside_validity: '迁移日期须在证书有效期内且不晚于今天',
  conduct_year_out_of_range: '行为发生年度超出可追溯范围',
  proposal_pending: '已有取消资格的建议待处理',
});

/** Matches a DomainError of one code (for deciderSpec's thenThrows predicate and for callers). */
export const hasCode =
  (code: string) =>
  (err: unknown): boolean =>
    err instanceof DomainError && err.code === code;
