export * from './common';
export * from './registry';
export * from './certification';
export * from './assessment';
export * from './calendar';
export * from './deadlines-v2';
export * from './subsidy';
import { EventRegistry } from '../registry';
import { REGISTRY_EVENTS } from './registry';
import { CERTIFICATION_EVENTS } from './certification';
import { ASSESSMENT_EVENTS } from './assessment';
import { CALENDAR_EVENTS, DEADLINE_MOVED_EVENTS } from './calendar';
import { SUBSIDY_EVENTS } from './subsidy';

/** A registry holding every domain event defined so far (services may also build narrower ones). */
export function allEvents(): EventRegistry {
  return new EventRegistry().register(
    ...REGISTRY_EVENTS,
    ...CERTIFICATION_EVENTS,
    ...ASSESSMENT_EVENTS,
    ...CALENDAR_EVENTS,
    ...DEADLINE_MOVED_EVENTS,
    ...SUBSIDY_EVENTS,
  );
}
