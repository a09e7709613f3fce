import type { EventStore, IdempotencyStore } from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type { AssessmentReads } from '../views/reads';
import type { CounterCollection } from './registration-numbers';

/** Everything the HTTP slices use; built once in main (or in a test). */
export interface AssessmentDeps {
  store: EventStore;
  reads: AssessmentReads;
  idempotency: IdempotencyStore;
  /** The atomic registration-number counters, one document per province and campaign year. */
  counters: CounterCollection;
  registrationNumberFormat(provinceCode: string): string;
  clock: Clock;
  logger: Logger;
  /** Mints evaluation, batch and objection ids. */
  newId(): string;
  /** Called after a successful append so the outbox relay publishes at once instead of at its next poll. */
  onAppended?: () => void;
}
