import type { AddWorkingDays } from './context';
import type { Evaluation } from './evaluation-state';

/** The county's review due date: `workingDays` working days after the (re)submission or send-back date. */
export function countyDueDate(from: string, workingDays: number, addWorkingDays: AddWorkingDays): string {
  return addWorkingDays(from, workingDays);
}

/** In the county queue past its due date: overdue from the day after `dueOn`. */
export function isOverdue(evaluation: Pick<Evaluation, 'status' | 'dueOn'>, today: string): boolean {
  return evaluation.status === 'submitted' && evaluation.dueOn !== null && today > evaluation.dueOn;
}
