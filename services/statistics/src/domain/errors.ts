import { refusals } from '@peiyu/contracts';

/**
 * The statistics refusals: each stable code with the Chinese text a clerk reads (the English text, with the
 * specifics, is written where the rule refuses). A code missing here does not compile.
 */
export const refuse = refusals({
  // Splitting a total over counties
  'apportion.total': '总数须为非负整数',
  'apportion.weight': '权重须为非负整数',
  'apportion.no-weight': '至少须有一个权重大于零',
  // Yearly targets (年度目标)
  'targets.county-unknown': '不是县级行政区划代码',
  'targets.out-of-scope': '只有该县所属的市级或省级科技部门可以下达其年度目标',
  'targets.empty': '至少须设定一项目标',
  'targets.year-closed': '该年度已结束，不能再修改目标',
  'targets.reason-required': '修改目标须说明理由',
  // Quarterly indicator reports (季度指标)
  'indicators.out-of-scope': '只有本县科技部门可以报送本县指标',
  'indicators.quarter': '季度须为1至4',
  'indicators.figure': '指标数值须为非负整数',
  'indicators.evidence-required': '须附指标数据的佐证材料',
  'indicators.quarter-not-started': '该季度尚未开始',
  'indicators.reason-required': '更正报送须说明理由',
  'indicators.import-format': '导入文件格式不符合模板',
  // Ranking method (排名方法)
  'method.duplicate-weight': '同一指标重复设置权重',
  'method.duplicate-tie-indicator': '并列规则中同一指标重复列出',
  'method.reason-required': '修改排名方法须说明理由',
  // County rankings (排名)
  'ranking.out-of-scope': '只有本市或本省科技部门可以对所辖县进行排名',
  'ranking.area-unknown': '不是市级或省级行政区划代码',
  'ranking.county-outside-area': '该县不在本排名区域内',
  'ranking.quarter': '季度须为1至4',
  'ranking.quarter-not-ended': '季度结束后才能排名',
  'ranking.no-counties': '没有可排名的县',
  'ranking.excluded-ranked': '不参加排名的县不能列入排名',
  'ranking.known-at': '数据截止时刻不能晚于当前时刻',
  'ranking.reason-required': '更正排名须说明理由',
  'ranking.duplicate-county': '同一县在排名中重复出现',
  'ranking.duplicate-weight': '同一指标重复设置权重',
  'ranking.no-method': '尚未设定本年度的排名方法',
  // Titles (称号)
  'titles.out-of-scope': '本部门不能在该地区授予或撤销该称号',
  'titles.enterprise-unknown': '企业未登记',
  'titles.unknown-title': '本省未设立该称号',
  'titles.grant-id-taken': '授予编号已被其他授予记录使用',
  'titles.already-held': '企业已持有该称号',
  'titles.valid-until': '称号有效期截止日期不能早于授予日期',
  'titles.unknown-grant': '该企业没有此授予记录',
});

/** A code of the statistics catalog (for helpers that pass one through). */
export type RefusalCode = Parameters<typeof refuse>[1];
