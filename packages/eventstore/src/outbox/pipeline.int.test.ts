import { liteEnv } from '../test-support/env';
import { pipelineSuite } from '../test-support/suites/pipeline.suite';

describe('relay → Kafka → consumer → projections over TCP against mongo-lite + kafka-lite', () =>
  pipelineSuite(liteEnv));
