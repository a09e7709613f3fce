export * from './common';
export * from './registry';
export * from './certification';
export * from './assessment';
export * from './calendar';
export * from './deadlines-v2';
export * from './subsidy';
export * from './statistics';
import { EventRegistry } from '../registry';
import { REGISTRY_EVENTS } from './registry';
import { CERTIFICATION_ALL_EVENTS, CERTIFICATION_UPCASTERS } from './certification';
import { ASSESSMENT_EVENTS } from './assessment';
import { CALENDAR_EVENTS, DEADLINE_MOVED_EVENTS } from './calendar';
import { SUBSIDY_EVENTS } from './subsidy';
import { STATISTICS_EVENTS } from './statistics';
import { withCalendarAwareDeadlines } from './deadlines-v2';

/** A registry holding every domain event defined so far (services may also build narrower ones). */
export function allEvents(): EventRegistry {
  const registry = new EventRegistry().register(
    ...REGISTRY_EVENTS,
    ...CERTIFICATION_ALL_EVENTS,
    ...ASSESSMENT_EVENTS,
    ...CALENDAR_EVENTS,
    ...DEADLINE_MOVED_EVENTS,
    ...SUBSIDY_EVENTS,
    ...STATISTICS_EVENTS,
  );
  for (const u of CERTIFICATION_UPCASTERS) registry.registerUpcaster(u);
  // Assessment emits the calendar-aware (v2) deadline events; every reader decodes them, v1 upcast.
  return withCalendarAwareDeadlines(registry);
}
