import type { EnvFactory } from './env';

/** Real MongoDB (single-node replica set, for transactions) and Kafka (KRaft) through testcontainers. */
export const containerEnv: EnvFactory = async () => {
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [mongo, kafka] = await Promise.all([
    new MongoDBContainer('mongo:8.0').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
  ]);
  return {
    mongoUri: `${mongo.getConnectionString()}?directConnection=true`,
    brokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
};
