import type { EventData, HnteApplicationSubmitted } from '@peiyu/contracts';
import { HNTE_RULE_SETS, hntePrecheckInputOf, precheckHnte, type HntePrecheckInput } from '@peiyu/policy';
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

/** The policy's reading of the recorded form (the same `hntePrecheckInputOf` the certification service ran). */
export function precheckInputOf(form: Form, foundedOn: string, applicationDate: string): HntePrecheckInput {
  if (form.financials.length === 0) throw new RecomputeInputError('the recorded form has no accounting year');
  return hntePrecheckInputOf(form, foundedOn, applicationDate);
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
