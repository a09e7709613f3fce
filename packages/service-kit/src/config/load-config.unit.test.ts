import { z } from 'zod';
import { ConfigError, loadConfig, loadConfigOrExit } from './load-config';

const Schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  MONGO_URL: z.url(),
  KAFKA_BROKERS: z.string().transform((s) => s.split(',')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

describe('loadConfig', () => {
  it('returns typed, coerced values with defaults', () => {
    const config = loadConfig(Schema, {
      PORT: '8080',
      MONGO_URL: 'mongodb://localhost:27017/x',
      KAFKA_BROKERS: 'a:9092,b:9092',
    });
    expect(config).toEqual({
      PORT: 8080,
      MONGO_URL: 'mongodb://localhost:27017/x',
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing or bad variable, without echoing values', () => {
    let error: unknown;
    try {
      loadConfig(Schema, { PORT: '99999', MONGO_URL: 'not a url with s3cret', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'KAFKA_BROKERS',
      'LOG_LEVEL',
      'MONGO_URL',
      'PORT',
    ]);
    expect(problems.find((p) => p.variable === 'KAFKA_BROKERS')?.message).toBe('is required but not set');
    const message = (error as Error).message;
    for (const name of ['PORT', 'MONGO_URL', 'KAFKA_BROKERS', 'LOG_LEVEL']) expect(message).toContain(name);
    expect(message).not.toContain('s3cret');
  });

  it('from a main: prints the message and exits non-zero', () => {
    const written: string[] = [];
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    expect(() =>
      loadConfigOrExit(Schema, { PORT: '1' }, { exit, writeError: (t) => written.push(t) }),
    ).toThrow('exit 78');
    expect(written.join('')).toMatch(/MONGO_URL: is required but not set/);
  });
});
