import { parseFraction } from '@peiyu/policy';
import type { EntitlementData } from './events';

/** 1234567 fen → "12,345.67 元". */
export function yuan(fen: number | string): string {
  const f = BigInt(fen);
  const whole = (f / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(f % 100n).toString().padStart(2, '0')} 元`;
}

/** '0.1' → "10%"; a ratio that is no whole hundredth stays a fraction ("1/3"). */
export function percent(text: string): string {
  const r = parseFraction(text);
  const scaled = r.num * 10_000n;
  if (scaled % r.den !== 0n) return `${r.num}/${r.den}`;
  const hundredths = scaled / r.den;
  const whole = hundredths / 100n;
  const rest = hundredths % 100n;
  return rest === 0n ? `${whole}%` : `${whole}.${rest.toString().padStart(2, '0').replace(/0$/, '')}%`;
}

const REASONS: Record<string, string> = {
  'rd.budget': '当年未进行研发项目预算备案',
  'rd.ip': '近3年没有与主营产品相关的知识产权',
  'rd.dishonest': '被列入失信名单',
  'tsme-award.not-entered': '未入库',
  'tsme-award.consecutive': '未连续两年入库',
  'hnte-award.reissue': '更名换发证书不是新的认定，不再奖励',
};
const KIND: Record<string, string> = {
  first: '首次认定',
  recertification: '重新认定',
  moving_in: '整体迁入（证书仍在有效期内）',
  reissue_after_name_change: '更名换发证书',
};
const TYPES: Record<string, string> = {
  ordinary: '一般企业',
  'tech-sme': '科技型中小企业',
  'small-giant': '省级"小巨人"企业',
  'provincial-rd-platform': '省级研发平台',
  'national-rd-platform': '国家级研发平台',
  'provincial-platform-excellent': '考核优秀的省级研发平台',
  'provincial-innovation-leader-excellent': '考核优秀的省级创新龙头企业',
};
const LEVEL: Record<string, string> = { province: '省级', city: '市级', county: '县（市、区）级' };

type Step = EntitlementData['trace']['steps'][number];
type Values = Step['values'];
const str = (v: unknown): string => String(v);

function stepOf(e: EntitlementData, rule: string): Step | undefined {
  return e.trace.steps.find((s) => s.rule === rule);
}

function input(e: EntitlementData, name: string): unknown {
  return e.inputs.find((i) => i.name === name)?.value;
}

function rdLines(e: EntitlementData, tiers: Values, cap: Step): string[] {
  const types = (cap.inputs.applicableTypes as string[]).map((t) => TYPES[t] ?? t);
  const capped = Number(cap.values.cap) < Number(tiers.beforeCap);
  return [
    `税务机关加计扣除备案的上年度研发费用为 ${yuan(input(e, 'acceptedRdExpense') as number)}（备案号 ${str(input(e, 'filingRef'))}）。`,
    `${yuan(tiers.tierLimit as number)} 以内的部分 ${yuan(str(tiers.baseUpToLimit))} × ${percent(str(tiers.rateUpToLimit))}，` +
      `超过的部分 ${yuan(str(tiers.baseAbove))} × ${percent(str(tiers.rateAbove))}，合计 ${yuan(str(tiers.beforeCap))}（不足一分的部分舍去）。`,
    `封顶额按企业类型（${types.join('、')}）取最高一项，不累加：${yuan(str(cap.values.cap))}，` +
      (capped ? '计算结果超过封顶额，按封顶额计。' : '计算结果未超过封顶额。'),
  ];
}

function awardLines(e: EntitlementData): string[] {
  if (e.basis.kind === 'sme-entry') {
    const consecutive = input(e, 'enteredPreviousYear') === true;
    return [
      `科技型中小企业入库（登记编号 ${e.basis.reference}，入库日期 ${e.factDate}）` +
        (consecutive ? '，且上一年度也已入库。' : '。'),
    ];
  }
  const kind = str(input(e, 'certification'));
  const revenue = input(e, 'latestYearRevenue');
  return [
    `高新技术企业${KIND[kind] ?? kind}（证书编号 ${e.basis.reference}，发证日期 ${e.factDate}）` +
      (kind === 'first' && typeof revenue === 'number'
        ? `，最近一年收入 ${yuan(revenue)}，按收入所在档次奖励。`
        : '。'),
  ];
}

function splitLine(e: EntitlementData): string {
  const funding = e.parameters.find((p) => p.name === 'funding')?.value as Record<string, string>;
  const s = e.shares;
  if (funding.kind === 'own-funds') {
    const payer =
      s.county > 0 && funding.level === 'city'
        ? '县（市、区）级（省直管县，市级奖励由县承担）'
        : LEVEL[funding.level ?? ''];
    return `该奖励由${payer}财政以自有资金全额支付。`;
  }
  const pa = e.provinciallyAdministered ? '该县为省直管县，没有市级分担，市级部分由县承担；' : '';
  return (
    `${pa}省级承担 ${yuan(s.province)}（${percent(funding.province as string)}），` +
    `市级承担 ${yuan(s.city)}（${e.provinciallyAdministered ? '0%' : percent(funding.city as string)}），` +
    `县（市、区）级承担其余的 ${yuan(s.county)}；省、市份额不足一分的部分舍去，由县级承担余数。`
  );
}

/**
 * The calculation told in plain Chinese for the enterprise's view, from the recorded trace alone (subsidy.md:
 * "each with the calculation explained"). One sentence per line.
 */
export function explainEntitlement(e: EntitlementData): string[] {
  const to = e.trace.steps[0]?.values.effectiveTo;
  const lines = [
    `依据：${e.trace.legalReference}（版本 ${e.versionId}，施行期间 ${str(e.trace.steps[0]?.values.effectiveFrom)} 至 ${to ? str(to) : '今'}` +
      (e.example ? '，示例参数' : '') +
      ')。',
    `按事实发生之日 ${e.factDate} 施行的版本计算。`,
  ];
  const tiers = stepOf(e, 'rd-subsidy.tiers');
  const cap = stepOf(e, 'rd-subsidy.cap');
  lines.push(...(tiers && cap ? rdLines(e, tiers.values, cap) : awardLines(e)));
  if (!e.eligible) {
    const why = e.reasons.map((r) => REASONS[r.split(':')[0] ?? ''] ?? r);
    lines.push(`不符合条件：${why.join('；')}。金额为 0.00 元。`);
    return lines;
  }
  lines.push(`应得金额 ${yuan(e.amount)}。`, splitLine(e));
  const sources = e.inputs
    .filter((i) => i.sourceEventId !== null)
    .map((i) => `${i.name} ← ${i.sourceEventId}`);
  if (sources.length > 0) lines.push(`计算所用的事实来自以下记录：${sources.join('；')}。`);
  return lines;
}
