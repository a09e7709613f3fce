import { describeWithCommand } from '@peiyu/testkit';
import { CompressionTypes, type Kafka } from 'kafkajs';
import { startKafkaLite, type KafkaLite } from './index';
import { AUTH_FIXTURE, authFixtureConfig } from './test-support/auth-conformance';
import { kafkaFor, unique, waitFor } from './test-support/kafka';
import { kcat, ok, saslArgs } from './test-support/kcat';

const HINT =
  'install it with `apt-get install -y kcat` (tools/system-deps.mjs does so in `npm test` when root)';

interface KcatMetadata {
  brokers: { id: number; name: string }[];
  topics: { topic: string; partitions: { partition: number; leader: number }[] }[];
}

// Debian's kcat (librdkafka) against kafka-lite: the ApiVersions v3 handshake, metadata, idempotent compressed
// produce, partition consume and group consume with commits — what developers do to inspect topics.
describeWithCommand(
  'kcat against kafka-lite',
  'kcat',
  () => {
    let broker: KafkaLite;
    let kafka: Kafka;
    let address: string;
    beforeAll(async () => {
      broker = await startKafkaLite({ autoCreateTopics: false });
      address = broker.brokers[0] as string;
      kafka = kafkaFor(broker.brokers);
    });
    afterAll(() => broker.stop());

    const createTopic = async (partitions: number): Promise<string> => {
      const topic = unique('kcat');
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      await admin.disconnect();
      return topic;
    };

    it('lists brokers and topics (-L -J)', async () => {
      const topic = await createTopic(3);
      const r = await kcat(address, ['-L', '-J', '-t', topic]);
      expect(r.code).toBe(0);
      const md = JSON.parse(r.stdout) as KcatMetadata;
      expect(md.brokers).toEqual([{ id: 0, name: address }]);
      expect(md.topics.map((t) => [t.topic, t.partitions.map((p) => [p.partition, p.leader])])).toEqual([
        [
          topic,
          [
            [0, 0],
            [1, 0],
            [2, 0],
          ],
        ],
      ]);
    });

    it('produces idempotent, gzip-compressed keyed messages (-P) that kafkajs reads back', async () => {
      const topic = await createTopic(2);
      const lines = Array.from({ length: 20 }, (_, i) => `key-${i}:value-${i}`);
      const r = await kcat(
        address,
        ['-P', '-t', topic, '-K', ':', '-z', 'gzip', '-X', 'enable.idempotence=true'],
        lines.join('\n') + '\n',
      );
      ok(r);
      const seen: string[] = [];
      const consumer = kafka.consumer({ groupId: unique('kcat-check'), maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void seen.push(`${message.key}:${message.value}`),
      });
      await waitFor('20 messages', () => seen.length >= 20);
      await consumer.disconnect();
      expect(seen.sort()).toEqual([...lines].sort());
    });

    it('consumes a partition from the beginning (-C -o beginning -e), compressed batches included', async () => {
      const topic = await createTopic(2);
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const messages = Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: 1 }));
      await producer.send({ topic, acks: -1, messages: messages.slice(0, 2) });
      await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: messages.slice(2),
      });
      await producer.disconnect();
      const r = await kcat(address, [
        '-C',
        '-t',
        topic,
        '-p',
        '1',
        '-o',
        'beginning',
        '-e',
        '-f',
        '%o %k %s\\n',
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual(messages.map((m, i) => `${i} ${m.key} ${m.value}`));
    });

    it('looks offsets up by timestamp and the end offset (-Q, ListOffsets)', async () => {
      const topic = await createTopic(1);
      const producer = kafka.producer();
      await producer.connect();
      const t0 = 1_700_000_000_000;
      const messages = [0, 1, 2].map((i) => ({ value: `m${i}`, timestamp: String(t0 + i * 1000) }));
      await producer.send({ topic, acks: -1, messages });
      await producer.disconnect();
      const at = async (ts: number) => ok(await kcat(address, ['-Q', '-t', `${topic}:0:${ts}`])).trim();
      expect(await at(t0 + 1000)).toBe(`${topic} [0] offset 1`);
      expect(await at(t0 + 1500)).toBe(`${topic} [0] offset 2`);
      expect(await at(-1)).toBe(`${topic} [0] offset 3`); // latest
      expect(await at(-2)).toBe(`${topic} [0] offset 0`); // earliest
    });

    it('consumes as a group with commits (-G): a second run sees nothing, a third only what is new', async () => {
      const topic = await createTopic(2);
      const group = unique('kcat-group');
      const groupRun = () =>
        kcat(address, ['-G', group, topic, '-e', '-X', 'auto.offset.reset=earliest', '-f', '%s\\n']);
      const produce = (values: string[]) => kcat(address, ['-P', '-t', topic], values.join('\n') + '\n');

      expect((await produce(['a', 'b', 'c', 'd'])).code).toBe(0);
      const first = await groupRun();
      expect(first.code).toBe(0);
      expect(first.stdout.trim().split('\n').sort()).toEqual(['a', 'b', 'c', 'd']);

      const admin = kafka.admin();
      await admin.connect();
      const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const high = await admin.fetchTopicOffsets(topic);
      await admin.disconnect();
      // Every partition that holds messages has its end committed (librdkafka may leave an empty one untouched).
      const committed = new Map((offsets?.partitions ?? []).map((p) => [p.partition, p.offset]));
      const filled = high.filter((p) => p.high !== '0');
      expect(filled.length).toBeGreaterThan(0);
      for (const p of filled) expect(committed.get(p.partition)).toBe(p.high);

      const second = await groupRun();
      expect(second).toMatchObject({ code: 0, stdout: '' });

      expect((await produce(['e'])).code).toBe(0);
      const third = await groupRun();
      expect(third).toMatchObject({ code: 0, stdout: 'e\n' });
    });

    describe('with SASL and ACLs', () => {
      let secured: KafkaLite;
      let at: string;
      beforeAll(async () => {
        secured = await startKafkaLite({ auth: authFixtureConfig() });
        at = secured.brokers[0] as string;
        const admin = saslArgs('PLAIN', 'admin', AUTH_FIXTURE.passwords.admin);
        // Auto-created by the super user, so that alice's produce is refused by Produce itself (not Metadata).
        ok(await kcat(at, ['-P', '-t', AUTH_FIXTURE.readOnlyTopic, ...admin], 'genuine\n'));
      });
      afterAll(() => secured.stop());
      const alice = () => saslArgs('SCRAM-SHA-256', 'alice', AUTH_FIXTURE.passwords.alice);

      it('produces and consumes as a SCRAM-SHA-256 principal, and lists only its topics', async () => {
        const topic = unique('alice.kcat');
        const produced = await kcat(at, ['-P', '-t', topic, ...alice()], 'one\ntwo\n');
        expect(produced).toMatchObject({ code: 0 });
        const consumed = await kcat(at, [
          '-C',
          '-t',
          topic,
          '-o',
          'beginning',
          '-e',
          '-f',
          '%s\\n',
          ...alice(),
        ]);
        expect(consumed).toMatchObject({ code: 0, stdout: 'one\ntwo\n' });
        const bobs = unique('bob.kcat');
        const bob = saslArgs('PLAIN', 'bob', AUTH_FIXTURE.passwords.bob);
        expect(await kcat(at, ['-P', '-t', bobs, ...bob], 'x\n')).toMatchObject({ code: 0 });
        const listed = await kcat(at, ['-L', '-J', ...alice()]);
        const names = (JSON.parse(listed.stdout) as KcatMetadata).topics.map((t) => t.topic);
        expect(names).toContain(topic);
        expect(names).not.toContain(bobs);
      });

      it('fails with a wrong password and refuses a produce outside the ACLs', async () => {
        // -m 2: kcat retries a failed login until its metadata timeout; no need to wait the default.
        const wrong = await kcat(at, ['-L', '-m', '2', ...saslArgs('SCRAM-SHA-256', 'alice', 'wrong')]);
        expect(wrong.code).not.toBe(0);
        expect(wrong.stderr).toMatch(/Authentication failed/);
        const foreign = await kcat(at, ['-P', '-t', AUTH_FIXTURE.readOnlyTopic, ...alice()], 'forged\n');
        expect(foreign.code).not.toBe(0);
        expect(foreign.stderr).toMatch(/Topic authorization failed|TOPIC_AUTHORIZATION_FAILED/);
      });
    });
  },
  {
    versionArgs: ['-V'],
    hint: HINT,
    versionOf: (line) => {
      const m = /Version (\S+) .*librdkafka (\S+)/.exec(line);
      return m ? `kcat ${m[1]}, librdkafka ${m[2]}` : line;
    },
  },
);
