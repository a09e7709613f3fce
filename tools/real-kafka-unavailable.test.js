/* global describe, it */
// Stands in for the end-to-end tests of the "real Kafka" project (jest.preset.js withRealKafkaE2e) where real
// Kafka cannot run: one skipped test whose name carries the reason.
describe('end-to-end tests on real Kafka', () => {
  it.skip(`[skipped: real Kafka unavailable — ${globalThis.realKafkaUnavailable}]`, () => undefined);
});
