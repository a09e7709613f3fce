import { ManualClock } from '../clock';
import { MongoEventStore } from '../store/mongo-store';
import { dbOf } from '../store/mongo-docs';
import { createTopics, eventually, kafkaClient, liteEnv, openDb, type TestEnv } from '../test-support/env';
import { admin } from '../test-support/ledger';
import { tallyRegistry } from '../test-support/tally';
import { RelayLease, type LeaseDoc } from './lease';
import { OutboxRelay } from './relay';

// Two replicas of a service, one database: both run a relay, the lease lets one publish; when it stops (a
// clean stop releases) or dies (its lease expires), the other takes over and publishes what is left.
// The lease's expiry needs time to pass: the wall clock (the relays' event clock stays manual).
const wall = { now: () => new Date() };

describe('outbox relay lease (mongo-lite + kafka-lite)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await liteEnv();
  });
  afterAll(() => env.stop());

  it('lets one of two relays on one database publish; the other takes over when it stops', async () => {
    const connection = await openDb(env);
    const db = dbOf(connection);
    const kafka = kafkaClient(env);
    const topic = await createTopics(kafka, 'lease');
    const clock = new ManualClock('2026-07-01T00:00:00Z');
    const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
    const relay = (holder: string) =>
      new OutboxRelay({
        kafka,
        events: store.events,
        topicOf: () => topic,
        clock,
        idleMs: 10,
        lease: new RelayLease({
          collection: db.collection<LeaseDoc>('outbox_lease'),
          holder,
          ttlMs: 10_000,
          clock: wall,
        }),
      });
    const [a, b] = [relay('a'), relay('b')];
    const meta = { actor: admin, correlationId: 'c', causationId: null };
    const tick = (v: number) =>
      store.append('t-1', v, [{ type: 'Ticked', data: { by: 1, n: v + 1, writer: 'w' } }], meta);
    const published = () => [a, b].map((r) => r.counters.get('outbox_published') ?? 0);
    try {
      a.start();
      await eventually(async () =>
        expect(await db.collection<LeaseDoc>('outbox_lease').findOne({})).toMatchObject({ holder: 'a' }),
      );
      b.start();
      for (let v = 0; v < 20; v++) await tick(v);
      await eventually(async () => expect(await a.lag()).toEqual({ events: 0 }));
      // b stood by through a dozen of its polls: everything went through a
      await new Promise((r) => setTimeout(r, 200));
      expect(published()).toEqual([20, 0]);

      await a.stop(); // a clean stop releases the lease
      for (let v = 20; v < 30; v++) await tick(v);
      await eventually(async () => expect(await b.lag()).toEqual({ events: 0 }));
      expect(published()).toEqual([20, 10]);

      await b.stop();
      // A relay that took the lease and died (never renews, never releases): the next waits for the expiry.
      const dead = new RelayLease({
        collection: db.collection<LeaseDoc>('outbox_lease'),
        holder: 'dead',
        ttlMs: 10_000,
        clock: wall,
      });
      expect(await dead.hold()).toBe(true);
      const died = Date.now();
      await tick(30);
      const c = relay('c');
      c.start();
      await new Promise((r) => setTimeout(r, 200));
      expect([c.counters.get('outbox_published') ?? 0, (await c.lag()).events]).toEqual([0, 1]);
      await eventually(() => expect(c.counters.get('outbox_published') ?? 0).toBe(1));
      expect(Date.now() - died).toBeGreaterThanOrEqual(9990);
      await c.stop();

      // Every event reached Kafka once and in order.
      const consumer = kafka.consumer({ groupId: `lease-${process.pid}` });
      const seen: number[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(Number(message.headers?.['streamVersion']?.toString()));
        },
      });
      await eventually(() => expect(seen).toHaveLength(31));
      await consumer.disconnect();
      expect(seen).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    } finally {
      await a.stop();
      await b.stop();
      await connection.close();
    }
  }, 120_000);
});
