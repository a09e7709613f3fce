import { describeWithRealKafka, startRealKafka, type RealKafka } from '@peiyu/kafka-real';
import type { Kafka } from 'kafkajs';
import { ManualClock } from '../clock';
import { ConsumerRunner } from '../consumer/runner';
import { ProjectionCatalog } from '../projection/mongo-projection';
import { rebuildProjection } from '../projection/rebuild';
import { dbOf } from '../store/mongo-docs';
import { MongoEventStore } from '../store/mongo-store';
import { createTopics, eventually, kafkaClient, openDb, type TestEnv } from '../test-support/env';
import { admin } from '../test-support/ledger';
import { tallyProjection, tallyRegistry } from '../test-support/tally';
import { OutboxRelay } from './relay';

const STREAMS = 30;
const PER_STREAM = 20; // 600 events: a third before the kill, a third while a broker is down, a third after
const TOTAL = STREAMS * PER_STREAM;

// Three KRaft brokers (replication factor 3, min.insync.replicas 2); the relay's idempotent producer with
// acks=all. One broker — the leader of partition 0 — dies by SIGKILL while events are appended, published and
// projected, and comes back later. Nothing may be lost or applied twice, and the live projection must equal a
// rebuild from the event store.
describeWithRealKafka(
  'a 3-broker Kafka cluster losing a broker while the relay publishes and consumers project',
  () => {
    let cluster: RealKafka;
    let env: TestEnv;
    beforeAll(async () => {
      const { startMongoLite } = await import('@peiyu/mongo-lite');
      cluster = await startRealKafka({ brokers: 3 });
      const mongo = await startMongoLite({ port: 0, log: () => undefined });
      env = { mongoUri: mongo.uri, brokers: cluster.brokers, stop: () => mongo.stop() };
    }, 240_000);
    afterAll(async () => {
      await cluster?.stop();
      await env?.stop();
    });

    it(`SIGKILL of a broker mid-stream: ${TOTAL} events, 0 lost, 0 applied twice, live = rebuild`, async () => {
      const kafka: Kafka = kafkaClient(env, 'cluster-failure');
      const connection = await openDb(env);
      const db = dbOf(connection);
      const clock = new ManualClock('2026-06-01T00:00:00Z');
      const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
      const topic = await createTopics(kafka, 'cluster', 3);
      const adminClient = kafka.admin();
      await adminClient.connect();
      const { topics } = await adminClient.fetchTopicMetadata({ topics: [topic] });
      const partitions = topics[0]!.partitions;
      expect(partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
      const victim = cluster.nodeIds.indexOf(partitions.find((p) => p.partitionId === 0)!.leader);

      const relay = new OutboxRelay({ kafka, events: store.events, topicOf: () => topic, clock, idleMs: 20 });
      const consumers = [0, 1].map(
        () =>
          new ConsumerRunner({
            kafka,
            groupId: `cluster-${process.pid}`,
            topics: [topic],
            db,
            projections: [tallyProjection],
            codec: tallyRegistry(),
            maxWaitTimeInMs: 100,
            sessionTimeout: 6000,
            heartbeatInterval: 500,
          }),
      );
      const live = await new ProjectionCatalog(db).live('tally');
      const meta = { actor: admin, correlationId: 'c', causationId: null };
      const ids = Array.from({ length: STREAMS }, (_, i) => `c-${String(i).padStart(2, '0')}`);
      let appended = 0;
      /** Appends the next `n` events round-robin over the streams, one at a time, as commands would. */
      const append = async (n: number) => {
        for (let k = 0; k < n; k++, appended++) {
          const id = ids[appended % STREAMS]!;
          const v = Math.floor(appended / STREAMS);
          await store.append(
            id,
            v,
            [{ type: 'Ticked', data: { by: v + 1, n: v + 1, writer: `w${v % 5}` } }],
            meta,
          );
        }
      };
      const projected = async () =>
        (await live.aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: '$_v' } } }]).toArray())[0]
          ?.n ?? 0;
      try {
        relay.start();
        for (const c of consumers) await c.start();
        await append(TOTAL / 3);
        await eventually(async () => expect(await projected()).toBe(TOTAL / 3), 60_000, 100);

        const killedAt = performance.now();
        await cluster.killBroker(victim);
        await append(TOTAL / 3); // while the broker is down: published with acks=all to the 2 in-sync replicas
        await eventually(async () => expect(await projected()).toBe((2 * TOTAL) / 3), 90_000, 100);
        const recoveredMs = Math.round(performance.now() - killedAt);

        const restartAt = performance.now();
        await cluster.restartBroker(victim);
        const restartMs = Math.round(performance.now() - restartAt);
        await append(TOTAL / 3);
        await eventually(async () => expect(await projected()).toBe(TOTAL), 90_000, 100);
        expect(await relay.lag()).toEqual({ events: 0 });

        const docs = await live.find().sort({ _id: 1 }).toArray();
        const applied = consumers.reduce((n, c) => n + c.counters.get('consumer_applied'), 0);
        const redelivered = consumers.reduce((n, c) => n + c.counters.get('consumer_duplicates'), 0);
        const lost = ids.reduce((n, id) => n + PER_STREAM - (docs.find((d) => d._id === id)?._v ?? 0), 0);
        const twice = docs.reduce((n, d) => n + ((d.count as number) - d._v), 0);
        const offsets = await adminClient.fetchTopicOffsets(topic);
        const inKafka = offsets.reduce((n, p) => n + Number(p.high), 0);
        console.log(
          `cluster failure (3 KRaft brokers, RF 3, min.insync.replicas 2, broker ${victim} SIGKILLed): ` +
            `events produced ${TOTAL}, records in Kafka ${inKafka}, consumed ${applied + redelivered} ` +
            `(applied ${applied}, redelivered and skipped ${redelivered}), lost ${lost}, applied twice ${twice}; ` +
            `kill → events appended meanwhile all projected in ${recoveredMs} ms; broker back in ${restartMs} ms`,
        );
        expect(lost).toBe(0);
        expect(twice).toBe(0);
        expect(applied).toBe(TOTAL);
        expect(docs).toHaveLength(STREAMS);

        clock.advance(1000);
        const rebuilt = await rebuildProjection({ store, db, projection: tallyProjection, clock });
        expect(rebuilt.events).toBe(TOTAL);
        expect(await db.collection(rebuilt.collection).find().sort({ _id: 1 }).toArray()).toEqual(docs);
      } finally {
        await relay.stop();
        for (const c of consumers) await c.stop();
        await adminClient.disconnect();
        await connection.close();
      }
    }, 300_000);
  },
);
