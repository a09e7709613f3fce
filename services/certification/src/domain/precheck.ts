import { HntePrecheckSchema, type HnteApplicationForm } from '@peiyu/contracts';
import type { z } from 'zod';
import {
  HNTE_RULE_SETS,
  hntePrecheckInputOf,
  precheckHnte,
  type HntePrecheckInput,
  type HntePrecheckResult,
  type HnteRuleSet,
} from '@peiyu/policy';
import { refuse } from './errors';

export function ruleSetOf(ruleSetId: string): HnteRuleSet {
  const rs = HNTE_RULE_SETS[ruleSetId];
  if (!rs) throw refuse('conflict', 'unknown_rule_set', `no HNTE rule set ${ruleSetId}`);
  return rs;
}

/** The policy's pre-check input from an application form, the enterprise's founding date and the day. */
export function precheckInput(
  form: HnteApplicationForm,
  foundedOn: string,
  today: string,
): HntePrecheckInput {
  if (form.financials.length === 0)
    throw refuse(
      'invalid',
      'no_financials',
      'the application needs at least one accounting year',
      'form.financials',
    );
  return hntePrecheckInputOf(form, foundedOn, today);
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
