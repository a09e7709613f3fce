import { Kafka, logLevel } from 'kafkajs';
import { startKafkaLite, type KafkaLite } from './index';

describe('smoke', () => {
  let broker: KafkaLite;
  beforeAll(async () => {
    broker = await startKafkaLite({ onConnectionError: (e) => console.error(e) });
  });
  afterAll(() => broker.stop());

  it('round-trips', async () => {
    const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING, clientId: 'smoke' });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 't1', numPartitions: 3 }] });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: 't1',
      acks: -1,
      messages: [
        { key: 'a', value: 'one', headers: { h: 'x' } },
        { key: 'b', value: 'two' },
      ],
    });
    const consumer = kafka.consumer({
      groupId: 'g1',
      sessionTimeout: 3000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: 't1', fromBeginning: true });
    const got: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          got.push(
            `${message.key?.toString()}=${message.value?.toString()} ${message.headers?.h?.toString() ?? ''}`,
          );
          if (got.length === 2) resolve();
        },
      });
    });
    expect(got.sort()).toEqual(['a=one x', 'b=two ']);
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  });
});
