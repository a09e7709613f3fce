import { Kafka, logLevel } from 'kafkajs';
import { startKafkaLite, type KafkaLite } from './index';
import { ApiKey } from './protocol/api-keys';
import { Writer } from './protocol/codec';
import { Err } from './protocol/errors';
import { RawClient } from './test-support/raw-client';
import { AUTH_FIXTURE, authFixtureConfig, authSuite } from './test-support/auth-conformance';

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
  const seen: [number, number][] = [];
  beforeAll(async () => {
    broker = await startKafkaLite({ auth: authFixtureConfig(), onRequest: (k, v) => void seen.push([k, v]) });
  });

  it('is reached by kafkajs 2.2.4 with SaslHandshake v1 then SaslAuthenticate v1', async () => {
    const sasl = {
      mechanism: 'scram-sha-256' as const,
      username: 'alice',
      password: AUTH_FIXTURE.passwords.alice,
    };
    const admin = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING, sasl }).admin();
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
    const sasls = seen.filter(([k]) => k === ApiKey.SaslHandshake || k === ApiKey.SaslAuthenticate);
    expect(sasls.slice(0, 3)).toEqual([
      [ApiKey.SaslHandshake, 1],
      [ApiKey.SaslAuthenticate, 1],
      [ApiKey.SaslAuthenticate, 1],
    ]);
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
