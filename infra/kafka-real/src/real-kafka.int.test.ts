import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { describeWithRealKafka } from './availability';
import { ClassDataSharing } from './cds';
import { startRealKafka, type RealKafka } from './cluster';
import { ensureJars } from './jars';
import { toolCommand } from './tools';

/** Runs a Kafka CLI tool from the pinned jars against `bootstrap` and returns what it printed. */
async function tool(
  name: string,
  args: string[],
  bootstrap: string,
): Promise<{ code: number | null; out: string }> {
  const jars = ensureJars();
  if (!jars.available) throw new Error(jars.reason);
  const cds = new ClassDataSharing(jars.javaVersion, jars.classpath);
  const cmd = toolCommand(name, args, jars.classpath, bootstrap, cds.mapOnly());
  const child = spawn(cmd.command, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, out };
}

describeWithRealKafka('a real Apache Kafka broker (KRaft, one node)', () => {
  let dir: string;
  let kafka: RealKafka;
  const client = () =>
    new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-real-test-'));
    kafka = await startRealKafka({ dataDir: dir });
  }, 180_000);
  afterAll(async () => {
    await kafka?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves metadata on a free port, creates topics on request only, and keeps records across a SIGKILL', async () => {
    expect(kafka.brokers).toEqual([`127.0.0.1:${kafka.port}`]);
    const admin = client().admin();
    await admin.connect();
    try {
      expect((await admin.describeCluster()).brokers.map((b) => b.nodeId)).toEqual([0]);
      await admin.createTopics({ topics: [{ topic: 'kept.v1', numPartitions: 2 }], waitForLeaders: true });
      const producer = client().producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({
        topic: 'kept.v1',
        acks: -1,
        messages: [
          { key: 'a', value: 'one' },
          { key: 'b', value: 'two' },
        ],
      });
      // auto.create.topics.enable=false: the project creates its topics, a typo must not create one.
      await expect(producer.send({ topic: 'typo.v1', acks: -1, messages: [{ value: 'x' }] })).rejects.toThrow(
        /does not host this topic-partition|UNKNOWN_TOPIC|topic/i,
      );
      await producer.disconnect();
      expect(await admin.listTopics()).not.toContain('typo.v1');
    } finally {
      await admin.disconnect();
    }

    await kafka.killBroker(0);
    await kafka.restartBroker(0);
    const again = client().admin();
    await again.connect();
    const offsets = await again.fetchTopicOffsets('kept.v1');
    await again.disconnect();
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(2);
  });

  it('lists, describes and reads topics with the Kafka command-line tools from the same jars', async () => {
    const bootstrap = kafka.brokers[0]!;
    const list = await tool('topics', ['--list'], bootstrap);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')).toContain('kept.v1');
    const described = await tool('kafka-topics', ['--describe', '--topic', 'kept.v1'], bootstrap);
    expect(described.out).toMatch(
      /Topic: kept\.v1\s+TopicId: \S+\s+PartitionCount: 2\s+ReplicationFactor: 1/,
    );
    const read = await tool(
      'console-consumer',
      ['--topic', 'kept.v1', '--from-beginning', '--max-messages', '2', '--timeout-ms', '20000'],
      bootstrap,
    );
    expect(read.code).toBe(0);
    expect(
      read.out
        .split('\n')
        .filter((l) => l === 'one' || l === 'two')
        .sort(),
    ).toEqual(['one', 'two']);
  }, 60_000);
});
