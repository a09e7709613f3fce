import { z } from 'zod';
import { humanText } from '../text';
import { defineEvent } from '../event-definition';
import { IsoDate, UsccSchema } from './common';

/**
 * The working-day calendar as published data (people-and-places.md, "The working-day calendar"): the admin
 * publishes a year's official arrangement (国务院办公厅关于YYYY年部分节假日安排的通知); every service folds these
 * events into its calendar without a restart. Who published is the envelope's `actor`. One stream per year.
 */
export const workingCalendarStreamId = (year: number) => `working-calendar-${year}`;

/** Years an arrangement can be published for (@peiyu/policy computes provisional years 2008–2099). */
export const CalendarYearSchema = z.number().int().min(2000).max(2099);
/** The notice's document reference, e.g. 国办发明电〔2025〕7号. */
export const CalendarReferenceSchema = humanText({ max: 200 });
const Dates = z.array(IsoDate).max(366);
const Text = humanText({ max: 1000, multiline: true });

const Arrangement = {
  year: CalendarYearSchema,
  /** Days off: statutory days and the days moved into the holiday blocks. */
  holidays: Dates.min(1),
  /** Saturdays and Sundays worked (调休上班). */
  workdays: Dates,
  reference: CalendarReferenceSchema,
};

export const WorkingCalendarPublished = defineEvent({
  type: 'WorkingCalendarPublished',
  version: 1,
  schema: z.object({ ...Arrangement, publishedOn: IsoDate }).strict(),
});

/** A second, different arrangement for a year is only ever an explicit correction with a reason. */
export const WorkingCalendarCorrected = defineEvent({
  type: 'WorkingCalendarCorrected',
  version: 1,
  schema: z
    .object({
      ...Arrangement,
      correctedOn: IsoDate,
      previousReference: CalendarReferenceSchema,
      reason: Text,
    })
    .strict(),
});

/**
 * Deadlines set with a provisional year and recomputed after a publication. A deadline moves later, never
 * earlier, so these are emitted only when `dueOn` / `endsOn` is after the previous date.
 */
const Moved = {
  /** The arrangement's year and reference that caused the move. */
  calendarYear: CalendarYearSchema,
  calendarReference: CalendarReferenceSchema,
  movedOn: IsoDate,
  /** Whether the new date still rests on a provisional year (a count crossing into a later year). */
  provisional: z.boolean(),
};
const laterThanBefore =
  (from: string, to: string) =>
  (v: Record<string, unknown>): boolean =>
    String(v[to]) > String(v[from]);

export const ReviewDueDateMoved = defineEvent({
  type: 'ReviewDueDateMoved',
  version: 1,
  schema: z
    .object({
      evaluationId: z.string().min(1).max(64),
      uscc: UsccSchema,
      year: z.number().int().min(2017).max(2100),
      previousDueOn: IsoDate,
      dueOn: IsoDate,
      ...Moved,
    })
    .strict()
    .refine(laterThanBefore('previousDueOn', 'dueOn'), {
      path: ['dueOn'],
      message: 'a due date only moves later',
    }),
});

export const PublicNoticeEndMoved = defineEvent({
  type: 'PublicNoticeEndMoved',
  version: 1,
  schema: z
    .object({
      batchId: z.string().min(1).max(64),
      previousEndsOn: IsoDate,
      endsOn: IsoDate,
      ...Moved,
    })
    .strict()
    .refine(laterThanBefore('previousEndsOn', 'endsOn'), {
      path: ['endsOn'],
      message: 'a notice end only moves later',
    }),
});

export const CALENDAR_EVENTS = [WorkingCalendarPublished, WorkingCalendarCorrected] as const;
export const DEADLINE_MOVED_EVENTS = [ReviewDueDateMoved, PublicNoticeEndMoved] as const;
