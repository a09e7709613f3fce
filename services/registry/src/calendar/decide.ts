import { refusals, type WorkingCalendarCorrected, type WorkingCalendarPublished } from '@peiyu/contracts';
import type { Decider } from '@peiyu/eventstore';
import { decidePublication, DEFAULT_CALENDAR, type HolidayArrangement } from '@peiyu/policy';
import type { z } from 'zod';

/**
 * The working-day calendar as reference data the registry keeps (people-and-places.md, "The working-day
 * calendar"): one stream per year; the admin publishes the year's official arrangement once, and a different
 * one only as an explicit correction with a reason. Every service folds these events (eventstore CalendarFeed).
 */
export type CalendarEvent =
  | { type: 'WorkingCalendarPublished'; data: z.infer<typeof WorkingCalendarPublished.schema> }
  | { type: 'WorkingCalendarCorrected'; data: z.infer<typeof WorkingCalendarCorrected.schema> };

export type CalendarState = {
  arrangement: HolidayArrangement;
  publishedOn: string;
  corrections: number;
} | null;

export interface PublishCalendar {
  type: 'PublishWorkingCalendar';
  arrangement: HolidayArrangement;
  correction?: { reason: string };
}

export const refuseCalendar = refusals({
  calendar_invalid:
    '节假日安排有误（日期须在该年内、不得同时为放假日和调休上班日、调休上班日须为周末、须有通知文号）',
  calendar_already_published: '该年度节假日安排已发布；如需更正，请注明更正原因',
  calendar_correction_reason: '更正须说明原因',
  calendar_wrong_year: '请求路径中的年份与安排中的年份不一致',
});

const arrangementOf = (d: HolidayArrangement): HolidayArrangement => ({
  year: d.year,
  holidays: [...d.holidays],
  workdays: [...d.workdays],
  reference: d.reference,
});

export function evolveCalendar(state: CalendarState, e: CalendarEvent): CalendarState {
  if (e.type === 'WorkingCalendarPublished') {
    return { arrangement: arrangementOf(e.data), publishedOn: e.data.publishedOn, corrections: 0 };
  }
  return {
    arrangement: arrangementOf(e.data),
    publishedOn: state?.publishedOn ?? e.data.correctedOn,
    corrections: (state?.corrections ?? 0) + 1,
  };
}

/**
 * Publishes or corrects a year. The arrangement in force is the published one or, for the years the built-in
 * data covers, that one (so re-publishing 2025 with other days is a correction too). Same days again: nothing.
 */
export function decideCalendar(
  c: PublishCalendar,
  state: CalendarState,
  ctx: { today: string },
): CalendarEvent[] {
  const current = state?.arrangement ?? DEFAULT_CALENDAR.arrangementFor(c.arrangement.year);
  const decision = decidePublication(current, c.arrangement, c.correction);
  if (!decision.ok) {
    const p = decision.problems[0]!;
    const code =
      p.code === 'calendar.already-published'
        ? 'calendar_already_published'
        : p.code === 'calendar.correction-reason'
          ? 'calendar_correction_reason'
          : 'calendar_invalid';
    const all = decision.problems.map((x) => `${x.path}: ${x.message}`).join('; ');
    throw refuseCalendar(code === 'calendar_already_published' ? 'conflict' : 'invalid', code, all, p.path);
  }
  const a = {
    year: c.arrangement.year,
    holidays: [...c.arrangement.holidays].sort(),
    workdays: [...c.arrangement.workdays].sort(),
    reference: c.arrangement.reference.trim(),
  };
  if (decision.action === 'unchanged') return [];
  if (decision.action === 'publish') {
    return [{ type: 'WorkingCalendarPublished', data: { ...a, publishedOn: ctx.today } }];
  }
  return [
    {
      type: 'WorkingCalendarCorrected',
      data: {
        ...a,
        correctedOn: ctx.today,
        previousReference: current!.reference,
        reason: c.correction!.reason.trim(),
      },
    },
  ];
}

export const calendarDecider: Decider<CalendarState, PublishCalendar, CalendarEvent, { today: string }> = {
  initialState: null,
  evolve: evolveCalendar,
  decide: decideCalendar,
};
