import { describeWithDocker } from '@peiyu/testkit';
import { containerEnv } from './test-support/containers';
import { pipelineSuite } from './test-support/suites/pipeline.suite';
import { rebuildSuite } from './test-support/suites/rebuild.suite';
import { storeSuite } from './test-support/suites/store.suite';

// The same suites as the *.int tests, against real MongoDB and Kafka (skipped with the reason without Docker).
describeWithDocker('event store on real MongoDB (testcontainers)', () => storeSuite(containerEnv));
describeWithDocker('relay → Kafka → consumer on real MongoDB + Kafka (testcontainers)', () =>
  pipelineSuite(containerEnv),
);
describeWithDocker('projection rebuild on real MongoDB + Kafka (testcontainers)', () =>
  rebuildSuite(containerEnv),
);
