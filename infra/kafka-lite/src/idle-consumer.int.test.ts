import { Kafka, logLevel } from 'kafkajs';
import { startKafkaLite, type KafkaLite } from './index';
import { ApiKey } from './protocol/api-keys';
import { waitFor } from './test-support/kafka';

describe('an idle kafkajs consumer', () => {
  let broker: KafkaLite;
  let fetches = 0;
  beforeAll(async () => {
    broker = await startKafkaLite({ onRequest: (key) => void (key === ApiKey.Fetch && fetches++) });
  });
  afterAll(() => broker.stop());

  it('long-polls instead of spinning, and is woken by the next append', async () => {
    const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'idle', numPartitions: 1 }] });
    await admin.disconnect();

    // A poll longer than the test may run: the consumer's one fetch stays parked until the append answers it.
    const consumer = kafka.consumer({ groupId: 'idle', maxWaitTimeInMs: 600_000, heartbeatInterval: 100 });
    const got: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'idle', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void got.push(String(message.value)) });
    await waitFor('the first fetch', () => fetches > 0);
    const before = fetches;
    // Idleness measured in broker round trips of another client (events), not in a sleep: a spinning consumer
    // would fetch again meanwhile; a long-polling one keeps its one fetch parked.
    const other = kafka.admin();
    await other.connect();
    for (let i = 0; i < 20; i++) await other.listTopics();
    await other.disconnect();
    expect(fetches - before).toBe(0);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'idle', messages: [{ value: 'wake' }] });
    // Only the append can answer the parked fetch within the test: receiving the message is the proof.
    await waitFor('the message', () => got.length === 1);
    expect(got).toEqual(['wake']);
    await producer.disconnect();
    await consumer.disconnect();
  });
});
