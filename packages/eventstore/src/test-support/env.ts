import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';

/** Where the suites find MongoDB and Kafka: the embedded lite servers or real engines in containers. */
export interface TestEnv {
  mongoUri: string;
  brokers: string[];
  stop(): Promise<void>;
}

export type EnvFactory = () => Promise<TestEnv>;

/** mongo-lite only, for suites that do not touch Kafka. */
export const mongoLiteEnv: EnvFactory = async () => {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const mongo = await startMongoLite({ port: 0, log: () => undefined });
  return { mongoUri: mongo.uri, brokers: [], stop: () => mongo.stop() };
};

export const liteEnv: EnvFactory = async () => {
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const { startKafkaLite } = await import('@peiyu/kafka-lite');
  const mongo = await startMongoLite({ port: 0, log: () => undefined });
  const kafka = await startKafkaLite({ port: 0 });
  return {
    mongoUri: mongo.uri,
    brokers: kafka.brokers,
    stop: async () => {
      await kafka.stop();
      await mongo.stop();
    },
  };
};

/**
 * mongo-lite and a real Apache Kafka broker (@peiyu/kafka-real). `kafka` shares one broker between the suites
 * of a test file (starting a JVM costs seconds); without it each env starts and stops its own.
 */
export function realKafkaEnv(kafka?: () => Promise<{ brokers: string[] }>): EnvFactory {
  return async () => {
    const { startMongoLite } = await import('@peiyu/mongo-lite');
    const { startRealKafka } = await import('@peiyu/kafka-real');
    const mongo = await startMongoLite({ port: 0, log: () => undefined });
    const own = kafka ? undefined : await startRealKafka();
    const brokers = own?.brokers ?? (await kafka!()).brokers;
    return {
      mongoUri: mongo.uri,
      brokers,
      stop: async () => {
        await own?.stop();
        await mongo.stop();
      },
    };
  };
}

let dbCounter = 0;

/** A fresh database per test: each service owns its own database, and tests must not see each other. */
export async function openDb(env: TestEnv, existing?: string): Promise<mongoose.Connection> {
  const name = existing ?? `es_${process.pid}_${++dbCounter}`;
  return mongoose.createConnection(env.mongoUri, { dbName: name, maxPoolSize: 60 }).asPromise();
}

export function kafkaClient(env: TestEnv, clientId = 'eventstore-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: env.brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 50, retries: 8 },
  });
}

let topicCounter = 0;

export async function createTopics(kafka: Kafka, base: string, partitions = 1): Promise<string> {
  const topic = `peiyu.test.${base}-${process.pid}-${++topicCounter}.v1`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: partitions },
      { topic: `${topic}.dlq`, numPartitions: 1 },
    ],
  });
  await admin.disconnect();
  return topic;
}

/** Polls until `check` stops throwing (or the limit passes, then rethrows its last error). */
export async function eventually<T>(check: () => Promise<T> | T, limitMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (performance.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
