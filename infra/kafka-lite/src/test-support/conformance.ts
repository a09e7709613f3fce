import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  CompressionTypes,
  Partitioners,
  type Admin,
  type Consumer,
  type Kafka,
  type Producer,
} from 'kafkajs';
import { Writer } from '../protocol/codec';
import { encodeBatch, produceBody, RawClient, readProduce } from './raw-client';
import { groupConfig, kafkaFor, runConsumer, unique, waitFor, type ConformanceTarget } from './kafka';

/**
 * Behaviour the project relies on, phrased only through kafkajs and the wire protocol so that the same
 * suite runs against kafka-lite and against a real Kafka broker. Two more suites follow the same rule:
 * `flexibleProtocolSuite` (flexible-conformance.ts: ApiVersions v3 and its fallback, flexible Produce/Fetch/
 * Metadata) and `authSuite` (auth-conformance.ts: SASL and ACLs, for a broker configured as AUTH_FIXTURE).
 */
export function conformanceSuite(target: () => ConformanceTarget, opts: { canRestart: boolean }): void {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const consumers: Consumer[] = [];

  const consumer = (groupId: string): Consumer => {
    const c = kafka.consumer(groupConfig(target(), groupId));
    consumers.push(c);
    return c;
  };
  const createTopic = async (partitions: number): Promise<string> => {
    const topic = unique('topic');
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    return topic;
  };

  beforeEach(async () => {
    kafka = kafkaFor(target().brokers());
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.disconnect()));
    await producer.disconnect();
    await admin.disconnect();
  });

  it('keeps per-partition order, routes keys with the default partitioner and keeps headers intact', async () => {
    const topic = await createTopic(4);
    const messages = Array.from({ length: 200 }, (_, i) => ({
      key: `key-${i % 13}`,
      value: `v${i}`,
      headers: { seq: String(i), bin: Buffer.from([0, 255, i % 256]), multi: ['a', 'b'] },
    }));
    for (let i = 0; i < messages.length; i += 50) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 50) });
    }
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2, 3].map((partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    // Delivery to a consumer is at least once: a rebalance on a busy machine may hand a record over again.
    // Records are kept by (partition, offset), so only the log itself is judged: exactly 200, in order.
    const delivered = new Map<
      string,
      { partition: number; offset: number; key: string; seq: number; headers: unknown }
    >();
    await runConsumer(consumer(unique('order')), topic, ({ partition, message }) => {
      const id = `${partition}:${message.offset}`;
      if (delivered.has(id)) return;
      delivered.set(id, {
        partition,
        offset: Number(message.offset),
        key: String(message.key),
        seq: Number(String(message.headers?.seq)),
        headers: message.headers,
      });
    });
    await waitFor('all 200 messages', () => delivered.size >= 200);
    const seen = [...delivered.values()];
    expect(seen).toHaveLength(200);
    for (const s of seen) {
      const expected = partitioner({ topic, partitionMetadata, message: { key: s.key, value: null } });
      expect(s.partition).toBe(expected);
      const h = s.headers as Record<string, unknown>;
      expect(h.bin).toEqual(Buffer.from([0, 255, s.seq % 256]));
      expect((h.multi as Buffer[]).map(String)).toEqual(['a', 'b']);
    }
    for (const p of [0, 1, 2, 3]) {
      const inPartition = seen.filter((s) => s.partition === p);
      expect(inPartition.map((s) => s.offset)).toEqual(inPartition.map((_, i) => i));
      const seqs = inPartition.map((s) => s.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('passes compressed batches through to consumers untouched', async () => {
    const topic = await createTopic(1);
    const messages = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `gzip-${i}`.repeat(20) }));
    await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages });
    const seen: string[] = [];
    await runConsumer(
      consumer(unique('gzip')),
      topic,
      ({ message }) => void seen.push(String(message.value)),
    );
    await waitFor('100 decompressed messages', () => seen.length >= 100);
    expect(seen).toEqual(messages.map((m) => m.value));
    const [offsets] = await admin.fetchTopicOffsets(topic);
    expect(offsets?.high).toBe('100');
  });

  it('grows a group 1→2→3 and shrinks it back without losing or redelivering committed messages', async () => {
    const topic = await createTopic(6);
    const groupId = unique('grow');
    const produced: string[] = [];
    const delivered = new Set<string>();
    const committed = new Set<string>();
    const redelivered: string[] = [];
    const members: Consumer[] = [];

    const addMember = async () => {
      const c = consumer(groupId);
      members.push(c);
      await runConsumer(
        c,
        topic,
        async ({ partition, message }) => {
          const v = String(message.value);
          if (committed.has(v)) redelivered.push(v);
          delivered.add(v);
          // Commit each message before taking the next: anything committed must never come back.
          await c.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
          committed.add(v);
        },
        false,
      );
    };
    const stable = (n: number) =>
      waitFor(`${n} stable members`, async () => {
        const [g] = (await admin.describeGroups([groupId])).groups;
        return g?.state === 'Stable' && g.members.length === n;
      });
    const producePhase = async (phase: number) => {
      const batch = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `p${phase}-${i}` }));
      await producer.send({ topic, acks: -1, messages: batch });
      produced.push(...batch.map((m) => m.value));
      await waitFor(`phase ${phase} delivered`, () => produced.every((v) => delivered.has(v)));
    };

    await addMember();
    await stable(1);
    await producePhase(0);
    for (const n of [2, 3]) {
      await addMember();
      await stable(n);
      await producePhase(n - 1);
    }
    for (const n of [2, 1]) {
      await (members.pop() as Consumer).disconnect();
      await stable(n);
      await producePhase(6 - n);
    }
    expect([...delivered].sort()).toEqual([...produced].sort());
    expect(redelivered).toEqual([]);
  }, 90_000); // five rebalances: seconds each on a busy machine

  it('serves eachBatch consumers that resolve and commit offsets by hand', async () => {
    const topic = await createTopic(3);
    const groupId = unique('batch');
    const first = Array.from({ length: 90 }, (_, i) => ({ key: `k${i % 7}`, value: `first-${i}` }));
    await producer.send({ topic, acks: -1, messages: first });
    const run = async (into: string[]) => {
      const c = consumer(groupId);
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({
        eachBatchAutoResolve: false,
        eachBatch: async ({
          batch,
          resolveOffset,
          commitOffsetsIfNecessary,
          heartbeat,
          isRunning,
          isStale,
        }) => {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) return;
            into.push(String(message.value));
            resolveOffset(message.offset);
            await commitOffsetsIfNecessary();
            await heartbeat();
          }
        },
      });
      return c;
    };
    const seen1: string[] = [];
    const c1 = await run(seen1);
    await waitFor('the first 90', () => seen1.length >= 90);
    await c1.disconnect();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const high = await admin.fetchTopicOffsets(topic);
    expect(committed[0]?.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual(
      high.map((p) => [p.partition, p.high]).sort(),
    );

    const second = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 7}`, value: `second-${i}` }));
    await producer.send({ topic, acks: -1, messages: second });
    const seen2: string[] = [];
    await run(seen2);
    await waitFor('the next 30', () => seen2.length >= 30);
    await new Promise((r) => setTimeout(r, 300)); // room for any (wrong) redelivery to show up
    expect(seen1.sort()).toEqual(first.map((m) => m.value).sort());
    expect(seen2.sort()).toEqual(second.map((m) => m.value).sort());
  });

  it('expires a member killed without leaving and reassigns its partitions', async () => {
    const topic = await createTopic(4);
    const groupId = unique('kill');
    const { sessionTimeoutMs } = target();
    const received = new Set<string>();
    let assigned: number[] = [];
    const survivor = consumer(groupId);
    survivor.on(
      survivor.events.GROUP_JOIN,
      (e) => (assigned = Object.values(e.payload.memberAssignment).flat()),
    );
    await runConsumer(survivor, topic, ({ message }) => void received.add(String(message.value)));

    const script = join(__dirname, 'killable-consumer.js');
    const child = spawn(
      process.execPath,
      [script, target().brokers().join(','), topic, groupId, String(sessionTimeoutMs)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let childPartitions: number[] = [];
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) childPartitions = JSON.parse(line).joined;
    });
    try {
      await waitFor('the child to own partitions', () => childPartitions.length > 0 && assigned.length < 4);
    } finally {
      child.kill('SIGKILL');
    }
    await waitFor('the survivor to own all partitions', () => assigned.length === 4, sessionTimeoutMs * 6);
    const [g] = (await admin.describeGroups([groupId])).groups;
    expect(g?.members).toHaveLength(1);
    const messages = [0, 1, 2, 3].map((partition) => ({ partition, value: `after-kill-${partition}` }));
    await producer.send({ topic, acks: -1, messages });
    await waitFor('messages on every partition', () => messages.every((m) => received.has(m.value)));
  });

  it('refuses a consumer whose session timeout is below group.min.session.timeout.ms', async () => {
    const topic = await createTopic(1);
    // 100 ms is below every target's minimum (the test brokers lower it to 500 ms; Kafka's default is 6 s).
    const c = kafka.consumer({
      ...groupConfig(target(), unique('short')),
      sessionTimeout: 100,
      heartbeatInterval: 30,
      retry: { retries: 0 },
    });
    consumers.push(c);
    let crash: { type?: string } | undefined;
    c.on(c.events.CRASH, (e) => (crash = e.payload.error as { type?: string }));
    await c.connect();
    await c.subscribe({ topic, fromBeginning: true });
    await c.run({ eachMessage: async () => undefined }).catch((e: { type?: string }) => (crash = e));
    await waitFor('the join to be refused', () => crash !== undefined);
    expect(crash?.type).toBe('INVALID_SESSION_TIMEOUT');
  });

  const restartIt = opts.canRestart ? it : it.skip;
  restartIt(
    `resumes a group from its committed offsets after a broker restart${opts.canRestart ? '' : ' [skipped: this target cannot restart its broker in place]'}`,
    async () => {
      const t = target();
      if (!t.restart) throw new Error('this target cannot restart its broker');
      const topic = await createTopic(2);
      const groupId = unique('resume');
      const first = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `before-${i}` }));
      await producer.send({ topic, acks: -1, messages: first });
      const seenBefore = new Set<string>();
      const c1 = consumer(groupId);
      await runConsumer(c1, topic, ({ message }) => void seenBefore.add(String(message.value)));
      await waitFor('first messages', () => seenBefore.size === 20);
      await c1.disconnect(); // commits what it consumed
      await producer.disconnect();
      await admin.disconnect();

      await t.restart();
      kafka = kafkaFor(t.brokers());
      admin = kafka.admin();
      await admin.connect();
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const second = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `after-${i}` }));
      await producer.send({ topic, acks: -1, messages: second });
      const seenAfter: string[] = [];
      await runConsumer(
        consumer(groupId),
        topic,
        ({ message }) => void seenAfter.push(String(message.value)),
      );
      await waitFor('messages after restart', () => seenAfter.length >= 10);
      await new Promise((r) => setTimeout(r, 300)); // room for any (wrong) redelivery to show up
      expect(seenAfter.sort()).toEqual(second.map((m) => m.value).sort());
    },
  );

  it('acknowledges a retried idempotent batch once, without appending it twice', async () => {
    const topic = await createTopic(1);
    const raw = await RawClient.open(target().brokers()[0] as string);
    try {
      const init = await raw.request(22, 1, new Writer().string(null).int32(60_000));
      init.int32();
      expect(init.int16()).toBe(0);
      const producerId = init.int64();
      const producerEpoch = init.int16();
      const batch = (seq: number, n: number) =>
        encodeBatch(
          Array.from({ length: n }, (_, i) => ({ key: null, value: `s${seq + i}` })),
          { producerId, producerEpoch, baseSequence: seq },
        );
      const send = async (b: Buffer) => readProduce(await raw.request(0, 7, produceBody(topic, 0, b)));
      expect(await send(batch(0, 3))).toEqual({ code: 0, baseOffset: 0 });
      expect(await send(batch(0, 3))).toEqual({ code: 0, baseOffset: 0 }); // the retry
      expect((await send(batch(5, 1))).code).toBe(45); // OUT_OF_ORDER_SEQUENCE_NUMBER: 3 and 4 are missing
      expect(await send(batch(3, 2))).toEqual({ code: 0, baseOffset: 3 });
    } finally {
      raw.close();
    }
    const [offsets] = await admin.fetchTopicOffsets(topic);
    expect(offsets?.high).toBe('5');

    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 50 }, (_, i) => ({ value: `m${i}` })),
    });
    const [after] = await admin.fetchTopicOffsets(topic);
    expect(after?.high).toBe('55');
  });

  it('creates, lists and deletes topics through the admin client', async () => {
    const topic = unique('admin');
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(
      true,
    );
    expect(await admin.listTopics()).toContain(topic);
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] })).toBe(false);
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0]?.partitions).toHaveLength(3);
    await admin.deleteTopics({ topics: [topic] });
    await waitFor('the topic to disappear', async () => !(await admin.listTopics()).includes(topic));
  });

  it('reports topic offsets, offsets by timestamp, group offsets and group descriptions', async () => {
    const topic = await createTopic(2);
    const groupId = unique('describe');
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { partition: 0, value: 'a', timestamp: '1000000000000' },
        { partition: 0, value: 'b', timestamp: '1000000005000' },
        { partition: 1, value: 'c', timestamp: '1000000000000' },
      ],
    });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.sort((a, b) => a.partition - b.partition)).toEqual([
      { partition: 0, offset: '2', high: '2', low: '0' },
      { partition: 1, offset: '1', high: '1', low: '0' },
    ]);
    const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, 1000000004000);
    expect(byTime.sort((a, b) => a.partition - b.partition)).toEqual([
      { partition: 0, offset: '1' },
      { partition: 1, offset: '1' },
    ]);

    let count = 0;
    const c = consumer(groupId);
    await runConsumer(c, topic, () => void count++);
    await waitFor('three messages', () => count === 3);
    await waitFor(
      'a stable group',
      async () => (await admin.describeGroups([groupId])).groups[0]?.state === 'Stable',
    );
    const [g] = (await admin.describeGroups([groupId])).groups;
    expect(g).toMatchObject({
      groupId,
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'RoundRobinAssigner',
    });
    expect(g?.members).toHaveLength(1);
    expect(g?.members[0]?.memberAssignment.length).toBeGreaterThan(0);
    expect((await admin.listGroups()).groups.map((x) => x.groupId)).toContain(groupId);

    await c.commitOffsets([
      { topic, partition: 0, offset: '2' },
      { topic, partition: 1, offset: '1' },
    ]);
    const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(fetched?.partitions.sort((a, b) => a.partition - b.partition)).toEqual([
      { partition: 0, offset: '2', metadata: null },
      { partition: 1, offset: '1', metadata: null },
    ]);
  });
}
