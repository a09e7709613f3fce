import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Context, Span, SpanOptions, Tracer } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type mongoose from 'mongoose';
import { ManualClock } from '../../clock';
import { handleCommand } from '../decide-and-append';
import { ConsumerRunner, type ConsumerRunnerOptions } from '../../consumer/runner';
import { ProjectionCatalog } from '../../projection/mongo-projection';
import { OutboxRelay, toMessage } from '../../outbox/relay';
import { dbOf } from '../../store/mongo-docs';
import { MongoEventStore } from '../../store/mongo-store';
import { createTopics, eventually, kafkaClient, openDb, type EnvFactory, type TestEnv } from '../env';
import { admin, ctxAt } from '../ledger';
import { tallyDecider, tallyProjection, tallyRegistry } from '../tally';

const meta = { actor: admin, correlationId: 'c-1', causationId: null };
const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
let groups = 0;

/** Outbox relay → Kafka → consumer runner → projections, over real wire protocols. */
export function pipelineSuite(startEnv: EnvFactory): void {
  let env: TestEnv;
  let kafka: Kafka;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    env = await startEnv();
    kafka = kafkaClient(env);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  });
  afterAll(async () => {
    await env?.stop();
  });

  async function setup(name: string) {
    const connection = await openDb(env);
    cleanups.push(() => connection.close());
    const clock = new ManualClock('2026-04-01T00:00:00Z');
    const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
    const topic = await createTopics(kafka, name);
    const relay = () => {
      const r = new OutboxRelay({
        kafka,
        events: store.events,
        topicOf: () => topic,
        clock,
        idleMs: 20,
      });
      cleanups.push(() => r.stop());
      return r;
    };
    const runner = (extra: Partial<ConsumerRunnerOptions> = {}) => {
      const r = new ConsumerRunner({
        kafka,
        groupId: `g-${process.pid}-${++groups}`,
        topics: [topic],
        db: dbOf(connection),
        projections: [tallyProjection],
        codec: tallyRegistry(),
        retry: { attempts: 3, initialMs: 20, maxMs: 200 },
        gapRetryMs: 50,
        maxWaitTimeInMs: 100,
        ...extra,
      });
      cleanups.push(() => r.stop());
      return r;
    };
    const docs = async () =>
      (await new ProjectionCatalog(dbOf(connection)).live('tally')).find().sort({ _id: 1 }).toArray();
    const tick = (id: string, v: number, by = 1) =>
      store.append(id, v, [{ type: 'Ticked', data: { by, n: v + 1, writer: 'w' } }], meta);
    return { connection, clock, store, topic, relay, runner, docs, tick };
  }

  it('relay process killed between publish and mark: the duplicate reaches the consumer and is applied once', async () => {
    const s = await setup('relay-crash');
    for (let v = 0; v < 3; v++) await s.tick('r-1', v, 10);
    const child = await runChild('crashing-relay.ts', { env, db: s.connection.name, topic: s.topic });
    expect(child.signal).toBe('SIGKILL');
    expect(child.out).toContain('"published":3');
    expect(await s.relay().lag()).toMatchObject({ events: 3 }); // acknowledged by Kafka, never marked
    const second = s.relay();
    expect(await second.publishOnce()).toBe(3);
    expect(await second.lag()).toEqual({ events: 0 });
    const consumer = s.runner();
    await consumer.start();
    await eventually(() => expect(consumer.counters.get('consumer_duplicates')).toBe(3));
    expect(consumer.counters.get('consumer_applied')).toBe(3);
    expect(await s.docs()).toEqual([{ _id: 'r-1', _v: 3, count: 3, total: 30, lastWriter: 'w' }]);
  });

  it('consumer killed after the projection write and before the commit: nothing lost, nothing applied twice', async () => {
    const s = await setup('consumer-crash');
    for (let v = 0; v < 5; v++) for (const id of ['a', 'b', 'c', 'd']) await s.tick(id, v, v + 1);
    await s.relay().publishOnce();
    const group = `g-crash-${process.pid}-${++groups}`;
    const child = await runChild('crashing-consumer.ts', {
      env,
      db: s.connection.name,
      topic: s.topic,
      group,
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.out).toContain('"wrote"');
    const written = await s.docs();
    expect(written.length).toBeGreaterThan(0); // the dead consumer's write happened; its offset commit did not
    const consumer = s.runner({ groupId: group, sessionTimeout: 6000 });
    await consumer.start();
    await eventually(
      () =>
        expect(consumer.counters.get('consumer_applied') + consumer.counters.get('consumer_duplicates')).toBe(
          20,
        ),
      30_000,
    );
    expect(consumer.counters.get('consumer_duplicates')).toBe(written.reduce((n, d) => n + d._v, 0));
    expect(await s.docs()).toEqual(
      ['a', 'b', 'c', 'd'].map((id) => ({ _id: id, _v: 5, count: 5, total: 15, lastWriter: 'w' })),
    );
  }, 45_000);

  it('a poison message goes to the DLQ with the error and original headers; later messages still flow', async () => {
    const s = await setup('poison');
    const relay = s.relay();
    await s.tick('p-1', 0);
    await relay.publishOnce();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: s.topic,
      messages: [{ key: 'junk', value: '{not json', headers: { type: 'Ticked' } }],
    });
    await producer.disconnect();
    await s.tick('p-2', 0, -5); // valid event, but the projection rejects it
    await relay.publishOnce();
    await s.tick('p-1', 1);
    await s.tick('p-2', 1, 2);
    await s.tick('p-3', 0);
    await relay.publishOnce();
    const consumer = s.runner();
    await consumer.start();
    await eventually(async () => expect(await s.docs()).toHaveLength(3));
    expect(await s.docs()).toEqual([
      { _id: 'p-1', _v: 2, count: 2, total: 2, lastWriter: 'w' },
      { _id: 'p-2', _v: 2, count: 1, total: 2, lastWriter: 'w', _skipped: [1] },
      { _id: 'p-3', _v: 1, count: 1, total: 1, lastWriter: 'w' },
    ]);
    const dead = await readTopic(kafka, `${s.topic}.dlq`, 2);
    expect(dead.map((m) => m.key?.toString())).toEqual(['junk', 'p-2']);
    expect(header(dead[0]!, 'dlq-error')).toMatch(/SyntaxError|JSON/);
    expect(header(dead[0]!, 'type')).toBe('Ticked');
    expect(header(dead[1]!, 'dlq-error')).toMatch(/poison: negative tick -5/);
    expect(header(dead[1]!, 'dlq-projection')).toBe('tally');
    expect(header(dead[1]!, 'eventId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(consumer.counters.get('consumer_dead_lettered')).toBe(2);
  });

  it('a document breaking a unique index of the read model is dead-lettered, not retried forever', async () => {
    const s = await setup('unique');
    const live = await new ProjectionCatalog(dbOf(s.connection)).live('tally');
    await live.createIndex({ total: 1 }, { unique: true, sparse: true, name: 'unique_total' });
    await s.tick('u-1', 0, 5);
    await s.tick('u-2', 0, 5); // total 5 again: the read model refuses it
    await s.tick('u-3', 0, 7);
    const relay = s.relay();
    await relay.publishOnce();
    const consumer = s.runner();
    await consumer.start();
    await eventually(async () => expect(await s.docs()).toHaveLength(3));
    expect(await s.docs()).toEqual([
      { _id: 'u-1', _v: 1, count: 1, total: 5, lastWriter: 'w' },
      { _id: 'u-2', _v: 1, _skipped: [1] },
      { _id: 'u-3', _v: 1, count: 1, total: 7, lastWriter: 'w' },
    ]);
    await s.tick('u-2', 1, 2); // the stream moves on
    await relay.publishOnce();
    await eventually(async () =>
      expect((await s.docs())[1]).toEqual({
        _id: 'u-2',
        _v: 2,
        count: 1,
        total: 2,
        lastWriter: 'w',
        _skipped: [1],
      }),
    );
    const dead = await readTopic(kafka, `${s.topic}.dlq`, 1);
    expect(header(dead[0]!, 'dlq-error')).toMatch(/unique index of projection tally violated/);
    expect(header(dead[0]!, 'streamVersion')).toBe('1');
  });

  it('a version gap stops the partition, is reported, and is healed from the source — never skipped', async () => {
    const s = await setup('gap');
    for (let v = 0; v < 3; v++) await s.tick('g-1', v);
    await s.tick('g-2', 0);
    const [e1, e2, e3] = await s.store.readStream('g-1');
    const [f1] = await s.store.readStream('g-2');
    const producer = kafka.producer();
    await producer.connect();
    // v2 never reaches Kafka (as if lost upstream); g-2 comes after the gap on the same partition.
    await producer.send({ topic: s.topic, messages: [e1!, e3!, f1!].map(toMessage) });
    await producer.disconnect();
    let healCalls = 0;
    const consumer = s.runner({
      heal: async (streamId, after, before) => {
        if (++healCalls === 1) throw new Error('source unavailable'); // first heal attempt fails: still no skip
        return s.store.readStream(streamId, { fromVersion: after + 1, toVersion: before - 1 });
      },
    });
    await consumer.start();
    await eventually(async () => expect(await s.docs()).toHaveLength(2));
    expect(consumer.counters.get('consumer_gaps')).toBeGreaterThanOrEqual(2);
    expect(consumer.counters.get('consumer_healed')).toBe(1);
    expect(await s.docs()).toEqual([
      { _id: 'g-1', _v: 3, count: 3, total: 3, lastWriter: 'w' },
      { _id: 'g-2', _v: 1, count: 1, total: 1, lastWriter: 'w' },
    ]);
    expect(e2).toBeDefined();
  });

  it('carries the traceparent: command context → event metadata → Kafka headers → consumer span', async () => {
    const s = await setup('trace');
    await handleCommand(s.store, tallyDecider, 't-1', { by: 1, writer: 'w' }, ctxAt(s.clock.now(), TRACE));
    expect((await s.store.readStream('t-1'))[0]!.traceparent).toBe(TRACE);
    await s.relay().publishOnce();
    const [message] = await readTopic(kafka, s.topic, 1);
    expect(header(message!, 'traceparent')).toBe(TRACE);
    const parents: string[] = [];
    const consumer = s.runner({ tracer: recordingTracer(parents) });
    await consumer.start();
    await eventually(() => expect(parents).toEqual([`${TRACE.slice(3, 35)}/${TRACE.slice(36, 52)}`]));
  });
}

/** A tracer that records the remote parent each span is started under. */
function recordingTracer(parents: string[]): Tracer {
  const real = trace.getTracer('test');
  return {
    startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
      const parent = ctx && trace.getSpanContext(ctx);
      if (parent) parents.push(`${parent.traceId}/${parent.spanId}`);
      return real.startSpan(name, options, ctx);
    },
    startActiveSpan: real.startActiveSpan.bind(real) as Tracer['startActiveSpan'],
  };
}

/** Runs a test-support TypeScript entry in a child process and waits for it to end (or be killed). */
async function runChild(entry: string, args: unknown): Promise<{ signal: string | null; out: string }> {
  const script = [path.join(__dirname, '..', 'ts-child.js'), path.join(__dirname, '..', entry)];
  const child = spawn(process.execPath, script, {
    env: { ...process.env, CHILD_ARGS: JSON.stringify(args) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // A child that never reaches its crash point must not outlive the test (its output then lacks the marker).
  const limit = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const signal = await new Promise<string | null>((resolve) =>
    child.on('exit', (_code, sig) => resolve(sig)),
  );
  clearTimeout(limit);
  return { signal, out };
}

function header(m: KafkaMessage, name: string): string | undefined {
  return m.headers?.[name]?.toString();
}

async function readTopic(kafka: Kafka, topic: string, n: number): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${process.pid}-${++groups}`, maxWaitTimeInMs: 100 });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(n));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

export type { mongoose };
