import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithRealKafka, startRealKafka, type RealKafka } from '@peiyu/kafka-real';
import { conformanceSuite } from './test-support/conformance';
import { flexibleProtocolSuite } from './test-support/flexible-conformance';

// The same suite against Apache Kafka itself (the pinned release, one KRaft node), so kafka-lite's behaviour
// is checked against the reference on every machine with Java and Maven; skipped with the reason elsewhere.
describeWithRealKafka('conformance: real Kafka (Apache Kafka, KRaft)', () => {
  let dir: string;
  let kafka: RealKafka;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kafka-real-conf-'));
    kafka = await startRealKafka({ dataDir: dir });
  }, 180_000);
  afterAll(async () => {
    await kafka?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  conformanceSuite(
    () => ({
      brokers: () => kafka.brokers,
      // The test broker lowers group.min.session.timeout.ms, so groups expire as fast as on kafka-lite.
      sessionTimeoutMs: 1000,
      restart: async () => {
        await kafka.stop();
        kafka = await startRealKafka({ dataDir: dir });
      },
    }),
    { canRestart: true },
  );
  describe('flexible protocol versions', () => {
    flexibleProtocolSuite(() => ({ brokers: () => kafka.brokers, sessionTimeoutMs: 1000 }));
  });
});
