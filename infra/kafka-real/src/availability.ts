import { ensureJars } from './jars';

export type RealKafkaAvailability =
  | { available: true }
  | { available: false; reason: string; /** set when the jars differ from the pin */ broken?: true };

/**
 * Whether real Kafka can run here: Java answers and the pinned jars are (or can be) resolved and verified.
 * Synchronous, like testkit's dockerAvailability, because jest picks `describe` or a skipped test while
 * collecting. PEIYU_REAL_KAFKA=off turns the real-broker suites off explicitly (reported as skipped).
 */
export function realKafkaAvailability(env: NodeJS.ProcessEnv = process.env): RealKafkaAvailability {
  if (env.PEIYU_REAL_KAFKA === 'off') return { available: false, reason: 'PEIYU_REAL_KAFKA=off' };
  const jars = ensureJars();
  if (jars.available) return { available: true };
  return jars.broken
    ? { available: false, reason: jars.reason, broken: true }
    : { available: false, reason: jars.reason };
}

/**
 * `describe` for suites that need a real Kafka broker. Without Java, Maven or the jars the suite is registered
 * as one skipped test whose name carries the reason, so the run reports it as skipped — never a silent pass.
 * Jars that resolve but differ from the pin are an error: one failing test says why.
 */
/* eslint-disable no-restricted-globals -- a test helper: only test files call it, inside jest */
export function describeWithRealKafka(name: string, body: () => void): void {
  const a = realKafkaAvailability();
  if (a.available) {
    describe(name, body);
  } else if (a.broken) {
    describe(name, () => {
      it('[real Kafka jars do not match the pin]', () => {
        throw new Error(a.reason);
      });
    });
  } else {
    describe(name, () => {
      it.skip(`[skipped: real Kafka unavailable — ${a.reason}]`, () => undefined);
    });
  }
}
/* eslint-enable no-restricted-globals */
