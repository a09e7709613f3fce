import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './test-support/kafka';

const BIN = join(__dirname, '..', 'dist', 'bin.js');

interface Running {
  child: ChildProcess;
  brokers: string[];
}

/** Starts the built broker as a child process on a free port and reads where it listens. */
async function spawnBroker(dataDir: string): Promise<Running> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first`);
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`broker exited early with ${code}`)));
  });
  const { event, brokers } = JSON.parse(first) as { event: string; brokers: string[] };
  expect(event).toBe('kafka-lite.listening');
  return { child, brokers };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const client = (brokers: string[]) =>
  new Kafka({
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 },
  });

describe('persistence across kill -9 (built bin in a child process)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-lite-kill-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps every acks=-1 message, truncates a torn tail, continues offsets and stops cleanly on SIGTERM', async () => {
    const first = await spawnBroker(dir);
    const kafka = client(first.brokers);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'durable', numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();

    const acked: string[] = [];
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    let stop = false;
    const loop = async (partition: number) => {
      for (let i = 0; !stop; i++) {
        const messages = Array.from({ length: 20 }, (_, j) => ({
          partition,
          value: `p${partition}-${i}-${j}`,
        }));
        try {
          await producer.send({ topic: 'durable', acks: -1, messages });
        } catch {
          return; // the broker is gone: this batch was never acknowledged
        }
        acked.push(...messages.map((m) => m.value));
      }
    };
    const loops = [loop(0), loop(1)];
    await waitFor('400 acknowledged messages', () => acked.length >= 400);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const ackedAtKill = [...acked];
    stop = true;
    await Promise.all(loops);
    await producer.disconnect().catch(() => undefined);

    // A crash mid-write: half a batch header at the end of partition 0's log.
    const log0 = join(dir, 'topics', 'durable', '0.log');
    const intactSize = (await stat(log0)).size;
    await appendFile(log0, Buffer.from([0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 1, 0, 0, 0, 0, 0, 2]));

    const second = await spawnBroker(dir);
    try {
      expect((await stat(log0)).size).toBe(intactSize);
      const kafka2 = client(second.brokers);
      const admin2 = kafka2.admin();
      await admin2.connect();
      const offsets = await admin2.fetchTopicOffsets('durable');
      const total = offsets.reduce((n, o) => n + Number(o.high), 0);
      const stored: string[] = [];
      const consumer = kafka2.consumer({ groupId: 'verify', maxWaitTimeInMs: 50, heartbeatInterval: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'durable', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void stored.push(String(message.value)) });
      await waitFor(`${total} stored messages`, () => stored.length >= total);
      expect(new Set(stored).size).toBe(stored.length);
      const storedSet = new Set(stored);
      expect(ackedAtKill.filter((v) => !storedSet.has(v))).toEqual([]);

      const producer2 = kafka2.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer2.connect();
      const [meta] = await producer2.send({
        topic: 'durable',
        acks: -1,
        messages: [{ partition: 0, value: 'after' }],
      });
      const high0 = offsets.find((o) => o.partition === 0)?.high;
      expect(meta?.baseOffset).toBe(high0);
      await producer2.disconnect();
      await consumer.disconnect();
      await admin2.disconnect();
    } finally {
      second.child.kill('SIGTERM');
    }
    expect(await exited(second.child)).toBe(0);
  });
});
