/**
 * The audit trail of one evaluation. Values are plain JSON (exact ratios as 'num/den' text, money as integer
 * fen) so a trace can be stored in an event and compared byte for byte when an auditor recomputes.
 */
export type TraceValue =
  string | number | boolean | null | readonly TraceValue[] | { readonly [k: string]: TraceValue };

export interface TraceStep {
  /** Stable rule id, e.g. 'tsme.rd-input'. */
  readonly rule: string;
  /** Legal reference, e.g. '国科发政〔2017〕115号 第七条'. */
  readonly ref: string;
  readonly inputs: Readonly<Record<string, TraceValue>>;
  readonly values: Readonly<Record<string, TraceValue>>;
}

export interface Trace {
  /** Rule set or policy version that produced the result, e.g. 'tsme-2017-115'. */
  readonly ruleSetId: string;
  readonly legalReference: string;
  readonly steps: readonly TraceStep[];
}

export function step(
  rule: string,
  ref: string,
  inputs: Record<string, TraceValue>,
  values: Record<string, TraceValue>,
): TraceStep {
  return { rule, ref, inputs, values };
}
