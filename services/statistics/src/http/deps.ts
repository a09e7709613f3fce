import type { CommandDeps, StoreProjector } from '@peiyu/eventstore';
import type { Logger } from '@peiyu/service-kit';
import type { ReadModels } from '../read-models/read-models';
import type { Regions } from '../regions';

/** Everything the HTTP slices use; built once in wiring (or in a test). */
export interface StatisticsDeps extends CommandDeps {
  /** Statistics' own read models, fed from its own event store. */
  projector: StoreProjector;
  reads: ReadModels;
  regions: Regions;
  logger: Logger;
}
