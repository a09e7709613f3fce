import { refusals } from '@peiyu/contracts';

/**
 * The registry's refusals: each stable code with the Chinese text a clerk reads (the English text, with the
 * specifics, is written where the rule refuses). A code missing here does not compile.
 */
export const refuse = refusals({
  date_in_future: '日期不能晚于今天',
  unknown_division: '行政区划代码不是有效的 GB/T 2260 代码',
  not_county_level: '企业须登记在县级行政区划（区、县、县级市）',
  not_registered: '该统一社会信用代码下没有已登记的企业',
  deregistered: '企业已注销，其记录只读',
  already_registered: '该统一社会信用代码已有企业登记',
  invalid_uscc: '统一社会信用代码校验位不正确（GB 32100-2015）',
  same_name: '企业名称未变化',
  before_founding: '生效日期早于企业成立日期',
  same_division: '企业已登记在该行政区划',
  duplicate_sanction: '该处罚记录已存在',
  no_such_sanction: '该企业没有此处罚记录',
  already_lifted: '该处罚已解除',
  transfer_pending: '该企业已有待接收的迁移申请',
  no_pending_transfer: '该企业没有待处理的迁移申请',
});
