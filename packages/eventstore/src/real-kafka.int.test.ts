import { describeWithRealKafka, startRealKafka, type RealKafka } from '@peiyu/kafka-real';
import { realKafkaEnv } from './test-support/env';
import { pipelineSuite } from './test-support/suites/pipeline.suite';
import { rebuildSuite } from './test-support/suites/rebuild.suite';

// The pipeline suites of the *.int tests (outbox relay, consumer runner, no-skip gap healing, DLQ, rebuild) on
// Apache Kafka itself: one broker for this file, mongo-lite per suite. Skipped with the reason without Java/Maven.
let broker: Promise<RealKafka> | undefined;
const shared = () => (broker ??= startRealKafka());
afterAll(async () => {
  await (await broker)?.stop();
});

describeWithRealKafka('relay → Kafka → consumer → projections on real Kafka + mongo-lite', () => {
  beforeAll(() => shared(), 180_000);
  pipelineSuite(realKafkaEnv(shared));
});
describeWithRealKafka('projection rebuild on real Kafka + mongo-lite', () =>
  rebuildSuite(realKafkaEnv(shared)),
);
