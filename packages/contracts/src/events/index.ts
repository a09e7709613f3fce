export * from './common';
export * from './registry';
export * from './certification';
import { EventRegistry } from '../registry';
import { REGISTRY_EVENTS } from './registry';
import { CERTIFICATION_EVENTS } from './certification';

/** A registry holding every domain event defined so far (services may also build narrower ones). */
export function allEvents(): EventRegistry {
  return new EventRegistry().register(...REGISTRY_EVENTS, ...CERTIFICATION_EVENTS);
}
