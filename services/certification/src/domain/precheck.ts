import { HntePrecheckSchema, type HnteApplicationForm, type IpItemSchema } from '@peiyu/contracts';
import {
  HNTE_RULE_SETS,
  precheckHnte,
  type HntePrecheckInput,
  type HntePrecheckResult,
  type HnteRuleSet,
} from '@peiyu/policy';
import type { z } from 'zod';
import { refuse } from './errors';

type IpItem = z.infer<typeof IpItemSchema>;

export function ruleSetOf(ruleSetId: string): HnteRuleSet {
  const rs = HNTE_RULE_SETS[ruleSetId];
  if (!rs) throw refuse('conflict', 'unknown_rule_set', `no HNTE rule set ${ruleSetId}`);
  return rs;
}

/** IP that counts: owned (an exclusive licence does not, condition 2) and in force. */
export const countsAsOwnedIp = (i: IpItem): boolean => i.inForce && i.acquiredBy !== 'exclusive_licence';

/** The policy's pre-check input from an application form, the enterprise's founding date and the day. */
export function precheckInput(
  form: HnteApplicationForm,
  foundedOn: string,
  today: string,
): HntePrecheckInput {
  const years = form.financials;
  const last = years[years.length - 1];
  if (!last)
    throw refuse(
      'invalid',
      'no_financials',
      'the application needs at least one accounting year',
      'form.financials',
    );
  const owned = form.ipItems.filter(countsAsOwnedIp);
  return {
    registeredOn: foundedOn,
    applicationDate: today,
    employees: form.employees,
    techStaff: form.techStaff,
    salesRevenueByYear: years.map((y) => y.salesRevenue),
    rdExpenseByYear: years.map((y) => y.rdExpenseDomestic + y.rdExpenseAbroad),
    domesticRdExpenseByYear: years.map((y) => y.rdExpenseDomestic),
    highTechRevenueLastYear: last.highTechRevenue,
    totalRevenueLastYear: last.totalRevenue,
    ipClassI: owned.filter((i) => i.ipClass === 'I').length,
    ipClassII: owned.filter((i) => i.ipClass === 'II').length,
    ownsCoreIp: owned.some((i) => i.coreSupport),
    ownRdIp: owned.some((i) => i.acquiredBy === 'own_rd'),
    field: form.field,
    majorIncidentLastYear: form.majorIncidentLastYear,
    netAssetsByYear: years.map((y) => y.totalAssets - y.liabilities),
    conversionsByYear: years.map((y) => y.conversions),
  };
}

export type RecordedPrecheck = z.infer<typeof HntePrecheckSchema>;

/** Plain JSON as stored (no undefined members), so the event equals what the store reads back. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** The trace as the events record it (plain JSON, validated by the contract). */
export const recordedTrace = (t: HntePrecheckResult['trace']): RecordedPrecheck['trace'] =>
  HntePrecheckSchema.shape.trace.parse(plain(t));

/** Runs the policy's pre-check; figures the policy rejects (e.g. more tech staff than employees) are a 400. */
export function runPrecheck(
  form: HnteApplicationForm,
  foundedOn: string,
  today: string,
  ruleSetId: string,
): RecordedPrecheck {
  const ruleSet = ruleSetOf(ruleSetId);
  try {
    const r = precheckHnte(precheckInput(form, foundedOn, today), { ruleSet });
    const { conditions, rdThreshold, ranges, trace } = r;
    return HntePrecheckSchema.parse(plain({ conditions, rdThreshold, ranges, trace }));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') throw refuse('invalid', 'form_rejected', (err as Error).message, 'form');
    throw err;
  }
}
