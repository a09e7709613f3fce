import { addDays, daysBetween, type IsoDate } from '../core/dates';
import { addWorkingDays, DEFAULT_CALENDAR, type WorkingDayCalendar, type YearSource } from './calendar';

/** A deadline as it was set: counted from `startOn`, `workingDays` working days, due on `dueOn`. */
export interface SetDeadline {
  readonly startOn: IsoDate;
  readonly workingDays: number;
  readonly dueOn: IsoDate;
}

export interface RecomputedDeadline {
  readonly previousDueOn: IsoDate;
  /**
   * The deadline from now on: the later of the old date and the recomputed one, moved on to the next working
   * day if the published calendar makes that day a holiday.
   */
  readonly dueOn: IsoDate;
  /** What the new calendar alone gives (may be earlier than the old date; then it is not applied). */
  readonly recomputedOn: IsoDate;
  /** True when the deadline moved later. */
  readonly moved: boolean;
  /** Whether the new deadline still rests on a provisional year. */
  readonly provisional: boolean;
  readonly sources: readonly YearSource[];
}

/**
 * Recomputes a deadline with a newer calendar (after an official arrangement is published). people-and-places.md
 * "The working-day calendar": a deadline may move later, never earlier — nobody loses days of a notice that was
 * announced. So the result is max(old, recomputed).
 */
export function recomputeDeadline(
  deadline: SetDeadline,
  calendar: WorkingDayCalendar = DEFAULT_CALENDAR,
): RecomputedDeadline {
  const again = addWorkingDays(deadline.startOn, deadline.workingDays, calendar);
  let dueOn = daysBetween(deadline.dueOn, again.date) > 0 ? again.date : deadline.dueOn;
  // Keeping the old date can leave it on a day the published calendar makes a holiday; then the deadline runs
  // to the next working day (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
  while (!calendar.isWorkingDay(dueOn)) dueOn = addDays(dueOn, 1);
  const later = daysBetween(deadline.dueOn, dueOn) > 0;
  return {
    previousDueOn: deadline.dueOn,
    dueOn,
    recomputedOn: again.date,
    moved: later,
    provisional: again.provisional,
    sources: again.sources,
  };
}
