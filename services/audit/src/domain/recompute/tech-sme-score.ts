import type { EventData, SmeEvaluationSubmitted } from '@peiyu/contracts';
import { scoreTechSme, techSmeRuleSetById, type TechSmeInput } from '@peiyu/policy';
import { compareRecorded, overlay, type Comparison } from './diff';

export type SmeSubmittedData = EventData<typeof SmeEvaluationSubmitted>;

export interface ScoreRecomputation extends Comparison {
  kind: 'tech-sme-score';
  ruleSetId: string;
  overridden: string[];
}

/**
 * A tech-SME score (科技型中小企业评价, 国科发政〔2017〕115号 第六条、第七条) recomputed from what the submission
 * recorded: the form's figures, the HNTE certificate the service found (direct qualification, 第八条) and the
 * rule-set id, through @peiyu/policy's `scoreTechSme` alone. `overrides` replaces rule-set parameters
 * (e.g. `passScore`) to show what a different rule would have given.
 */
export function recomputeTechSmeScore(
  data: SmeSubmittedData,
  overrides?: Readonly<Record<string, unknown>>,
): ScoreRecomputation {
  const { value: ruleSet, overridden } = overlay(
    techSmeRuleSetById(data.ruleSetId),
    overrides,
    `rule set ${data.ruleSetId}`,
  );
  // The evidence list is not scored; the certificate is not self-declared (the service recorded what it knew).
  const { evidence: _evidence, direct, ...figures } = data.form;
  const input: TechSmeInput = {
    ...figures,
    direct: { ...direct, validHnteCertificate: data.validHnteCertificate },
  };
  const r = scoreTechSme(input, { ruleSet });
  const recomputed = {
    ruleSetId: r.trace.ruleSetId,
    score: {
      eligible: r.eligible,
      qualifiedBy: r.qualifiedBy,
      points: { ...r.points },
      rdInputBasis: r.rdInputBasis,
      reasons: [...r.reasons],
    },
  };
  const recorded = { ruleSetId: data.ruleSetId, score: data.score };
  return {
    kind: 'tech-sme-score',
    ruleSetId: data.ruleSetId,
    overridden,
    ...compareRecorded(recorded, recomputed),
  };
}
