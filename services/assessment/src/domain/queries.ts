import type { EvaluationItemView } from './batch-decide';
import { isOverdue } from './due';
import type { Evaluation } from './evaluation-state';

export interface ReviewQueueItem {
  evaluationId: string;
  uscc: string;
  year: number;
  submittedOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  onSiteCheckSuggested: Evaluation['onSiteCheckSuggested'];
  flaggedForOnSiteCheck: boolean;
}

/** One item of the county review queue (the list endpoint pages them from the read model). */
export function reviewQueueItem(e: Evaluation, today: string): ReviewQueueItem {
  return {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    submittedOn: e.submittedOn,
    dueOn: e.dueOn,
    overdue: isOverdue(e, today),
    onSiteCheckSuggested: e.onSiteCheckSuggested,
    flaggedForOnSiteCheck: e.onSiteCheck !== null,
  };
}

/**
 * The county review queue: evaluations awaiting formal review, most urgent first (earliest due date, then
 * earliest submission). The caller passes the evaluations of the county (by the enterprise's current county).
 */
export function reviewQueue(evaluations: ReadonlyArray<Evaluation>, today: string): ReviewQueueItem[] {
  return evaluations
    .filter((e) => e.status === 'submitted')
    .map((e) => reviewQueueItem(e, today))
    .sort(
      (a, b) =>
        (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
        (a.submittedOn ?? '').localeCompare(b.submittedOn ?? '') ||
        a.evaluationId.localeCompare(b.evaluationId),
    );
}

/** What the batch decider's `evaluation` lookup returns, from the evaluation view and the enterprise's county. */
export function itemView(e: Evaluation, currentCountyCode: string): EvaluationItemView {
  return {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    status: e.status,
    countyCode: currentCountyCode,
  };
}
