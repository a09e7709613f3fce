import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { describeWithDocker } from '@peiyu/testkit';
import { conformanceSuite } from './test-support/conformance';

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
