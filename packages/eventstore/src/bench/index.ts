// Throughput and latency of the kit on this machine: `npm run bench -w @peiyu/eventstore`.
// Prints one JSON line per figure. Runs against the embedded servers unless BENCH_MONGO_URI and BENCH_BROKERS
// name real ones. Wall-clock timing is the point here (bench code only).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { ConsumerRunner } from '../consumer/runner';
import { chainInput } from '../hash/chain';
import { OutboxRelay } from '../outbox/relay';
import type { Projection } from '../projection/projection';
import { dbOf } from '../store/mongo-docs';
import { MongoEventStore } from '../store/mongo-store';
import type { RecordedEvent } from '../types';
import { benchRegistry, tickEvents, type TickData } from './fixtures';
import { storeReadRatio } from './store-read';
import { emitBenchLine } from '@peiyu/testkit';

const meta = { actor: { role: 'system', id: 'bench' }, correlationId: 'bench', causationId: null };
const clock = new ManualClock('2026-06-01T00:00:00Z');
let backend = 'external';

function emit(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  emitBenchLine(metric, Number(value.toFixed(3)), { ...extra, backend });
}

async function servers(): Promise<{ mongoUri: string; brokers: string[]; stop: () => Promise<void> }> {
  if (process.env.BENCH_MONGO_URI && process.env.BENCH_BROKERS) {
    return {
      mongoUri: process.env.BENCH_MONGO_URI,
      brokers: process.env.BENCH_BROKERS.split(','),
      stop: async () => undefined,
    };
  }
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const { startKafkaLite } = await import('@peiyu/kafka-lite');
  // A data directory: writes are fsynced before they are acknowledged, as the services run it.
  const dataDir = mkdtempSync(join(tmpdir(), 'eventstore-bench-'));
  const mongo = await startMongoLite({ port: 0, dataDir, log: () => undefined });
  const kafka = await startKafkaLite({ port: 0 });
  backend = 'mongo-lite(durable)+kafka-lite';
  return {
    mongoUri: mongo.uri,
    brokers: kafka.brokers,
    stop: async () => {
      await kafka.stop();
      await mongo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Server commands by name (serverStatus `metrics.commands`, mongod and mongo-lite alike). */
async function commandTotals(connection: mongoose.Connection): Promise<Map<string, number>> {
  const status = await dbOf(connection).admin().command({ serverStatus: 1 });
  const commands = (status.metrics?.commands ?? {}) as Record<string, { total?: unknown }>;
  return new Map(Object.entries(commands).map(([name, c]) => [name, Number(c.total ?? 0)]));
}

/**
 * What `run` cost per operation: server commands by name and this process's CPU (which holds the embedded
 * mongo-lite too) — figures that carry over from a loaded machine, unlike the rates.
 */
async function costOf<T>(
  connection: mongoose.Connection,
  ops: () => number,
  run: () => Promise<T>,
): Promise<{ result: T; commands: Record<string, number>; cpu_ms: number }> {
  const before = await commandTotals(connection);
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  const after = await commandTotals(connection);
  const n = ops();
  const commands: Record<string, number> = {};
  for (const [name, total] of after) {
    const d = total - (before.get(name) ?? 0) - (name === 'serverStatus' ? 1 : 0);
    if (d > 0) commands[name] = Number((d / n).toFixed(2));
  }
  return { result, commands, cpu_ms: Number(((used.user + used.system) / 1000 / n).toFixed(3)) };
}

/** Wall time, CPU and server commands of `run`, as totals to add up over blocks (`costOf` per block). */
interface Tally {
  ms: number;
  cpuMs: number;
  ops: number;
  commands: Map<string, number>;
}
const emptyTally = (): Tally => ({ ms: 0, cpuMs: 0, ops: 0, commands: new Map() });
async function measureInto(
  connection: mongoose.Connection,
  into: Tally,
  ops: number,
  run: () => Promise<void>,
) {
  const t = performance.now();
  const { commands, cpu_ms } = await costOf(connection, () => 1, run);
  into.ms += performance.now() - t;
  into.cpuMs += cpu_ms;
  into.ops += ops;
  for (const [name, n] of Object.entries(commands))
    into.commands.set(name, (into.commands.get(name) ?? 0) + n);
}
const perOp = (t: Tally) => ({
  rate: t.ops / (t.ms / 1000),
  cpu_ms: Number((t.cpuMs / t.ops).toFixed(3)),
  commands: Object.fromEntries([...t.commands].map(([k, n]) => [k, Number((n / t.ops).toFixed(2))])),
});

/** The append_ratio line of a kit tally against its floor's (the same fields for every case). */
function emitAppendRatio(kit: Tally, floor: Tally, block: number, fields: Record<string, unknown>): void {
  const k = perOp(kit);
  const f = perOp(floor);
  emit('append_ratio', k.rate / f.rate, {
    kit_events_per_s: k.rate,
    floor_inserts_per_s: f.rate,
    ...fields,
    events_per_append: 1,
    seconds: kit.ms / 1000,
    target: 0.3,
    interleaved_blocks_of: block,
    commands_per_append: k.commands,
    cpu_ms_per_append: k.cpu_ms,
    floor_commands_per_insert: f.commands,
    floor_cpu_ms_per_insert: f.cpu_ms,
  });
}

let dbs = 0;
async function freshStore(uri: string): Promise<{ store: MongoEventStore; connection: mongoose.Connection }> {
  const connection = await mongoose
    .createConnection(uri, { dbName: `bench_${process.pid}_${++dbs}`, maxPoolSize: 40 })
    .asPromise();
  return { store: await MongoEventStore.open({ connection, clock, codec: benchRegistry() }), connection };
}

/**
 * The floor of an append: the driver inserting the very documents the store wrote (read back from its events
 * collection, fresh ids) into a plain collection of the same server, one insert per append, `writers`
 * concurrent — the same acknowledgement (mongo-lite fsyncs before it answers when it has a data directory).
 */
async function insertFloor(
  connection: mongoose.Connection,
  store: MongoEventStore,
  writers: number,
): Promise<{ rate: number; commands: Record<string, number>; cpu_ms: number }> {
  const docs = await store.events.find({}, { sort: { position: 1 } }).toArray();
  const raw = dbOf(connection).collection<{ _id: string }>(`floor_${dbs}`);
  let next = 0;
  const t = performance.now();
  const { commands, cpu_ms } = await costOf(
    connection,
    () => docs.length,
    () =>
      Promise.all(
        Array.from({ length: writers }, async () => {
          while (next < docs.length) {
            const d = docs[next++]!;
            await raw.insertOne({ ...d, _id: `f-${String(d._id)}` });
          }
        }),
      ),
  );
  return { rate: docs.length / ((performance.now() - t) / 1000), commands, cpu_ms };
}

/**
 * Runs the append and floor paths untimed first, so both are measured warm. Without it the first case timed
 * the kit's first 500 appends in the process — the JIT still compiling the kit, the driver's transaction path
 * and mongo-lite's (≈ 5.5 ms of CPU per append) — against a floor whose insert path those appends had already
 * warmed; after 500 appends one costs ≈ 2.8 ms (issue 19 §2, docs/performance.md). A service appends for
 * hours: warm is its case. `BENCH_APPEND_WARMUP=0` measures cold.
 */
const WARMUP_APPENDS = Number(process.env.BENCH_APPEND_WARMUP ?? 1000);
async function warmUp(uri: string): Promise<void> {
  if (WARMUP_APPENDS <= 0) return;
  const { store, connection } = await freshStore(uri);
  for (let v = 0; v < WARMUP_APPENDS; v++) await store.append('warm-up', v, tickEvents(v, 1), meta);
  await insertFloor(connection, store, 1);
  await connection.close();
}

/**
 * One stream, one event per append, against its floor **interleaved**: blocks of 50 appends, each followed by
 * the floor's 50 inserts of the very documents that block wrote. The durable floor's rate follows the shared
 * disk's fsync, which on this machine moved 2–3× between runs a minute apart; measured back to back, kit and
 * floor see the same disk. Rates are summed over the timed blocks only (the read-back is untimed).
 */
async function appendRatioOneStream(uri: string, appends: number, block = 50): Promise<void> {
  const { store, connection } = await freshStore(uri);
  const raw = dbOf(connection).collection<{ _id: string }>(`floor_${dbs}`);
  const kit = emptyTally();
  const floor = emptyTally();
  for (let v = 0; v < appends; v += block) {
    const n = Math.min(block, appends - v);
    await measureInto(connection, kit, n, async () => {
      for (let k = v; k < v + n; k++) await store.append('one', k, tickEvents(k, 1), meta);
    });
    const docs = await store.events.find({ position: { $gt: v } }, { sort: { position: 1 } }).toArray();
    await measureInto(connection, floor, n, async () => {
      for (const d of docs) await raw.insertOne({ ...d, _id: `f-${String(d._id)}` });
    });
  }
  emitAppendRatio(kit, floor, block, { streams: 1, events: appends, warmup_appends: WARMUP_APPENDS });
  await connection.close();
}

/** One stream, `perAppend` events per append (no floor: the ratio is the one-event case). */
async function appendSingleStream(uri: string, appends: number, perAppend: number): Promise<void> {
  const { store, connection } = await freshStore(uri);
  const t = performance.now();
  const cost = await costOf(
    connection,
    () => appends,
    async () => {
      for (let v = 0; v < appends * perAppend; v += perAppend)
        await store.append('one', v, tickEvents(v, perAppend), meta);
    },
  );
  const s = (performance.now() - t) / 1000;
  const events = appends * perAppend;
  const kit = events / s;
  emit('append_events_per_s', kit, {
    streams: 1,
    events,
    events_per_append: perAppend,
    seconds: s,
    commands_per_append: cost.commands,
    cpu_ms_per_append: cost.cpu_ms,
  });
  await connection.close();
}

/**
 * 100 streams × 10 writers against the floor with as many concurrent inserters, interleaved as the one-stream
 * case is: blocks of `block` appends (each writer its share), then the floor inserting the documents of that
 * block, `writers` at a time.
 */
async function appendManyStreams(
  uri: string,
  appends: number,
  streams = 100,
  writers = 10,
  block = 100,
): Promise<void> {
  const { store, connection } = await freshStore(uri);
  const raw = dbOf(connection).collection<{ _id: string }>(`floor_${dbs}`);
  const kit = emptyTally();
  const floor = emptyTally();
  // Writer w owns streams w, w+writers, …: concurrent writers, no conflicts, one event per append.
  const versions = new Map<string, number>();
  const turns = Array.from({ length: writers }, () => 0);
  let written = 0;
  for (let done = 0; done < appends; done += block) {
    await measureInto(connection, kit, block, () =>
      Promise.all(
        turns.map(async (_, w) => {
          for (let k = 0; k < block / writers; k++) {
            const id = `s-${w + writers * (turns[w]!++ % (streams / writers))}`;
            const v = versions.get(id) ?? 0;
            await store.append(id, v, tickEvents(v, 1), meta);
            versions.set(id, v + 1);
          }
        }),
      ).then(() => undefined),
    );
    const docs = await store.events.find({ position: { $gt: written } }, { sort: { position: 1 } }).toArray();
    written += docs.length;
    let next = 0;
    await measureInto(connection, floor, docs.length, () =>
      Promise.all(
        Array.from({ length: writers }, async () => {
          while (next < docs.length) {
            const d = docs[next++]!;
            await raw.insertOne({ ...d, _id: `f-${String(d._id)}` });
          }
        }),
      ).then(() => undefined),
    );
  }
  emitAppendRatio(kit, floor, block, { streams, writers, events: appends });
  await connection.close();
}

/** Fills a store with `streams` × `perStream` events, appended 25 at a time. */
async function seed(store: MongoEventStore, streams: number, perStream: number): Promise<void> {
  for (let i = 0; i < streams; i++) {
    for (let v = 0; v < perStream; v += 25) {
      await store.append(`r-${i}`, v, tickEvents(v, Math.min(25, perStream - v)), meta);
    }
  }
}

async function replayRatio(uri: string): Promise<void> {
  const { store, connection } = await freshStore(uri);
  await seed(store, 100, 50);
  const evolve = (s: number, e: RecordedEvent) => s + (e.data as TickData).by;
  const kit = async () => {
    const t = performance.now();
    const all = await store.replayAll(evolve, 0);
    let n = 0;
    for (const s of all.values()) n += s.version;
    return n / ((performance.now() - t) / 1000);
  };
  const floor = async () => {
    const t = performance.now();
    let n = 0;
    for await (const doc of store.events.find({}).batchSize(1000)) {
      createHash('sha256').update(chainInput(doc.prevHash, doc)).digest('hex');
      n++;
    }
    return n / ((performance.now() - t) / 1000);
  };
  const kits: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 3; i++) {
    floors.push(await floor());
    kits.push(await kit());
  }
  const k = median(kits);
  const f = median(floors);
  emit('replay_verify_ratio', k / f, {
    kit_events_per_s: k,
    floor_events_per_s: f,
    events: 5000,
    runs: 3,
    target: 0.5,
  });
  await connection.close();
}

type TallyDoc = { count: number; total: number };
const tally: Projection<TallyDoc> = {
  name: 'tally',
  apply: (doc, e) => ({ count: (doc?.count ?? 0) + 1, total: (doc?.total ?? 0) + (e.data as TickData).by }),
};

async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions }, { topic: `${topic}.dlq` }],
  });
  await admin.disconnect();
}

async function projectionRatio(uri: string, kafka: Kafka): Promise<void> {
  const { store, connection } = await freshStore(uri);
  const events = 10_000;
  await seed(store, 100, events / 100);
  const topic = `bench.projection.${process.pid}`;
  await createTopic(kafka, topic, 4);
  const relay = new OutboxRelay({
    kafka,
    events: store.events,
    topicOf: () => topic,
    clock,
    batchSize: 1000,
  });
  while ((await relay.publishOnce()) > 0);
  await relay.stop();
  const db = dbOf(connection);

  const kitRun = async (i: number) => {
    let last = 0;
    const runner = new ConsumerRunner({
      kafka,
      groupId: `kit-${i}`,
      topics: [topic],
      db,
      projections: [{ ...tally, name: `tally_${i}` }],
      codec: benchRegistry(),
      maxWaitTimeInMs: 100,
      partitionsConsumedConcurrently: 4,
      afterProjectionWrite: () => {
        last = performance.now();
      },
    });
    const t = performance.now();
    await runner.start();
    while (runner.counters.get('consumer_applied') < events) await sleep(5);
    await runner.stop();
    return events / ((last - t) / 1000);
  };
  const rawRun = async (i: number) => {
    const consumer = kafka.consumer({ groupId: `raw-${i}`, maxWaitTimeInMs: 100 });
    const coll = db.collection<{ _id: string; count: number }>(`raw_${i}`);
    let n = 0;
    let last = 0;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const t = performance.now();
    await consumer.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const ops = batch.messages.map((m) => {
          const e = JSON.parse(m.value!.toString()) as { streamId: string; data: TickData };
          return {
            updateOne: {
              filter: { _id: e.streamId },
              update: { $inc: { count: 1, total: e.data.by } },
              upsert: true,
            },
          };
        });
        await coll.bulkWrite(ops, { ordered: false });
        n += ops.length;
        last = performance.now();
      },
    });
    while (n < events) await sleep(5);
    await consumer.disconnect();
    return events / ((last - t) / 1000);
  };
  const kits: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < 2; i++) {
    raws.push(await rawRun(i));
    kits.push(await kitRun(i));
  }
  const k = median(kits);
  const r = median(raws);
  emit('projection_ratio', k / r, {
    kit_events_per_s: k,
    raw_events_per_s: r,
    events,
    partitions: 4,
    runs: 2,
    target: 0.6,
  });
  await connection.close();
}

async function visibility(uri: string, kafka: Kafka, rate = 200, seconds = 10): Promise<void> {
  const { store, connection } = await freshStore(uri);
  const topic = `bench.visibility.${process.pid}`;
  await createTopic(kafka, topic, 4);
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const relay = new OutboxRelay({ kafka, events: store.events, topicOf: () => topic, clock, idleMs: 20 });
  const runner = new ConsumerRunner({
    kafka,
    groupId: 'visibility',
    topics: [topic],
    db: dbOf(connection),
    projections: [tally],
    codec: benchRegistry(),
    maxWaitTimeInMs: 20,
    partitionsConsumedConcurrently: 4,
    afterProjectionWrite: ({ events }) => {
      const now = performance.now();
      for (const e of events) {
        const t = started.get(`${e.streamId}:${e.streamVersion}`);
        if (t !== undefined) latencies.push(now - t);
      }
    },
  });
  relay.start();
  await runner.start();
  const streams = 100;
  // Appends to one stream are chained (each waits for the previous one), streams run concurrently.
  const tails = new Array<Promise<void>>(streams).fill(Promise.resolve());
  const versions = new Array<number>(streams).fill(0);
  const total = rate * seconds;
  const t0 = performance.now();
  for (let k = 0; k < total; k++) {
    const wait = t0 + (k * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const i = k % streams;
    tails[i] = tails[i]!.then(async () => {
      const v = versions[i]!++;
      started.set(`v-${i}:${v + 1}`, performance.now());
      await store.append(`v-${i}`, v, tickEvents(v, 1), meta);
      relay.notify();
    });
  }
  const inFlight = tails;
  await Promise.all(inFlight);
  const achieved = total / ((performance.now() - t0) / 1000);
  while (latencies.length < total) await sleep(20);
  await relay.stop();
  await runner.stop();
  latencies.sort((a, b) => a - b);
  emit('visibility_ms_p99', percentile(latencies, 0.99), {
    p50_ms: percentile(latencies, 0.5),
    max_ms: latencies[latencies.length - 1],
    target_rate_per_s: rate,
    achieved_rate_per_s: Number(achieved.toFixed(1)),
    appends: total,
    target: 1000,
  });
  await connection.close();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function main(): Promise<void> {
  const env = await servers();
  const kafka = new Kafka({ clientId: 'bench', brokers: env.brokers, logLevel: logLevel.NOTHING });
  try {
    const only = process.env.BENCH_ONLY?.split(',');
    const run = (name: string) => !only || only.includes(name);
    if (run('append')) await warmUp(env.mongoUri);
    if (run('append')) await appendRatioOneStream(env.mongoUri, 500);
    if (run('append')) await appendSingleStream(env.mongoUri, 100, 10);
    if (run('append')) await appendManyStreams(env.mongoUri, 1000);
    if (run('reads')) await storeReadRatio();
    if (run('replay')) await replayRatio(env.mongoUri);
    if (run('projection')) await projectionRatio(env.mongoUri, kafka);
    if (run('visibility')) await visibility(env.mongoUri, kafka);
  } finally {
    await env.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
