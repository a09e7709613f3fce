import type { CommandDeps, StoreProjector } from '@peiyu/eventstore';
import type { Logger } from '@peiyu/service-kit';
import type { Regions } from '../regions';

/** Everything the HTTP slices use; built once in wiring (or in a test). */
export interface RegistryDeps extends CommandDeps {
  /** The registry's own read models, fed from its own event store. */
  projector: StoreProjector;
  logger: Logger;
  regions: Regions;
}
