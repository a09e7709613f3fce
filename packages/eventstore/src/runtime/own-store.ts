import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { allEvents, topicOfStream, type TopicSpec } from '@peiyu/contracts';
import type { EventCodec } from '../store/codec';
import type { Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import type { Clock } from '../clock';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import type { Logger } from '../observability';
import { ensureTopics } from '../outbox/ensure-topics';
import { RelayLease, type LeaseDoc } from '../outbox/lease';
import { OutboxRelay } from '../outbox/relay';
import { StoreProjector, type StoreProjection } from '../projection/store-projection';
import { MongoEventStore } from '../store/mongo-store';
import { dbOf, type Db } from '../store/mongo-docs';
import { createKafka, mongoUrlWithCredentials, topicsProvisioned } from './infra-credentials';

/** What every service runs on (service-guide.md): its own store, idempotency, own read models, topics, relay. */
export interface OwnStore {
  connection: mongoose.Connection;
  db: Db;
  kafka: Kafka;
  store: MongoEventStore;
  idempotency: IdempotencyStore;
  projector: StoreProjector;
  relay: OutboxRelay;
  /** The pipeline's `afterAppend`: nudge the relay, catch the own read models up (never failing the command). */
  afterAppend(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How often the relay looks for events it was not told of: appends by another replica of the service (the
 * lease holder publishes them within this), or a wake-up lost to a crash of the loop.
 */
export const RELAY_FALLBACK_POLL_MS = 500;

/**
 * How long the relay gathers appends after one woke it (issue 19 §2: at 200 registrations a second, one Kafka
 * request per group commit was 6 % of the registry's CPU). Small beside what a consumer's fetch waits.
 */
export const RELAY_LINGER_MS = 10;

export async function startOwnStore(o: {
  mongoUrl: string;
  mongoDb: string;
  kafkaBrokers: readonly string[];
  clientId: string;
  clock: Clock;
  logger: Logger;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: ReadonlyArray<StoreProjection<any>>;
  /** The topics this service creates: its own (`topicsOwnedBy`) and the dead-letter ones of what it consumes. */
  topics: readonly TopicSpec[];
  /** The service's event registry (e.g. with v2 events registered); default allEvents(). */
  codec?: EventCodec;
  /** Where Kafka credentials, mode and topic provisioning are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}): Promise<OwnStore> {
  const env = o.env ?? process.env;
  // Fail closed before connecting anywhere: production needs a database user and a Kafka principal.
  const mongoUrl = mongoUrlWithCredentials(o.mongoUrl, env);
  const kafka = createKafka({ clientId: o.clientId, brokers: o.kafkaBrokers, env });
  const connection = await mongoose.createConnection(mongoUrl, { dbName: o.mongoDb }).asPromise();
  const store = await MongoEventStore.open({ connection, clock: o.clock, codec: o.codec ?? allEvents() });
  const db = dbOf(connection);
  const idempotency = await IdempotencyStore.open(db, o.clock);
  const projector = new StoreProjector({ store, db, projections: o.projections, own: store.ownAppends });
  await projector.start();
  // Provisioned topics were created by an admin principal; a service then has no right to create any.
  if (!topicsProvisioned(env)) await ensureTopics(kafka, o.topics);
  const relay = new OutboxRelay({
    // every replica runs a relay; the lease in the service's database lets one publish at a time
    lease: new RelayLease({
      collection: db.collection<LeaseDoc>('outbox_lease'),
      holder: `${o.clientId}@${hostname()}:${process.pid}:${randomUUID()}`,
      clock: o.clock,
    }),
    kafka,
    events: store.events,
    own: store.ownAppends,
    topicOf: (e) => topicOfStream(e.streamId),
    clock: o.clock,
    logger: o.logger,
    // woken by every append of this process (below); the poll only finds another replica's appends
    idleMs: RELAY_FALLBACK_POLL_MS,
    lingerMs: RELAY_LINGER_MS,
  });
  // Every committed append of this process wakes the relay — commands, system commands and consumers alike —
  // instead of the relay polling the outbox every 50 ms (a find per poll, busy or idle).
  store.onAppended(() => relay.notify());
  relay.start();
  return {
    connection,
    db,
    kafka,
    store,
    idempotency,
    projector,
    relay,
    afterAppend: async () => {
      // (the append itself woke the relay) A read model that cannot catch up must not fail a command already
      // recorded: it catches up later.
      await projector
        .catchUpOwn()
        .catch((err: unknown) => o.logger.error({ err }, 'projection catch-up failed'));
    },
    close: async () => {
      await relay.stop();
      await projector.stop();
      await connection.close();
    },
  };
}
