import { defaultKafka } from './stack';

describe('which embedded Kafka a stack starts', () => {
  it('is kafka-lite unless PEIYU_TEST_KAFKA says real', () => {
    expect(defaultKafka({})).toBe('lite');
    expect(defaultKafka({ PEIYU_TEST_KAFKA: '' })).toBe('lite');
    expect(defaultKafka({ PEIYU_TEST_KAFKA: 'lite' })).toBe('lite');
    expect(defaultKafka({ PEIYU_TEST_KAFKA: 'real' })).toBe('real');
  });

  it('refuses anything else rather than guessing', () => {
    expect(() => defaultKafka({ PEIYU_TEST_KAFKA: 'REAL' })).toThrow(
      'PEIYU_TEST_KAFKA must be "lite" or "real", got "REAL"',
    );
  });
});
