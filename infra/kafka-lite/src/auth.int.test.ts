import { startKafkaLite, type KafkaLite } from './index';
import { ApiKey } from './protocol/api-keys';
import { Writer } from './protocol/codec';
import { Err } from './protocol/errors';
import { RawClient } from './test-support/raw-client';
import { authFixtureConfig, authSuite } from './test-support/auth-conformance';

describe('kafka-lite with SASL and ACLs', () => {
  let broker: KafkaLite;
  beforeAll(async () => {
    broker = await startKafkaLite({ auth: authFixtureConfig() });
  });
  afterAll(() => broker.stop());

  authSuite(() => broker.brokers);
});

describe('kafka-lite with SASL: before authentication', () => {
  let broker: KafkaLite;
  beforeAll(async () => {
    broker = await startKafkaLite({ auth: authFixtureConfig() });
  });
  afterAll(() => broker.stop());

  it('closes a connection announcing a frame above 512 KiB (sasl.server.max.receive.size)', async () => {
    const raw = await RawClient.open(broker.brokers[0] as string);
    const header = Buffer.alloc(4);
    header.writeInt32BE(524_289);
    raw.writeRaw(header);
    await raw.whenClosed();
    const other = await RawClient.open(broker.brokers[0] as string);
    expect((await other.request(ApiKey.ApiVersions, 2, new Writer())).int16()).toBe(Err.NONE);
    other.close();
  });
});
