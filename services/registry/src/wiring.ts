import { allEvents, enterpriseStreamId, topicOfStream, topicsOwnedBy } from '@peiyu/contracts';
import {
  dbOf,
  ensureTopics,
  IdempotencyStore,
  MongoEventStore,
  OutboxRelay,
  StoreProjector,
} from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
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
  const connection = await mongoose.createConnection(o.mongoUrl, { dbName: o.mongoDb }).asPromise();
  const codec = allEvents();
  const regions = createRegions();
  const store = await MongoEventStore.open({ connection, clock: o.clock, codec });
  const db = dbOf(connection);
  const idempotency = await IdempotencyStore.open(db, o.clock);
  const projector = new StoreProjector({
    store,
    db,
    projections: [enterpriseDirectory({ provinciallyAdministered: regions.provinciallyAdministered })],
  });
  await projector.start();
  const kafka = new Kafka({ clientId: o.clientId, brokers: o.kafkaBrokers, logLevel: logLevel.ERROR });
  // Each topic is created by its owner only (the contracts' topic catalog).
  await ensureTopics(kafka, topicsOwnedBy('registry'));
  const relay = new OutboxRelay({
    kafka,
    events: store.events,
    topicOf: (e) => topicOfStream(e.streamId),
    clock: o.clock,
    logger: o.logger,
  });
  relay.start();
  const deps: RegistryDeps = {
    store,
    idempotency,
    projector,
    clock: o.clock,
    logger: o.logger,
    regions,
    afterAppend: async () => {
      relay.notify();
      // A read model that cannot catch up must not fail a command already recorded: it catches up later.
      await projector
        .catchUp()
        .catch((err: unknown) => o.logger.error({ err }, 'projection catch-up failed'));
    },
  };
  return {
    deps,
    connection,
    relay,
    kafka,
    close: async () => {
      await relay.stop();
      await connection.close();
    },
  };
}

export { enterpriseStreamId };
