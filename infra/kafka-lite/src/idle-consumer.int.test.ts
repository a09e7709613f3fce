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
    const consumer = kafka.consumer({ groupId: 'idle', maxWaitTimeInMs: 1000, heartbeatInterval: 100 });
    const got: number[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'idle', fromBeginning: true });
    await consumer.run({ eachMessage: async () => void got.push(performance.now()) });
    await waitFor('the first fetch', () => fetches > 0);
    const before = fetches;
    await new Promise((r) => setTimeout(r, 1500));
    // 1.5 s of idleness at 1 s per long poll: one or two fetches, nowhere near a busy loop
    expect(fetches - before).toBeLessThanOrEqual(3);

    const producer = kafka.producer();
    await producer.connect();
    const sent = performance.now();
    await producer.send({ topic: 'idle', messages: [{ value: 'wake' }] });
    await waitFor('the message', () => got.length === 1);
    // The parked fetch answers at once (protocol.int.test.ts pins that down with a 10 s poll).
    expect((got[0] as number) - sent).toBeLessThan(500);
    await producer.disconnect();
    await consumer.disconnect();
  });
});
