import type { CommandDeps, StoreProjector } from '@peiyu/eventstore';
import type { Logger } from '@peiyu/service-kit';
import type { ReadModels } from '../read-models/read-models';

/** Everything the HTTP slices and the reactions use; built once in wiring (or in a test). */
export interface SubsidyDeps extends CommandDeps {
  /** Subsidy's own read models, fed from its own event store. */
  projector: StoreProjector;
  reads: ReadModels;
  logger: Logger;
  /** Mints round ids. */
  newId(): string;
}
