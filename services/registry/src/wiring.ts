import { topicsOwnedBy } from '@peiyu/contracts';
import { startOwnStore, type OutboxRelay } from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type { Kafka } from 'kafkajs';
import type mongoose from 'mongoose';
import type { RegistryDeps } from './http/deps';
import { enterpriseDirectory } from './read-models/enterprise-directory';
import { createRegions } from './regions';

export interface RegistryRuntime {
  deps: RegistryDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  kafka: Kafka;
  close(): Promise<void>;
}

/**
 * Connects the registry to its own database and to Kafka: event store, outbox relay (own events → topic),
 * and the directory read model fed from its own store (service-guide.md: own events never come back through
 * Kafka). Used by main and by integration tests alike.
 */
export async function startRegistryRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  clock: Clock;
  logger: Logger;
}): Promise<RegistryRuntime> {
  const regions = createRegions();
  const own = await startOwnStore({
    ...o,
    projections: [enterpriseDirectory({ provinciallyAdministered: regions.provinciallyAdministered })],
    topics: topicsOwnedBy('registry'),
  });
  const deps: RegistryDeps = {
    store: own.store,
    idempotency: own.idempotency,
    projector: own.projector,
    clock: o.clock,
    logger: o.logger,
    regions,
    afterAppend: own.afterAppend,
  };
  return { deps, connection: own.connection, relay: own.relay, kafka: own.kafka, close: own.close };
}
