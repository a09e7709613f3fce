import type { CalendarFeed, CommandDeps, StoreProjector } from '@peiyu/eventstore';
import type { Logger, RateLimits } from '@peiyu/service-kit';
import type { ReadModels } from '../read-models/read-models';
import type { CounterCollection } from './registration-numbers';

/** Everything the HTTP slices use; built once in wiring (or in a test). */
export interface AssessmentDeps extends CommandDeps {
  /** Assessment's own read models, fed from its own event store. */
  projector: StoreProjector;
  reads: ReadModels;
  /** The atomic registration-number counters, one document per province and campaign year. */
  counters: CounterCollection;
  registrationNumberFormat(provinceCode: string): string;
  logger: Logger;
  /** Mints evaluation, batch and objection ids. */
  newId(): string;
  /** The working-day calendar in force (built-in data + published arrangements, from the calendar topic). */
  calendar: Pick<CalendarFeed, 'current'>;
  /** Rate limits of the public form endpoints; default `rateLimitsFromEnv()` (tests tighten them). */
  rateLimits?: RateLimits;
}
