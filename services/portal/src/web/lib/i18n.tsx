import { createContext, useContext } from 'react';
import { z } from 'zod';

export type Lang = 'zh' | 'en';

/** Every text of the app: Chinese first, English second. */
const M = {
  appName: ['培育 · 科技型企业梯度培育平台', 'Peiyu · enterprise cultivation portal'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  demoSignIn: ['演示登录（仅本地模式）', 'Demo sign-in (local mode only)'],
  demoHint: [
    '选择一个演示用户，或填写角色、行政区划与统一社会信用代码。',
    'Pick a demo user, or enter a role, division code and USCC.',
  ],
  oidcSignIn: ['使用统一身份认证登录', 'Sign in with the identity provider'],
  role: ['角色', 'Role'],
  region: ['行政区划代码', 'Division code'],
  uscc: ['统一社会信用代码', 'Unified social credit code'],
  publicEntries: ['入库科技型中小企业名单', 'Entered tech SMEs'],
  publicNotices: ['公示', 'Public notices'],
  profile: ['企业信息', 'Enterprise profile'],
  register: ['企业注册登记', 'Register the enterprise'],
  evaluation: ['科技型中小企业评价', 'Tech-SME evaluation'],
  reviewQueue: ['待审核', 'Review queue'],
  batches: ['批次与公示', 'Batches and notices'],
  name: ['企业名称', 'Name'],
  countyCode: ['所在区县代码', 'County code'],
  foundedOn: ['成立日期', 'Founded on'],
  industry: ['所属行业', 'Industry'],
  hnteField: ['高新技术领域', 'High-tech field'],
  contactName: ['联系人', 'Contact'],
  contactPhone: ['联系电话', 'Phone'],
  contactEmail: ['电子邮箱', 'Email'],
  submitRegistration: ['提交注册', 'Register'],
  registered: ['已注册', 'Registered'],
  year: ['年度', 'Year'],
  status: ['状态', 'Status'],
  dueOn: ['审核期限', 'Due on'],
  overdue: ['已超期', 'Overdue'],
  submittedOn: ['提交日期', 'Submitted on'],
  actions: ['操作', 'Actions'],
  review: ['审核', 'Review'],
  saveDraft: ['保存草稿', 'Save draft'],
  saveCorrection: ['保存修改', 'Save corrections'],
  submit: ['提交', 'Submit'],
  preview: ['实时评分预览', 'Live score preview'],
  total: ['总分', 'Total'],
  eligible: ['符合条件', 'Eligible'],
  notEligible: ['暂不符合', 'Not eligible'],
  qualifiedByScore: ['按评分入库（≥60分）', 'Qualifies by score (≥ 60)'],
  qualifiedByDirect: ['直接认定条件', 'Qualifies directly'],
  trace: ['评分依据', 'How the score was reached'],
  timeline: ['办理进度', 'Status timeline'],
  registrationNumber: ['入库登记编号', 'Registration number'],
  validUntil: ['有效期至', 'Valid until'],
  corrections: ['退回修改意见', 'Corrections requested'],
  checklist: ['形式审查清单', 'Formal review checklist'],
  passed: ['通过', 'Passed'],
  failed: ['不通过', 'Failed'],
  comment: ['意见', 'Comment'],
  commentRequired: ['不通过的项目须填写意见', 'A failed item needs a comment'],
  returnForCorrection: ['退回修改', 'Return for correction'],
  pass: ['审核通过', 'Pass'],
  newBatch: ['组建批次', 'Form a batch'],
  forwarded: ['待组批（县级已通过）', 'Forwarded by counties'],
  openNotice: ['开始公示', 'Open the notice'],
  closeNotice: ['结束公示并入库', 'Close the notice and enter'],
  objections: ['异议', 'Objections'],
  lodgeObjection: ['登记异议', 'Lodge an objection'],
  summary: ['异议内容', 'Summary'],
  resolve: ['处理', 'Resolve'],
  upheld: ['异议成立', 'Upheld'],
  dismissed: ['异议不成立', 'Dismissed'],
  finding: ['核查结论', 'Finding'],
  items: ['条目', 'Items'],
  noticeEndsOn: ['公示截止', 'Notice ends on'],
  noticePeriod: ['公示期', 'Notice period'],
  entries: ['入库结果', 'Entries'],
  itemsByStatus: ['条目状态分布', 'Items by status'],
  saved: ['已保存', 'Saved'],
  done: ['操作成功', 'Done'],
  noEvaluation: ['尚未填报本年度评价', 'No evaluation for this year yet'],
  evidence: ['证明材料', 'Evidence'],
  evidenceHint: ['每行一个已上传材料的存储路径', 'One uploaded file key per line'],
  yuan: ['元', 'yuan'],
  people: ['人', 'people'],
  pieces: ['件', 'items'],
  search: ['查询', 'Search'],
  all: ['全部', 'All'],
} as const;

export type TextKey = keyof typeof M;

export const STATUS_TEXT: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  submitted: ['已提交，待县级审核', 'Submitted'],
  returned: ['已退回修改', 'Returned for correction'],
  forwarded: ['县级审核通过', 'Forwarded'],
  withdrawn: ['已撤回', 'Withdrawn'],
  batched: ['已组批', 'In a batch'],
  rejected: ['未入库', 'Rejected'],
  entered: ['已入库', 'Entered'],
  revoked: ['已撤销', 'Revoked'],
  forming: ['组批中', 'Forming'],
  in_notice: ['公示中', 'In notice'],
  closed: ['已结束', 'Closed'],
  pending: ['待定', 'Pending'],
  open: ['待处理', 'Open'],
  upheld: ['异议成立', 'Upheld'],
  dismissed: ['异议不成立', 'Dismissed'],
};

export const ROLE_TEXT: Record<string, [string, string]> = {
  enterprise: ['企业', 'Enterprise'],
  county_reviewer: ['县级审核员', 'County reviewer'],
  city_reviewer: ['市级审核员', 'City reviewer'],
  province_reviewer: ['省级审核员', 'Province reviewer'],
  expert: ['评审专家', 'Expert'],
  finance: ['财政', 'Finance'],
  auditor: ['审计', 'Auditor'],
  admin: ['管理员', 'Administrator'],
};

export const LangContext = createContext<Lang>('zh');

/** The translator for the current language. */
export function useT() {
  const lang = useContext(LangContext);
  const i = lang === 'zh' ? 0 : 1;
  const t = (key: TextKey) => M[key][i];
  t.status = (s: string) => STATUS_TEXT[s]?.[i] ?? s;
  t.role = (r: string) => ROLE_TEXT[r]?.[i] ?? r;
  t.lang = lang;
  return t;
}

/** zod's own messages in the user's language (the services answer in English for the same rules). */
export function useZodLocale(lang: Lang): void {
  z.config(lang === 'zh' ? z.locales.zhCN() : z.locales.en());
}
