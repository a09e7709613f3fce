import type { EventStore, IdempotencyStore, ProjectionCatalog } from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type { RegistryDecider } from '../domain/decider';
import type { Regions } from '../regions';

/** Everything the HTTP slices use; built once in main (or in a test). */
export interface RegistryDeps {
  store: EventStore;
  decider: RegistryDecider;
  idempotency: IdempotencyStore;
  catalog: ProjectionCatalog;
  clock: Clock;
  logger: Logger;
  regions: Regions;
  /** Called after a successful append so the outbox relay publishes at once instead of at its next poll. */
  onAppended?: () => void;
}
