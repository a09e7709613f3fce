import { allEvents, dlqTopicOf, enterpriseStreamId, REGISTRY_ENTERPRISE_TOPIC } from '@peiyu/contracts';
import {
  ConsumerRunner,
  dbOf,
  IdempotencyStore,
  MongoEventStore,
  OutboxRelay,
  ProjectionCatalog,
} from '@peiyu/eventstore';
import { isValidUscc } from '@peiyu/policy';
import type { Clock, Logger } from '@peiyu/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { registryDecider } from './domain/decider';
import type { RegistryDeps } from './http/deps';
import { DIRECTORY, enterpriseDirectory } from './projection/enterprise-directory';
import { createRegions } from './regions';

export interface RegistryRuntime {
  deps: RegistryDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  consumer: ConsumerRunner;
  kafka: Kafka;
  close(): Promise<void>;
}

/**
 * Connects the registry to its own database and to Kafka: event store, outbox relay (own events → topic),
 * and the directory projection fed back from that topic. Used by main and by integration tests alike.
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
  const catalog = new ProjectionCatalog(db);
  const directory = await catalog.live(DIRECTORY);
  await directory.createIndexes([
    { key: { uscc: 1 }, name: 'uscc', unique: true },
    { key: { divisionCode: 1, uscc: 1 }, name: 'county' },
    { key: { cityCode: 1, uscc: 1 }, name: 'city' },
    { key: { provinceCode: 1, uscc: 1 }, name: 'province' },
  ]);
  const kafka = new Kafka({ clientId: o.clientId, brokers: o.kafkaBrokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  // Existing topics are left as they are. Six partitions keyed by stream id keep each enterprise ordered.
  const existing = new Set(await admin.listTopics());
  const wanted = [
    { topic: REGISTRY_ENTERPRISE_TOPIC, numPartitions: 6 },
    { topic: dlqTopicOf(REGISTRY_ENTERPRISE_TOPIC), numPartitions: 1 },
  ].filter((t) => !existing.has(t.topic));
  if (wanted.length > 0) await admin.createTopics({ topics: wanted });
  await admin.disconnect();
  const relay = new OutboxRelay({
    kafka,
    events: store.events,
    topicOf: () => REGISTRY_ENTERPRISE_TOPIC,
    clock: o.clock,
    logger: o.logger,
  });
  relay.start();
  const consumer = new ConsumerRunner({
    kafka,
    groupId: 'peiyu-registry-directory',
    topics: [REGISTRY_ENTERPRISE_TOPIC],
    db,
    projections: [enterpriseDirectory((code) => regions.parse(code))],
    codec,
    logger: o.logger,
    fromBeginning: true,
    // A gap is healed from the registry's own store: the events between the projection and the message.
    heal: async (streamId, after, before) =>
      (await store.readStream(streamId, { fromVersion: after + 1, toVersion: before - 1 })).map(
        ({ position: _p, prevHash: _ph, hash: _h, ...envelope }) => envelope,
      ),
  });
  await consumer.start();
  const deps: RegistryDeps = {
    store,
    decider: registryDecider({ region: regions.info, isValidUscc }),
    idempotency,
    catalog,
    clock: o.clock,
    logger: o.logger,
    regions,
    onAppended: () => relay.notify(),
  };
  return {
    deps,
    connection,
    relay,
    consumer,
    kafka,
    close: async () => {
      await consumer.stop();
      await relay.stop();
      await connection.close();
    },
  };
}

export { enterpriseStreamId };
