import type { CalendarFeed, CommandDeps, StoreProjector } from '@peiyu/eventstore';
import type { Logger } from '@peiyu/service-kit';
import type { ReadModels } from '../read-models/read-models';

/** Everything the HTTP slices use; built once in wiring (or in a test). */
export interface CertificationDeps extends CommandDeps {
  /** Certification's own read models, fed from its own event store. */
  projector: StoreProjector;
  reads: ReadModels;
  logger: Logger;
  /** Mints application, batch, notice and objection ids. */
  newId(): string;
  /** The panel draw's seed: 16 random bytes in hex from a CSPRNG (recorded, so the draw can be redone). */
  newSeed(): string;
  /** The working-day calendar in force (built-in data + published arrangements, from the calendar topic). */
  calendar: Pick<CalendarFeed, 'current'>;
}
