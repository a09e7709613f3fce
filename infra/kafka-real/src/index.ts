export { startRealKafka } from './cluster';
export type { RealKafka, RealKafkaAuth, RealKafkaOptions } from './cluster';
export { realKafkaAvailability, describeWithRealKafka } from './availability';
export type { RealKafkaAvailability } from './availability';
export { ensureJars, verifyLibs, readLock } from './jars';
export type { Jars, LockEntry } from './jars';
export { KAFKA_VERSION, cacheDir, libsDir } from './config';
export { KAFKA_TOOLS, toolCommand } from './tools';
