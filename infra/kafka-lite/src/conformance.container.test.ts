import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { describeWithDocker } from '@peiyu/testkit';
import { conformanceSuite } from './test-support/conformance';
import { flexibleProtocolSuite } from './test-support/flexible-conformance';

// The same suite against a real broker, so kafka-lite's behaviour is checked against the reference.
describeWithDocker('conformance: real Kafka (testcontainers)', () => {
  jest.setTimeout(120_000); // 6 s sessions make rebalances on a real broker slow
  let kafka: StartedKafkaContainer;
  beforeAll(async () => {
    kafka = await new KafkaContainer('confluentinc/cp-kafka:7.6.1').withKraft().start();
  }, 240_000);
  afterAll(async () => {
    await kafka?.stop();
  });

  // Restarting the container remaps its port while the advertised listener keeps the old one, so the
  // restart case runs against kafka-lite only. Real Kafka's minimum session timeout is 6 s.
  conformanceSuite(
    () => ({ brokers: () => [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`], sessionTimeoutMs: 6000 }),
    { canRestart: false },
  );
  describe('flexible protocol versions', () => {
    flexibleProtocolSuite(() => ({
      brokers: () => [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
      sessionTimeoutMs: 6000,
    }));
  });
});
