import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';

/**
 * `npm run bench -w @peiyu/kafka-lite`: the broker runs as a separate process (the built bin) and kafkajs
 * drives it from here. Prints one JSON line per measurement, for a broker with a data dir (fsync on every
 * acks=-1 produce) and for an in-memory one.
 */
const BATCHES = 50;
const BATCH_SIZE = 1000;
const VALUE = Buffer.alloc(200, 'v');
const LATENCY_SAMPLES = 300;

function emit(line: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

async function startBroker(dataDir: string | undefined): Promise<{ child: ChildProcess; brokers: string[] }> {
  const args = [join(__dirname, '..', 'bin.js'), '--port', '0', ...(dataDir ? ['--data', dataDir] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve),
  );
  return { child, brokers: (JSON.parse(line) as { brokers: string[] }).brokers };
}

async function produceAll(producer: Producer, topic: string): Promise<number> {
  const messages = Array.from({ length: BATCH_SIZE }, (_, i) => ({ key: `key-${i % 100}`, value: VALUE }));
  const t0 = performance.now();
  for (let b = 0; b < BATCHES; b++) await producer.send({ topic, acks: -1, messages });
  return (performance.now() - t0) / 1000;
}

/** Consumes the whole topic with a fresh group; returns seconds from the first to the last message. */
async function consumeAll(kafka: Kafka, topic: string, style: 'eachBatch' | 'eachMessage'): Promise<number> {
  const total = BATCHES * BATCH_SIZE;
  const consumer = kafka.consumer({ groupId: `bench-${style}-${topic}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let first = 0;
  const done = new Promise<number>((resolve) => {
    const seen = (n: number) => {
      if (count === 0) first = performance.now();
      count += n;
      if (count >= total) resolve((performance.now() - first) / 1000);
    };
    void consumer.run(
      style === 'eachBatch'
        ? { eachBatch: async ({ batch }) => seen(batch.messages.length) }
        : { eachMessage: async () => seen(1) },
    );
  });
  const seconds = await done;
  await consumer.disconnect();
  return seconds;
}

async function latency(kafka: Kafka, producer: Producer, topic: string): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: `bench-latency-${topic}` }); // default 5 s long poll
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let joined!: () => void;
  const ready = new Promise<void>((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ message }) => {
      const t = sentAt.get(String(message.key));
      if (t !== undefined) samples.push(performance.now() - t);
    },
  });
  await ready;
  await new Promise((r) => setTimeout(r, 500)); // let the consumer settle into an idle long poll
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const key = `lat-${i}`;
    sentAt.set(key, performance.now());
    await producer.send({ topic, acks: -1, messages: [{ key, value: VALUE }] });
    await new Promise((r) => setTimeout(r, 10));
  }
  const deadline = performance.now() + 10_000;
  while (samples.length < LATENCY_SAMPLES && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await consumer.disconnect();
  return samples.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

async function benchMode(mode: 'disk' | 'memory'): Promise<void> {
  const dataDir = mode === 'disk' ? await mkdtemp(join(tmpdir(), 'kafka-lite-bench-')) : undefined;
  const { child, brokers } = await startBroker(dataDir);
  try {
    const kafka = new Kafka({ brokers, clientId: 'bench', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'bench', numPartitions: 1 }, { topic: 'latency' }] });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const total = BATCHES * BATCH_SIZE;
    const common = { mode, messages: total, valueBytes: VALUE.length };

    const produceSeconds = await produceAll(producer, 'bench');
    emit({
      bench: 'produce',
      ...common,
      batch: BATCH_SIZE,
      acks: -1,
      idempotent: true,
      seconds: round(produceSeconds),
      msgsPerSec: Math.round(total / produceSeconds),
    });
    for (const style of ['eachBatch', 'eachMessage'] as const) {
      const s = await consumeAll(kafka, 'bench', style);
      emit({
        bench: `consume.${style}`,
        ...common,
        seconds: round(s),
        msgsPerSec: Math.round(total / s),
        window: 'first to last message',
      });
    }
    const lat = await latency(kafka, producer, 'latency');
    emit({
      bench: 'latency.produce-to-consume',
      mode,
      samples: lat.length,
      medianMs: round(pct(lat, 0.5)),
      p99Ms: round(pct(lat, 0.99)),
      maxMs: round(lat[lat.length - 1] ?? NaN),
    });
    await producer.disconnect();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const mode of ['disk', 'memory'] as const) await benchMode(mode);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${String(e)}\n`);
  process.exit(1);
});
