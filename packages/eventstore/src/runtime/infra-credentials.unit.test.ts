import { ConfigError } from '@peiyu/service-kit';
import {
  createKafka,
  kafkaCredentialsFromEnv,
  mongoUrlWithCredentials,
  topicsProvisioned,
} from './infra-credentials';

const SASL = {
  KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
  KAFKA_SASL_USERNAME: 'registry',
  KAFKA_SASL_PASSWORD: 'secret',
};

/** The ConfigError's variables (values are never echoed). */
function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('secret');
    return (err as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected a ConfigError');
}

describe('infrastructure credentials (finding 1: fail closed)', () => {
  it('production (PEIYU_MODE unset) refuses to start without a Kafka principal, naming each variable', () => {
    expect(problemsOf(() => kafkaCredentialsFromEnv({}))).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
    ]);
    expect(problemsOf(() => createKafka({ clientId: 'x', brokers: ['k:9092'], env: {} }))).toHaveLength(3);
    expect(problemsOf(() => kafkaCredentialsFromEnv({ ...SASL, KAFKA_SASL_PASSWORD: '' }))).toEqual([
      'KAFKA_SASL_PASSWORD',
    ]);
    expect(problemsOf(() => kafkaCredentialsFromEnv({ ...SASL, KAFKA_SASL_MECHANISM: 'GSSAPI' }))).toEqual([
      'KAFKA_SASL_MECHANISM',
    ]);
    expect(kafkaCredentialsFromEnv(SASL)).toEqual({
      mechanism: 'scram-sha-256',
      username: 'registry',
      password: 'secret',
    });
  });

  it('production refuses a MongoDB URL without a user; local mode accepts both without', () => {
    expect(problemsOf(() => mongoUrlWithCredentials('mongodb://mongo:27017/?replicaSet=rs0', {}))).toEqual([
      'MONGO_URL',
    ]);
    const withUser = 'mongodb://registry:secret@mongo:27017/?authSource=peiyu-registry';
    expect(mongoUrlWithCredentials(withUser, {})).toBe(withUser);
    const local = { PEIYU_MODE: 'local' };
    expect(mongoUrlWithCredentials('mongodb://127.0.0.1:27017', local)).toBe('mongodb://127.0.0.1:27017');
    expect(kafkaCredentialsFromEnv(local)).toBeUndefined();
    // in local mode a partial set is still a mistake, not "no credentials"
    expect(problemsOf(() => kafkaCredentialsFromEnv({ ...local, KAFKA_SASL_USERNAME: 'x' }))).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_PASSWORD',
    ]);
  });

  it('topics count as provisioned only when the runner or compose says so', () => {
    expect(topicsProvisioned({})).toBe(false);
    expect(topicsProvisioned({ PEIYU_TOPICS_PROVISIONED: 'true' })).toBe(true);
  });
});
