import { refusals } from '@peiyu/contracts';

/**
 * The subsidy refusals: each stable code with the Chinese text that states the rule (the English text, with the
 * specifics, is written where the rule refuses). A code missing here does not compile.
 */
export const refuse = refusals({
  'policy.gap': '政策版本的施行期间之间不得有空档',
  'policy.overlap': '政策版本的施行期间不得重叠',
  'policy.reference': '每个参数都必须注明依据（文号和条款）',
  'policy.funding': '分担比例不符合规定：省级不超过50%，市级不超过20%',
  'policy.parameters': '政策参数不完整或格式不对',
  'policy.unknown': '未知的政策',
  'policy.version': '政策版本信息不完整',
  'policy.duplicate': '同一版本号不能重复发布',
  'policy.not-in-force': '事实发生之日没有施行中的政策版本',
  'rd.already-applied': '该年度已申请研发费用补助',
  'rd.not-applied': '尚未申请研发费用补助',
  'rd.already-verified': '已核实，不能重复核实',
  'rd.year': '研发年度必须早于申请年度',
  'rd.scope': '只有企业所在县（区）可以核实',
  'rd.types': '企业类型不在补助封顶表中',
  'award.revenue-unknown': '首次认定奖励需要最近一年的收入',
  'award.scope': '该事实不适用此项补助政策',
  'finance.role': '只有财政部门可以办理',
  'finance.other-level': '财政部门只能办理本级应承担的份额',
  'finance.other-region': '财政部门只能办理本地区的份额',
  'ledger.mismatch': '份额不属于本级本地区本政策本年度的账',
  'budget.none': '尚未下达预算',
  'budget.amount': '预算金额必须是正整数（分）',
  'budget.exhausted': '按决定日期排队：预算已用完',
  'budget.round-required': '按比例核减：超出预算时须整轮核减',
  'budget.mixed-rules': '一轮审批只能适用同一种预算规则',
  'share.zero': '份额为零，无需审批',
  'share.already-approved': '该份额已审批',
  'share.not-approved': '该份额尚未审批',
  'share.already-disbursed': '该份额已拨付',
  'share.nothing-to-pay': '核减后金额为零，无需拨付',
  'share.basis-cancelled': '依据已被撤销，不能拨付',
  'recovery.no-clawback': '没有需要追回的款项',
  'recovery.exceeds': '追回到账金额须大于零且不超过待追回金额',
  'round.empty': '本轮没有待审批的份额',
  'export.too-many': '导出的行数超过上限，请缩小筛选范围（年度、政策、地区、状态）',
});

/** A code of the subsidy catalog (for tables that map a lower-level failure onto one). */
export type RuleCode = Parameters<typeof refuse>[1];
