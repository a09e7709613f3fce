import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startKafkaLite, type KafkaLite } from '@peiyu/kafka-lite';
import { startMongoLite, type MongoLite } from '@peiyu/mongo-lite';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { MongoEventStore } from '../store/mongo-store';
import { eventually } from '../test-support/env';
import { admin } from '../test-support/ledger';
import { tallyRegistry } from '../test-support/tally';
import { OutboxRelay } from './relay';

// Kafka goes away and comes back (same address, same data directory): the relay backs off, keeps the events
// unpublished meanwhile, and catches up in stream order when the broker returns.
describe('outbox relay across a Kafka outage (mongo-lite + kafka-lite)', () => {
  let mongo: MongoLite;
  let broker: KafkaLite | undefined;
  let dataDir: string;
  let connection: mongoose.Connection;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'es-outage-'));
    mongo = await startMongoLite({ port: 0, log: () => undefined });
    connection = await mongoose.createConnection(mongo.uri, { dbName: 'outage' }).asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await broker?.stop();
    await mongo.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('backs off exponentially while Kafka is down and catches up when it returns', async () => {
    broker = await startKafkaLite({ port: 0, dataDir });
    const port = broker.port;
    const kafka = new Kafka({
      clientId: 'outage',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 20, maxRetryTime: 50 },
      connectionTimeout: 300,
    });
    const adminClient = kafka.admin();
    await adminClient.connect();
    await adminClient.createTopics({
      waitForLeaders: true,
      topics: [{ topic: 'outage.v1', numPartitions: 1 }],
    });
    await adminClient.disconnect();

    const clock = new ManualClock('2026-07-01T00:00:00Z');
    const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
    const waits: number[] = [];
    const relay = new OutboxRelay({
      kafka,
      events: store.events,
      topicOf: () => 'outage.v1',
      clock,
      idleMs: 20,
      backoff: { initialMs: 40, maxMs: 320 },
      // Records the backoff the relay asks for, waits a fraction of it so the test stays short.
      sleep: (ms) => {
        if (ms !== 20) waits.push(ms);
        return new Promise((r) => setTimeout(r, Math.min(ms, 20)));
      },
    });
    const meta = { actor: admin, correlationId: 'c', causationId: null };
    const tick = (v: number) =>
      store.append('o-1', v, [{ type: 'Ticked', data: { by: 1, n: v + 1, writer: 'w' } }], meta);
    try {
      relay.start();
      for (let v = 0; v < 3; v++) await tick(v);
      await eventually(async () => expect(await relay.lag()).toEqual({ events: 0 }));

      await broker.stop();
      broker = undefined;
      for (let v = 3; v < 6; v++) await tick(v);
      await eventually(() => expect(relay.counters.get('outbox_failures')).toBeGreaterThanOrEqual(4), 30_000);
      expect(waits.slice(0, 4)).toEqual([40, 80, 160, 320]);
      expect(await relay.lag()).toMatchObject({ events: 3, oldestRecordedAt: '2026-07-01T00:00:00.000Z' });

      broker = await startKafkaLite({ port, dataDir });
      await eventually(async () => expect(await relay.lag()).toEqual({ events: 0 }), 30_000);
    } finally {
      await relay.stop();
    }
    const seen: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: 'outage-reader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'outage.v1', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(6));
    await consumer.disconnect();
    const versions = seen.map((m) => Number(m.headers?.streamVersion?.toString()));
    expect(versions).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60_000);
});
