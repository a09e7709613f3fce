import { liteEnv } from '../test-support/env';
import { rebuildSuite } from '../test-support/suites/rebuild.suite';

describe('projection rebuild over TCP against mongo-lite + kafka-lite', () => rebuildSuite(liteEnv));
