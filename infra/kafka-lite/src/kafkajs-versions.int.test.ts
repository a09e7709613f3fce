import { Kafka, logLevel } from 'kafkajs';
import { startKafkaLite, type KafkaLite } from './index';
import { ApiKey } from './protocol/api-keys';
import { waitFor } from './test-support/kafka';

/**
 * Pinned to kafkajs 2.2.4: the exact (API, version) pairs it negotiates with this broker across admin,
 * idempotent producer and group consumer use. A kafkajs upgrade that changes them must fail here, loudly.
 */
const PINNED_KAFKAJS = '2.2.4';
const EXPECTED: Record<string, number> = {
  ApiVersions: 2,
  Metadata: 6,
  CreateTopics: 3,
  DeleteTopics: 1,
  Produce: 7,
  Fetch: 11,
  ListOffsets: 3,
  FindCoordinator: 2,
  JoinGroup: 5,
  SyncGroup: 3,
  Heartbeat: 3,
  LeaveGroup: 3,
  OffsetCommit: 5,
  OffsetFetch: 4,
  DescribeGroups: 2,
  ListGroups: 2,
  InitProducerId: 1,
};

describe(`kafkajs ${PINNED_KAFKAJS} negotiated API versions`, () => {
  let broker: KafkaLite;
  const seen = new Map<string, Set<number>>();
  const names = new Map(Object.entries(ApiKey).map(([name, key]) => [key as number, name]));

  beforeAll(async () => {
    broker = await startKafkaLite({
      onRequest: (key, version) => {
        const name = names.get(key) ?? `api-${key}`;
        if (!seen.has(name)) seen.set(name, new Set());
        seen.get(name)?.add(version);
      },
    });
  });
  afterAll(() => broker.stop());

  it('is the pinned kafkajs version', () => {
    const installed = (require('kafkajs/package.json') as { version: string }).version;
    if (installed !== PINNED_KAFKAJS) {
      throw new Error(
        `kafkajs ${installed} is installed but kafka-lite was verified against ${PINNED_KAFKAJS}: ` +
          're-check the negotiated versions below and the protocol layouts before changing the pin',
      );
    }
  });

  it('uses exactly one version of each API, the one kafka-lite implements', async () => {
    const kafka = new Kafka({ brokers: broker.brokers, clientId: 'versions', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'versions', numPartitions: 2 }, { topic: 'doomed' }] });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: 'versions', acks: -1, messages: [{ key: 'k', value: 'v' }] });
    const consumer = kafka.consumer({ groupId: 'versions', heartbeatInterval: 50, maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'versions', fromBeginning: true });
    let got = 0;
    await consumer.run({ eachMessage: async () => void got++ });
    await waitFor(
      'the message and a heartbeat',
      () => got === 1 && seen.has('Heartbeat') && seen.has('OffsetCommit'),
    );
    await admin.fetchTopicOffsets('versions');
    await admin.describeGroups(['versions']);
    await admin.listGroups();
    await admin.deleteTopics({ topics: ['doomed'] });
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();

    const negotiated = Object.fromEntries([...seen].map(([name, versions]) => [name, [...versions]]));
    expect(negotiated).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([n, v]) => [n, [v]])));
  });
});
