import { ensureJars } from './jars';

export type RealKafkaAvailability = { available: true } | { available: false; reason: string };

/**
 * Whether real Kafka can run here: Java answers and the pinned jars are (or can be) resolved and verified.
 * Synchronous, like testkit's dockerAvailability, because jest picks `describe` or a skipped test while
 * collecting. PEIYU_REAL_KAFKA=off turns the real-broker suites off explicitly (reported as skipped).
 */
export function realKafkaAvailability(env: NodeJS.ProcessEnv = process.env): RealKafkaAvailability {
  if (env.PEIYU_REAL_KAFKA === 'off') return { available: false, reason: 'PEIYU_REAL_KAFKA=off' };
  const jars = ensureJars();
  return jars.available ? { available: true } : { available: false, reason: jars.reason };
}

/**
 * `describe` for suites that need a real Kafka broker. Without Java, Maven or the jars the suite is registered
 * as one skipped test whose name carries the reason, so the run reports it as skipped — never a silent pass.
 */
export function describeWithRealKafka(name: string, body: () => void): void {
  const a = realKafkaAvailability();
  if (a.available) {
    describe(name, body);
  } else {
    describe(name, () => {
      it.skip(`[skipped: real Kafka unavailable — ${a.reason}]`, () => undefined);
    });
  }
}
