import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKafkaLite, type KafkaLite } from './index';
import { conformanceSuite } from './test-support/conformance';
import { flexibleProtocolSuite } from './test-support/flexible-conformance';

describe('conformance: kafka-lite (with a data dir)', () => {
  let dir: string;
  let broker: KafkaLite;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-lite-conf-'));
    broker = await startKafkaLite({ dataDir: dir, minSessionTimeoutMs: 500 });
  });
  afterAll(async () => {
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  });

  conformanceSuite(
    () => ({
      brokers: () => broker.brokers,
      sessionTimeoutMs: 1000, // allowed by the lowered group.min.session.timeout.ms, as on the real test broker
      restart: async () => {
        await broker.stop();
        broker = await startKafkaLite({ dataDir: dir, minSessionTimeoutMs: 500 });
      },
    }),
    { canRestart: true },
  );
  describe('flexible protocol versions', () => {
    flexibleProtocolSuite(() => ({ brokers: () => broker.brokers, sessionTimeoutMs: 1000 }));
  });
});
