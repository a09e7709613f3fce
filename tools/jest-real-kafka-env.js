/* global process */
// jest setupFiles of the "real Kafka" project (jest.preset.js withRealKafkaE2e): the local stack started by the
// end-to-end tests runs Apache Kafka instead of kafka-lite.
process.env.PEIYU_TEST_KAFKA = 'real';
