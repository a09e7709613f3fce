import { startKafkaLite, type KafkaLite } from '@peiyu/kafka-lite';
import { startMongoLite, type MongoLite } from '@peiyu/mongo-lite';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { MongoEventStore } from '../store/mongo-store';
import type { Collection, EventDoc } from '../store/mongo-docs';
import { eventually } from '../test-support/env';
import { admin } from '../test-support/ledger';
import { tallyRegistry } from '../test-support/tally';
import { OutboxRelay } from './relay';

// The relay is woken by notify() after each append, its poll only a fallback (own-store polls every 500 ms):
// a notify that comes while the relay is between its read of the outbox and its wait must not be lost.
describe('outbox relay woken by appends (mongo-lite + kafka-lite)', () => {
  let mongo: MongoLite;
  let broker: KafkaLite;
  let connection: mongoose.Connection;
  beforeAll(async () => {
    mongo = await startMongoLite({ port: 0, log: () => undefined });
    broker = await startKafkaLite({ port: 0 });
    connection = await mongoose.createConnection(mongo.uri, { dbName: 'wake' }).asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await broker.stop();
    await mongo.stop();
  });

  const WITHIN = 20_000;
  it('publishes an append notified just after an empty read at once, not after the fallback poll', async () => {
    const kafka = new Kafka({ clientId: 'wake', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const adminClient = kafka.admin();
    await adminClient.connect();
    await adminClient.createTopics({
      waitForLeaders: true,
      topics: [{ topic: 'wake.v1', numPartitions: 1 }],
    });
    await adminClient.disconnect();
    const clock = new ManualClock('2026-07-01T00:00:00Z');
    const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
    const meta = { actor: admin, correlationId: 'c', causationId: null };
    let version = 0;
    let notifyRelay = (): void => undefined; // set once the relay exists
    let appendAfterEmptyRead = false;
    // The outbox as the relay sees it: after an empty read, an append lands and notifies (the race's window).
    const events = new Proxy(store.events, {
      get(target, prop, receiver) {
        if (prop !== 'find') return Reflect.get(target, prop, receiver) as unknown;
        return (...args: Parameters<Collection<EventDoc>['find']>) => {
          const cursor = target.find(...args);
          return {
            toArray: async () => {
              const docs = await cursor.toArray();
              if (docs.length === 0 && appendAfterEmptyRead) {
                appendAfterEmptyRead = false;
                await store.append(
                  'w-1',
                  version,
                  [{ type: 'Ticked', data: { by: 1, n: version + 1, writer: 'w' } }],
                  meta,
                );
                version++;
                notifyRelay();
              }
              return docs;
            },
          };
        };
      },
    });
    const relay = new OutboxRelay({ kafka, events, topicOf: () => 'wake.v1', clock, idleMs: 60_000 });
    notifyRelay = () => relay.notify();
    const published = () => relay.counters.get('outbox_published');
    try {
      relay.start();
      appendAfterEmptyRead = true;
      relay.notify(); // wakes the first (empty) wait; the read after it meets the race
      // WITHIN: far below the 60 s poll, so only a wake-up can publish in time, and far above a publish on a
      // loaded machine (in a fresh-clone npm test on 7 Dec, beside the browser journey, it took over 5 s).
      await eventually(() => expect(published()).toBe(1), WITHIN);
      // and an ordinary append + notify while the relay waits
      await store.append(
        'w-1',
        version,
        [{ type: 'Ticked', data: { by: 1, n: version + 1, writer: 'w' } }],
        meta,
      );
      relay.notify();
      await eventually(() => expect(published()).toBe(2), WITHIN);
    } finally {
      await relay.stop();
    }
  }, 90_000);
});
