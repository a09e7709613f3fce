import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { describeWithDocker } from '@peiyu/testkit';
import { AUTH_ROOT, authConformanceSuite, conformanceSuite } from './test-support/conformance';

// The same suite against a real single-node replica set, so mongo-lite is checked against the reference.
describeWithDocker('conformance: real MongoDB 7 (testcontainers)', () => {
  let container: StartedMongoDBContainer;
  beforeAll(async () => {
    container = await new MongoDBContainer('mongo:7.0').start();
  }, 120_000);
  afterAll(async () => {
    await container?.stop();
  });
  conformanceSuite(() => `${container.getConnectionString()}/?directConnection=true`);
});

// With a root user the container runs mongod with --keyFile, which turns authorisation on.
describeWithDocker('conformance: real MongoDB 7 with authentication (testcontainers)', () => {
  let container: StartedMongoDBContainer;
  beforeAll(async () => {
    container = await new MongoDBContainer('mongo:7.0')
      .withUsername(AUTH_ROOT.user)
      .withPassword(AUTH_ROOT.password)
      .start();
  }, 120_000);
  afterAll(async () => {
    await container?.stop();
  });
  authConformanceSuite(() => ({
    hostPort: `${container.getHost()}:${container.getMappedPort(27017)}`,
    params: '&directConnection=true',
    createUsers: true,
  }));
});
