import type { EventData, HnteApplicationSubmitted } from '@peiyu/contracts';
import { HNTE_RULE_SETS, precheckHnte, type HntePrecheckInput } from '@peiyu/policy';
import { compareRecorded, overlay, RecomputeInputError, type Comparison } from './diff';

export type HnteSubmittedData = EventData<typeof HnteApplicationSubmitted>;
type Form = HnteSubmittedData['form'];

export interface PrecheckRecomputation extends Comparison {
  kind: 'hnte-precheck';
  ruleSetId: string;
  overridden: string[];
}

/** The enterprise's registration date as the pre-check recorded it (condition 1's inputs; 国科发火〔2016〕32号 第十一条(一)). */
function registeredOn(data: HnteSubmittedData): string {
  const step = data.precheck.trace.steps.find((s) => s.rule === 'hnte.c1.registration');
  const v = step?.inputs.registeredOn;
  if (typeof v !== 'string')
    throw new RecomputeInputError('the recorded pre-check has no registration date (condition 1 inputs)');
  return v;
}

/**
 * The policy's pre-check input from the recorded application form, as the 认定办法 counts it: IP that counts is
 * owned and in force (an exclusive licence does not, 第十一条(二)); R&D expense is domestic plus abroad; net
 * assets are assets less liabilities. The same reading as the certification service's, written from the rule
 * (the audit runs no other service's code) — a difference would show as a diff.
 */
export function precheckInputOf(form: Form, foundedOn: string, applicationDate: string): HntePrecheckInput {
  const years = form.financials;
  const last = years[years.length - 1];
  if (!last) throw new RecomputeInputError('the recorded form has no accounting year');
  const owned = form.ipItems.filter((i) => i.inForce && i.acquiredBy !== 'exclusive_licence');
  return {
    registeredOn: foundedOn,
    applicationDate,
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

/**
 * An HNTE pre-check (高新技术企业认定 八项条件 and the data-derived grade ranges) recomputed from the recorded
 * form, registration date, submission date and rule-set id through @peiyu/policy's `precheckHnte` alone.
 */
export function recomputeHntePrecheck(
  data: HnteSubmittedData,
  overrides?: Readonly<Record<string, unknown>>,
): PrecheckRecomputation {
  const base = HNTE_RULE_SETS[data.ruleSetId];
  if (!base) throw new RecomputeInputError(`no HNTE rule set ${data.ruleSetId}`);
  const { value: ruleSet, overridden } = overlay(base, overrides, `rule set ${data.ruleSetId}`);
  const r = precheckHnte(precheckInputOf(data.form, registeredOn(data), data.submittedOn), { ruleSet });
  const { conditions, rdThreshold, ranges, trace } = r;
  return {
    kind: 'hnte-precheck',
    ruleSetId: data.ruleSetId,
    overridden,
    ...compareRecorded(
      { ruleSetId: data.ruleSetId, precheck: data.precheck },
      { ruleSetId: trace.ruleSetId, precheck: { conditions, rdThreshold, ranges, trace } },
    ),
  };
}
