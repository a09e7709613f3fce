import { startKafkaLite, type KafkaLite } from './index';
import { authFixtureConfig, authSuite } from './test-support/auth-conformance';

describe('kafka-lite with SASL and ACLs', () => {
  let broker: KafkaLite;
  beforeAll(async () => {
    broker = await startKafkaLite({ auth: authFixtureConfig() });
  });
  afterAll(() => broker.stop());

  authSuite(() => broker.brokers);
});
