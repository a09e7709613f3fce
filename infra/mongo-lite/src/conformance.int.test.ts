import { startMongoLite, type MongoLite } from './index';
import { authConformanceSuite, AUTH_USERS, conformanceSuite } from './test-support/conformance';

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

describe('conformance: mongo-lite with authentication', () => {
  let server: MongoLite;
  beforeAll(async () => {
    // 4096 iterations (the RFC minimum) keeps the driver's key derivation cheap in tests.
    server = await startMongoLite({
      port: 0,
      log: () => undefined,
      auth: { users: AUTH_USERS, iterations: 4096 },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });
  authConformanceSuite(() => ({ hostPort: `127.0.0.1:${server.port}` }));
});
