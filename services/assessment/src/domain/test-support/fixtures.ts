import { allEvents, type SmeForm } from '@peiyu/contracts';
import {
  addWorkingDays,
  DEFAULT_CALENDAR,
  scoreTechSme,
  techSmeOnSiteCheckFlags,
  techSmeRuleSetFor,
  TSME_2017_115,
  TSME_2017_115_2023,
  type TechSmeRuleSet,
} from '@peiyu/policy';
import { policyPorts } from '../../campaigns';
import type { CampaignParams, EnterpriseView, EvaluationContext, RevocationRecord } from '../context';

export const USCC_A = '91410402MA9G5K2X8R';
export const USCC_B = '91410403MA47C9KX3T';
/** 新华区 and 卫东区 (平顶山市, Henan 41); 岳阳楼区 (Hunan 43). */
export const XINHUA = '410402';
export const WEIDONG = '410403';
export const YUEYANGLOU = '430602';

/** 40 staff, 30% tech staff (20), R&D 6.67% of revenue (50), one invention patent (30): 100 points. */
export const goodForm: SmeForm = {
  employees: 40,
  techStaff: 12,
  salesRevenue: 30_000_000 * 100,
  totalAssets: 20_000_000 * 100,
  rdExpense: 2_000_000 * 100,
  totalCostExpense: 25_000_000 * 100,
  ipClassI: 1,
  ipClassII: 0,
  evidence: ['evidence/2025/form.pdf'],
};

/** 20 points only (tech staff), so it qualifies only directly. */
export const weakForm: SmeForm = { ...goodForm, rdExpense: 0, ipClassI: 0 };

/** The 2025 campaign is judged by the 2017 rule with the 2023 conditions (policy's techSmeRuleSetFor). */
export const campaign2025: CampaignParams = {
  year: 2025,
  ruleSetId: techSmeRuleSetFor(2025).id,
  countyReviewWorkingDays: 5,
  noticeWorkingDays: 10,
  entryValidUntil: '2026-03-31',
};

export function enterprise(uscc: string, patch: Partial<EnterpriseView> = {}): EnterpriseView {
  return {
    uscc,
    name: `示例科技有限公司 ${uscc.slice(-4)}`,
    divisionCode: XINHUA,
    status: 'active',
    sanctions: [],
    ...patch,
  };
}

/** The real policy functions, as the shell will inject them. */
const RULE_SETS = new Map<string, TechSmeRuleSet>([TSME_2017_115, TSME_2017_115_2023].map((r) => [r.id, r]));
function ruleSet(id: string): TechSmeRuleSet {
  const r = RULE_SETS.get(id);
  if (!r) throw new Error(`unknown rule set ${id}`);
  return r;
}
export const realScore: EvaluationContext['score'] = (input, id) =>
  scoreTechSme(input, { ruleSet: ruleSet(id) });
export const realOnSiteFlags: EvaluationContext['onSiteCheckFlags'] = (input, id) =>
  techSmeOnSiteCheckFlags(input, { ruleSet: ruleSet(id) });
/** The shell's ports over the built-in calendar (policyPorts over DEFAULT_CALENDAR). */
const ports = policyPorts(DEFAULT_CALENDAR);
export const realAddWorkingDays = ports.addWorkingDays;
export const realRecomputeDeadline = ports.recomputeDeadline;
/** The due date alone, for expectations. */
export const dueAfter = (date: string, n: number): string => addWorkingDays(date, n).date;

export function evaluationCtx(
  patch: Partial<EvaluationContext> & {
    enterprises?: EnterpriseView[];
    revocationsOf?: Record<string, RevocationRecord[]>;
    hnte?: string[];
  } = {},
): EvaluationContext {
  const {
    enterprises = [enterprise(USCC_A), enterprise(USCC_B)],
    revocationsOf = {},
    hnte = [],
    ...rest
  } = patch;
  return {
    today: '2025-09-30',
    enterprise: (uscc) => enterprises.find((e) => e.uscc === uscc) ?? null,
    revocations: (uscc) => revocationsOf[uscc] ?? [],
    hnteValidOn: (uscc) => hnte.includes(uscc),
    campaign: (_p, year) => (year === 2025 ? campaign2025 : null),
    score: realScore,
    onSiteCheckFlags: realOnSiteFlags,
    addWorkingDays: realAddWorkingDays,
    recomputeDeadline: realRecomputeDeadline,
    ...rest,
  };
}

const registry = allEvents();
/** Every decided event must be a valid event of the contracts, at the latest version the service records. */
export function checkContract(events: ReadonlyArray<{ type: string; data: unknown }>): void {
  for (const e of events) {
    registry.decode({ type: e.type, schemaVersion: registry.latestVersion(e.type), data: e.data });
  }
}
