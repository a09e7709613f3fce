import { decideEvaluation, type EvaluationCommand } from './evaluation-decide';
import { evolveEvaluation, type Evaluation, type EvaluationState } from './evaluation-state';
import type { EvaluationEvent } from './events';
import { itemView, reviewQueue } from './queries';
import { evaluationCtx, goodForm, USCC_A, USCC_B, WEIDONG } from './test-support/fixtures';

function run(uscc: string, id: string, steps: Array<[EvaluationCommand, string]>): Evaluation {
  let state: EvaluationState = null;
  for (const [c, today] of steps) {
    const events: EvaluationEvent[] = decideEvaluation(c, state, evaluationCtx({ today }));
    state = events.reduce(evolveEvaluation, state);
  }
  if (!state) throw new Error('no evaluation');
  return state;
}
const draft = (uscc: string, id: string): [EvaluationCommand, string] => [
  { type: 'DraftSmeEvaluation', evaluationId: id, uscc, year: 2025, form: goodForm },
  '2025-09-01',
];

describe('county review queue', () => {
  it('lists items awaiting review, most urgent first, with overdue flags', () => {
    const late = run(USCC_A, 'ev-a', [
      draft(USCC_A, 'ev-a'),
      [{ type: 'SubmitSmeEvaluation' }, '2025-09-01'],
    ]);
    const fresh = run(USCC_B, 'ev-b', [
      draft(USCC_B, 'ev-b'),
      [{ type: 'SubmitSmeEvaluation' }, '2025-09-30'],
    ]);
    const notSubmitted = run(USCC_B, 'ev-c', [draft(USCC_B, 'ev-c')]);
    expect(reviewQueue([fresh, notSubmitted, late], '2025-09-10')).toEqual([
      expect.objectContaining({ evaluationId: 'ev-a', dueOn: '2025-09-08', overdue: true }),
      expect.objectContaining({ evaluationId: 'ev-b', dueOn: '2025-10-14', overdue: false }),
    ]);
  });

  it('gives the batch decider the item with the enterprise’s current county', () => {
    const e = run(USCC_A, 'ev-a', [draft(USCC_A, 'ev-a')]);
    expect(itemView(e, WEIDONG)).toEqual({
      evaluationId: 'ev-a',
      uscc: USCC_A,
      year: 2025,
      status: 'draft',
      countyCode: WEIDONG,
      onSiteFlagged: false,
    });
  });
});
