import { fold } from '@peiyu/eventstore';
import { entitlementDecider, type EntitlementCommand } from './entitlement';
import type { EntitlementData, EntitlementEvent } from './events';
import { explainEntitlement, percent, yuan } from './explain';
import { ctxOf, SYSTEM, USCC } from './test-support/fixtures';

const county = ctxOf({ role: 'county_reviewer', id: 'cr', region: '410402' }, '2025-03-10');

function calculated(cmds: EntitlementCommand[], ctx = county): EntitlementData {
  const events: EntitlementEvent[] = [];
  for (const c of cmds) events.push(...entitlementDecider.decide(c, fold(entitlementDecider, events), ctx));
  const e = events.find((x) => x.type === 'EntitlementCalculated');
  if (e?.type !== 'EntitlementCalculated') throw new Error('no calculation');
  return e.data;
}
const apply = (base: number): EntitlementCommand => ({
  type: 'ApplyRdSubsidy',
  uscc: USCC,
  countyCode: '410402',
  provinciallyAdministered: false,
  rdYear: 2024,
  acceptedRdExpense: base,
  filingRef: 'JKKC-2025-0001',
  enterpriseTypes: ['tech-sme'],
});
const verify = (dishonest = false): EntitlementCommand => ({
  type: 'VerifyRdSubsidy',
  applicationEventId: 'ev-app-1',
  outcome: 'verified',
  verifiedRdExpense: null,
  rdBudgetFiled: true,
  ipItemsLast3Years: 1,
  dishonest,
  sourceEvents: {},
  reason: null,
});

describe('plain-Chinese explanation from the trace', () => {
  it('formats fen as yuan and exact fractions as percentages', () => {
    expect([yuan(55_000_000), yuan(1), yuan(123_456_789)]).toEqual([
      '550,000.00 元',
      '0.01 元',
      '1,234,567.89 元',
    ]);
    expect([percent('0.5'), percent('0.05'), percent('0.125'), percent('1/3')]).toEqual([
      '50%',
      '5%',
      '12.5%',
      '1/3',
    ]);
  });

  it('tells the R&D calculation step by step, with the split by level', () => {
    const lines = explainEntitlement(calculated([apply(600_000_000), verify()]));
    expect(lines).toContain('按事实发生之日 2024-12-31 施行的版本计算。');
    expect(lines).toContain(
      '税务机关加计扣除备案的上年度研发费用为 6,000,000.00 元（备案号 JKKC-2025-0001）。',
    );
    expect(lines).toContain(
      '5,000,000.00 元 以内的部分 5,000,000.00 元 × 10%，超过的部分 1,000,000.00 元 × 5%，合计 550,000.00 元（不足一分的部分舍去）。',
    );
    expect(lines).toContain(
      '封顶额按企业类型（一般企业、科技型中小企业）取最高一项，不累加：2,000,000.00 元，计算结果未超过封顶额。',
    );
    expect(lines).toContain('应得金额 550,000.00 元。');
    expect(lines).toContain(
      '省级承担 275,000.00 元（50%），市级承担 110,000.00 元（20%），县（市、区）级承担其余的 165,000.00 元；省、市份额不足一分的部分舍去，由县级承担余数。',
    );
    expect(lines.at(-1)).toMatch(/^计算所用的事实来自以下记录：acceptedRdExpense ← ev-app-1/);
  });

  it('says why nothing is due', () => {
    const lines = explainEntitlement(calculated([apply(600_000_000), verify(true)]));
    expect(lines.at(-1)).toBe('不符合条件：被列入失信名单。金额为 0.00 元。');
  });

  it('explains an award paid from one level’s own funds, and a re-issue', () => {
    const sys = ctxOf(SYSTEM, '2024-12-02');
    const cert = (certification: 'first' | 'reissue_after_name_change'): EntitlementCommand => ({
      type: 'CalculateAward',
      policyId: 'hnte-award/city',
      countyCode: '410482',
      provinciallyAdministered: true,
      fact: {
        kind: 'hnte-certification',
        eventId: 'ev-c',
        uscc: USCC,
        certificateNumber: 'GR202441000123',
        issuedOn: '2024-12-01',
        certification,
        latestYearRevenue: 10,
      },
    });
    const first = explainEntitlement(calculated([cert('first')], sys));
    expect(first).toContain(
      '高新技术企业首次认定（证书编号 GR202441000123，发证日期 2024-12-01），最近一年收入 0.10 元，按收入所在档次奖励。',
    );
    expect(first).toContain('该奖励由县（市、区）级（省直管县，市级奖励由县承担）财政以自有资金全额支付。');
    const reissue = explainEntitlement(calculated([cert('reissue_after_name_change')], sys));
    expect(reissue.at(-1)).toBe('不符合条件：更名换发证书不是新的认定，不再奖励。金额为 0.00 元。');
  });
});
