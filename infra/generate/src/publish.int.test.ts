import { topicOfStream } from '@peiyu/contracts';
import { startKafkaLite, type KafkaLite } from '@peiyu/kafka-lite';
import { startMongoLite, type MongoLite } from '@peiyu/mongo-lite';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { generate } from './generate';
import { publishAll } from './publish';
import { MongoSink, SERVICE_DBS } from './sink';
import { smallCity } from './test-support/memory';

describe('--kafka', () => {
  let mongo: MongoLite;
  let kafka: KafkaLite;
  let client: MongoClient;
  beforeAll(async () => {
    mongo = await startMongoLite({ port: 0, log: () => undefined });
    kafka = await startKafkaLite({ port: 0 });
    client = await MongoClient.connect(mongo.uri);
  });
  afterAll(async () => {
    await client.close();
    await kafka.stop();
    await mongo.stop();
  });

  it('publishes every generated event on its stream topic and marks it published', async () => {
    const cp = await generate({ seed: 5, year: 2026, area: smallCity(40), sink: new MongoSink(client) });
    const published = await publishAll(client, kafka.brokers, () => undefined);
    expect(published).toBe(cp.events);
    const perTopic = new Map<string, number>();
    for (const db of Object.values(SERVICE_DBS)) {
      const events = client.db(db).collection<{ streamId: string; published: boolean }>('events');
      expect(await events.countDocuments({ published: false })).toBe(0);
      for await (const e of events.find({}, { projection: { streamId: 1 } })) {
        const topic = topicOfStream(e.streamId);
        perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
      }
    }
    const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      for (const [topic, count] of perTopic) {
        const offsets = await admin.fetchTopicOffsets(topic);
        expect(offsets.reduce((s, o) => s + Number(o.high), 0)).toBe(count);
      }
    } finally {
      await admin.disconnect();
    }
  });
});
