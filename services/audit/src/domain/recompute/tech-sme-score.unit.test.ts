import { goodForm } from '@peiyu/assessment/src/domain/test-support/fixtures';
import { SmeEvaluationSubmitted } from '@peiyu/contracts';
import { exampleUscc, scoreTechSme, techSmeRuleSetById } from '@peiyu/policy';
import { recomputeTechSmeScore, type SmeSubmittedData } from './tech-sme-score';

// A submission as the assessment records it (its decider's scoreForm: figures without evidence, plus the
// certificate it found), validated by the contract.
function submitted(ruleSetId: string, validHnteCertificate = false): SmeSubmittedData {
  const { evidence: _e, direct, ...figures } = goodForm;
  const r = scoreTechSme(
    { ...figures, direct: { ...direct, validHnteCertificate } },
    { ruleSet: techSmeRuleSetById(ruleSetId) },
  );
  return SmeEvaluationSubmitted.schema.parse({
    evaluationId: 'ev-1',
    uscc: exampleUscc('410402', 1),
    year: 2026,
    submission: 1,
    submittedOn: '2026-05-01',
    countyCode: '410402',
    dueOn: '2026-05-20',
    form: goodForm,
    validHnteCertificate,
    ruleSetId: r.trace.ruleSetId,
    score: {
      eligible: r.eligible,
      qualifiedBy: r.qualifiedBy,
      points: r.points,
      rdInputBasis: r.rdInputBasis,
      reasons: [...r.reasons],
    },
    onSiteCheckSuggested: [],
  });
}

describe('recomputeTechSmeScore', () => {
  it.each(['tsme-2017-115', 'tsme-2017-115/2023'])(
    'a recorded score under %s recomputes identically',
    (id) => {
      const r = recomputeTechSmeScore(submitted(id));
      expect(r).toMatchObject({
        kind: 'tech-sme-score',
        ruleSetId: id,
        match: true,
        diffs: [],
        overridden: [],
      });
    },
  );

  it('direct qualification by a certificate is recomputed from what the submission recorded', () => {
    expect(recomputeTechSmeScore(submitted('tsme-2017-115', true)).match).toBe(true);
  });

  it('an edited points total in the record is a diff naming the field', () => {
    const d = submitted('tsme-2017-115');
    const edited = {
      ...d,
      score: { ...d.score, points: { ...d.score.points, total: d.score.points.total + 5 } },
    };
    const r = recomputeTechSmeScore(edited);
    expect(r.match).toBe(false);
    expect(r.diffs).toEqual([
      { path: 'score.points.total', recorded: d.score.points.total + 5, recomputed: d.score.points.total },
    ]);
  });

  it('a changed rule-set parameter (pass score above the points) shows as a field-by-field diff', () => {
    const d = submitted('tsme-2017-115');
    const r = recomputeTechSmeScore(d, { passScore: d.score.points.total + 1 });
    expect(r.overridden).toEqual(['passScore']);
    expect(r.match).toBe(false);
    const paths = r.diffs.map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(['score.eligible', 'score.qualifiedBy', 'score.reasons.0']));
    expect(r.diffs.find((x) => x.path === 'score.eligible')).toEqual({
      path: 'score.eligible',
      recorded: true,
      recomputed: false,
    });
  });

  it('an unknown rule set is refused by the policy', () => {
    expect(() => recomputeTechSmeScore({ ...submitted('tsme-2017-115'), ruleSetId: 'nope' })).toThrow(
      /no tech-SME rule set/,
    );
  });
});
