import type { Kafka } from 'kafkajs';
import { ManualClock } from '../../clock';
import { ConsumerRunner } from '../../consumer/runner';
import { ProjectionCatalog } from '../../projection/mongo-projection';
import { rebuildProjection, type RebuildProgress } from '../../projection/rebuild';
import { OutboxRelay } from '../../outbox/relay';
import { dbOf } from '../../store/mongo-docs';
import { MongoEventStore } from '../../store/mongo-store';
import { createTopics, eventually, kafkaClient, openDb, type EnvFactory, type TestEnv } from '../env';
import { admin } from '../ledger';
import { tallyProjection, tallyRegistry } from '../tally';

const STREAMS = 500;
const PER_STREAM = 20;

/** A live projection fed through Kafka versus a blue/green rebuild from the event store. */
export function rebuildSuite(startEnv: EnvFactory): void {
  let env: TestEnv;
  let kafka: Kafka;
  beforeAll(async () => {
    env = await startEnv();
    kafka = kafkaClient(env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it(`rebuild of ${STREAMS * PER_STREAM} events across ${STREAMS} streams deep-equals the live projection, then swaps atomically`, async () => {
    const connection = await openDb(env);
    const db = dbOf(connection);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
    const topic = await createTopics(kafka, 'rebuild', 4);
    const relay = new OutboxRelay({ kafka, events: store.events, topicOf: () => topic, clock, idleMs: 20 });
    const consumer = new ConsumerRunner({
      kafka,
      groupId: `rebuild-${process.pid}`,
      topics: [topic],
      db,
      projections: [tallyProjection],
      codec: tallyRegistry(),
      maxWaitTimeInMs: 100,
      partitionsConsumedConcurrently: 4,
    });
    try {
      const meta = { actor: admin, correlationId: 'c', causationId: null };
      const streamIds = Array.from({ length: STREAMS }, (_, i) => `s-${String(i).padStart(3, '0')}`);
      // Appended first, then relayed and consumed: the embedded servers share one process and two cores.
      for (let i = 0; i < streamIds.length; i += 2) {
        await Promise.all(
          streamIds.slice(i, i + 2).map((id, k) =>
            store.append(
              id,
              0,
              Array.from({ length: PER_STREAM }, (_, n) => ({
                type: 'Ticked',
                data: { by: ((i + k) % 7) + n, n: n + 1, writer: `w${(n * 31 + i + k) % 13}` },
              })),
              meta,
            ),
          ),
        );
      }
      relay.start();
      await consumer.start();
      const catalog = new ProjectionCatalog(db);
      const live = await catalog.live('tally');
      await live.createIndex({ lastWriter: 1, total: -1 }, { name: 'by_writer' });
      await eventually(
        async () => expect(await live.countDocuments({ _v: PER_STREAM })).toBe(STREAMS),
        60_000,
        200,
      );
      expect(await relay.lag()).toEqual({ events: 0 });

      const progress: RebuildProgress[] = [];
      clock.advance(1000);
      const result = await rebuildProjection({
        store,
        db,
        projection: tallyProjection,
        clock,
        onProgress: (p) => progress.push(p),
      });
      expect(result).toMatchObject({
        previous: live.collectionName,
        events: STREAMS * PER_STREAM,
        swapped: true,
      });
      expect(progress.filter((p) => p.phase === 'replay').at(-1)).toMatchObject({
        events: STREAMS * PER_STREAM,
      });
      expect(progress.map((p) => p.events)).toEqual([...progress.map((p) => p.events)].sort((a, b) => a - b));

      const rebuilt = await db.collection(result.collection).find().sort({ _id: 1 }).toArray();
      const liveDocs = await live.find().sort({ _id: 1 }).toArray();
      expect(rebuilt).toHaveLength(STREAMS);
      expect(rebuilt).toEqual(liveDocs);
      expect(await catalog.liveName('tally')).toBe(result.collection);
      const indexes = await db.collection(result.collection).listIndexes().toArray();
      expect(indexes.find((ix) => ix.name === 'by_writer')).toMatchObject({
        key: { lastWriter: 1, total: -1 },
      });

      // After the swap the consumer writes to the new collection; the old one stays as it was.
      await store.append(
        's-000',
        PER_STREAM,
        [{ type: 'Ticked', data: { by: 1, n: 21, writer: 'after' } }],
        meta,
      );
      const swappedIn = db.collection(result.collection);
      await eventually(async () =>
        expect(await swappedIn.findOne({ _id: 's-000' as never })).toMatchObject({
          _v: 21,
          lastWriter: 'after',
        }),
      );
      expect(await live.findOne({ _id: 's-000' })).toMatchObject({ _v: PER_STREAM });
    } finally {
      await relay.stop();
      await consumer.stop();
      await connection.close();
    }
  }, 90_000);
}
