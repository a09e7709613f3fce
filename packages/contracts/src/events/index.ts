export * from './common';
export * from './registry';
export * from './certification';
export * from './assessment';
import { EventRegistry } from '../registry';
import { REGISTRY_EVENTS } from './registry';
import { CERTIFICATION_ALL_EVENTS, CERTIFICATION_UPCASTERS } from './certification';
import { ASSESSMENT_EVENTS } from './assessment';

/** A registry holding every domain event defined so far (services may also build narrower ones). */
export function allEvents(): EventRegistry {
  const registry = new EventRegistry().register(
    ...REGISTRY_EVENTS,
    ...CERTIFICATION_ALL_EVENTS,
    ...ASSESSMENT_EVENTS,
  );
  for (const u of CERTIFICATION_UPCASTERS) registry.registerUpcaster(u);
  return registry;
}
