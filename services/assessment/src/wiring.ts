import { randomUUID } from 'node:crypto';
import {
  allEvents,
  ASSESSMENT_BATCH_TOPIC,
  ASSESSMENT_EVALUATION_TOPIC,
  CERTIFICATION_CERTIFICATE_TOPIC,
  dlqTopicOf,
  REGISTRY_ENTERPRISE_TOPIC,
} from '@peiyu/contracts';
import {
  ConsumerRunner,
  dbOf,
  IdempotencyStore,
  MongoEventStore,
  OutboxRelay,
  ProjectionCatalog,
} from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { registrationNumberFormats } from './campaigns';
import type { AssessmentDeps } from './http/deps';
import { ENTERPRISE_VIEW, enterpriseViewProjection } from './views/enterprise-view';
import { HNTE_CERTIFICATES, hnteCertificatesProjection } from './views/hnte-certificates';
import { AssessmentReads } from './views/reads';

export interface AssessmentRuntime {
  deps: AssessmentDeps;
  connection: mongoose.Connection;
  relay: OutboxRelay;
  consumers: ConsumerRunner[];
  close(): Promise<void>;
}

/** Evaluation streams go to the evaluation topic, batch streams to the batch topic (key = stream id). */
export function topicOfStream(streamId: string): string {
  return streamId.startsWith('sme-batch-') ? ASSESSMENT_BATCH_TOPIC : ASSESSMENT_EVALUATION_TOPIC;
}

async function ensureTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Existing topics are left as they are (the registry creates its own; creating it here too only avoids
    // subscribing to a topic that does not exist yet when assessment starts first).
    const existing = new Set(await admin.listTopics());
    const wanted = [
      { topic: ASSESSMENT_EVALUATION_TOPIC, numPartitions: 6 },
      { topic: ASSESSMENT_BATCH_TOPIC, numPartitions: 3 },
      { topic: dlqTopicOf(REGISTRY_ENTERPRISE_TOPIC), numPartitions: 1 },
      { topic: dlqTopicOf(CERTIFICATION_CERTIFICATE_TOPIC), numPartitions: 1 },
      { topic: REGISTRY_ENTERPRISE_TOPIC, numPartitions: 6 },
      { topic: CERTIFICATION_CERTIFICATE_TOPIC, numPartitions: 6 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length > 0) await admin.createTopics({ topics: wanted });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Connects assessment to its own database and to Kafka: event store, outbox relay (own events → its two
 * topics), and the local views fed by other services' topics (registry enterprises, HNTE certificates).
 */
export async function startAssessmentRuntime(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: string[];
  clientId: string;
  registrationNumberFormats: string;
  clock: Clock;
  logger: Logger;
}): Promise<AssessmentRuntime> {
  const formats = registrationNumberFormats(o.registrationNumberFormats);
  const connection = await mongoose.createConnection(o.mongoUrl, { dbName: o.mongoDb }).asPromise();
  const codec = allEvents();
  const store = await MongoEventStore.open({ connection, clock: o.clock, codec });
  const db = dbOf(connection);
  await AssessmentReads.indexes(store.events);
  const idempotency = await IdempotencyStore.open(db, o.clock);
  const catalog = new ProjectionCatalog(db);
  await (
    await catalog.live(ENTERPRISE_VIEW)
  ).createIndexes([
    { key: { uscc: 1 }, name: 'uscc', unique: true },
    { key: { divisionCode: 1, uscc: 1 }, name: 'county' },
  ]);
  await (await catalog.live(HNTE_CERTIFICATES)).createIndexes([{ key: { uscc: 1 }, name: 'uscc' }]);
  const kafka = new Kafka({ clientId: o.clientId, brokers: o.kafkaBrokers, logLevel: logLevel.ERROR });
  await ensureTopics(kafka);
  const relay = new OutboxRelay({
    kafka,
    events: store.events,
    topicOf: (e) => topicOfStream(e.streamId),
    clock: o.clock,
    logger: o.logger,
  });
  relay.start();
  const consumers = [
    new ConsumerRunner({
      kafka,
      groupId: 'peiyu-assessment-enterprises',
      topics: [REGISTRY_ENTERPRISE_TOPIC],
      db,
      projections: [enterpriseViewProjection()],
      codec,
      logger: o.logger,
      fromBeginning: true,
    }),
    new ConsumerRunner({
      kafka,
      groupId: 'peiyu-assessment-hnte',
      topics: [CERTIFICATION_CERTIFICATE_TOPIC],
      db,
      projections: [hnteCertificatesProjection()],
      codec,
      logger: o.logger,
      fromBeginning: true,
    }),
  ];
  await Promise.all(consumers.map((c) => c.start()));
  const deps: AssessmentDeps = {
    store,
    reads: new AssessmentReads(store, store.events, codec, catalog),
    idempotency,
    counters: db.collection<{ _id: string; next: number }>('registration_number_counters'),
    registrationNumberFormat: formats,
    clock: o.clock,
    logger: o.logger,
    newId: () => randomUUID(),
    onAppended: () => relay.notify(),
  };
  return {
    deps,
    connection,
    relay,
    consumers,
    close: async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      await relay.stop();
      await connection.close();
    },
  };
}
