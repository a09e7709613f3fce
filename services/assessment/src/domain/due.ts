import type { AddWorkingDays } from './context';
import type { Evaluation } from './evaluation-state';

/**
 * The county's review due date: `workingDays` working days after the (re)submission or send-back date, with
 * what the v2 events record of it (people-and-places.md: a deadline counted through a provisional year says so).
 */
export function countyDueDate(from: string, workingDays: number, addWorkingDays: AddWorkingDays) {
  const d = addWorkingDays(from, workingDays);
  return {
    dueOn: d.date,
    reviewWorkingDays: workingDays,
    provisional: d.provisional,
    calendarReferences: d.calendarReferences,
  };
}

/** In the county queue past its due date: overdue from the day after `dueOn`. */
export function isOverdue(evaluation: Pick<Evaluation, 'status' | 'dueOn'>, today: string): boolean {
  return evaluation.status === 'submitted' && evaluation.dueOn !== null && today > evaluation.dueOn;
}
