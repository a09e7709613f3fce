import { z } from 'zod';
import { defineEvent } from '../event-definition';
import type { EventRegistry, Upcaster } from '../registry';
import { PublicNoticeOpened, SentBackByProvince, SmeEvaluationSubmitted } from './assessment';

/**
 * Version 2 of the assessment events that set a working-day deadline: each says whether the deadline was
 * counted through a provisional calendar year (people-and-places.md: "mark every deadline computed with it as
 * provisional … in the event"), and carries the working days, so a publication can recompute it from the event
 * alone (@peiyu/policy `recomputeDeadline`).
 *
 * Registered in `allEvents()` (assessment emits them); a narrower registry adds them with
 * `withCalendarAwareDeadlines(registry)` (v1 events are upcast).
 */
const Deadline = {
  /** True when a day counted lies in a year without the official arrangement (statutory days only). */
  provisional: z.boolean(),
  /** The calendar sources the count used (built-in data, a published notice, or the statutory rule). */
  calendarReferences: z.array(z.string().min(1).max(300)).max(10),
};

export const SmeEvaluationSubmittedV2 = defineEvent({
  type: 'SmeEvaluationSubmitted',
  version: 2,
  schema: SmeEvaluationSubmitted.schema.extend({
    reviewWorkingDays: z.number().int().min(1).max(100),
    ...Deadline,
  }),
});

export const SentBackByProvinceV2 = defineEvent({
  type: 'SentBackByProvince',
  version: 2,
  schema: SentBackByProvince.schema.extend({
    reviewWorkingDays: z.number().int().min(1).max(100),
    ...Deadline,
  }),
});

export const PublicNoticeOpenedV2 = defineEvent({
  type: 'PublicNoticeOpened',
  version: 2,
  schema: PublicNoticeOpened.schema.extend(Deadline),
});

/**
 * v1 → v2. A v1 deadline was never provisional: the calendar of that time refused any year without official
 * data (calendar.no-data) instead of counting. Its county review was always 5 working days (the only value
 * services/assessment used, COUNTY_REVIEW_WORKING_DAYS); notices carried their working days already.
 */
const V1_REFERENCE = 'chinese-days@1.5.7 (official arrangements; v1 event)';
const V1_REVIEW_WORKING_DAYS = 5;

export const CALENDAR_AWARE_UPCASTERS: readonly Upcaster[] = [
  {
    type: 'SmeEvaluationSubmitted',
    fromVersion: 1,
    toVersion: 2,
    upcast: (d) => ({
      ...(d as object),
      reviewWorkingDays: V1_REVIEW_WORKING_DAYS,
      provisional: false,
      calendarReferences: [V1_REFERENCE],
    }),
  },
  {
    type: 'SentBackByProvince',
    fromVersion: 1,
    toVersion: 2,
    upcast: (d) => ({
      ...(d as object),
      reviewWorkingDays: V1_REVIEW_WORKING_DAYS,
      provisional: false,
      calendarReferences: [V1_REFERENCE],
    }),
  },
  {
    type: 'PublicNoticeOpened',
    fromVersion: 1,
    toVersion: 2,
    upcast: (d) => ({ ...(d as object), provisional: false, calendarReferences: [V1_REFERENCE] }),
  },
];

export const CALENDAR_AWARE_EVENTS = [
  SmeEvaluationSubmittedV2,
  SentBackByProvinceV2,
  PublicNoticeOpenedV2,
] as const;

/** Registers the v2 deadline events and their upcasters on a registry that already holds the v1 events. */
export function withCalendarAwareDeadlines(registry: EventRegistry): EventRegistry {
  // allEvents() has them already: adding them again is a no-op, not an error.
  const known = (type: string) => (registry.has(type) ? registry.latestVersion(type) : 0);
  if (CALENDAR_AWARE_EVENTS.every((d) => known(d.type) >= d.version)) return registry;
  registry.register(...CALENDAR_AWARE_EVENTS);
  for (const u of CALENDAR_AWARE_UPCASTERS) registry.registerUpcaster(u);
  return registry;
}
