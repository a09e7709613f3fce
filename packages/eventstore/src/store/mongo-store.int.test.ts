import { mongoLiteEnv } from '../test-support/env';
import { storeSuite } from '../test-support/suites/store.suite';

describe('MongoEventStore over TCP against mongo-lite', () => storeSuite(mongoLiteEnv));
