import { startMongoLite, type MongoLite } from './index';
import { conformanceSuite } from './test-support/conformance';

describe('conformance: mongo-lite', () => {
  let server: MongoLite;
  beforeAll(async () => {
    server = await startMongoLite({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await server?.stop();
  });
  conformanceSuite(() => server.uri);
});
