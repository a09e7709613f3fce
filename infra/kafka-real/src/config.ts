import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The pinned Apache Kafka release. 4.3.1: the newest 4.x line that already has a bug-fix release (4.4.0 is a
 * first .0); every 4.x broker runs on Java 17 and speaks the protocol versions kafkajs 2.2.4 negotiates.
 * Keep in step with `kafka.version` in maven/pom.xml, then run `npm run pin -w @peiyu/kafka-real`.
 */
export const KAFKA_VERSION = '4.3.1';

/** Files shipped with the package (read from src/ in tests and from dist/ once built). */
export const MAVEN_DIR = join(__dirname, '..', 'src', 'maven');
export const POM = join(MAVEN_DIR, 'pom.xml');
export const LOCK = join(MAVEN_DIR, 'jars.lock');
export const LOG4J = join(MAVEN_DIR, 'log4j2.properties');

/**
 * Where the jars live, outside the repository's tracked files: PEIYU_KAFKA_CACHE, else
 * $XDG_CACHE_HOME/peiyu or ~/.cache/peiyu; one folder per Kafka version.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.PEIYU_KAFKA_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'peiyu');
  return join(base, `kafka-${KAFKA_VERSION}`);
}

export function libsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'libs');
}

/** `java` from JAVA_HOME when set, else from PATH. */
export function javaBin(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/**
 * JVM flags for a test broker on a 2-core machine: a small heap, one GC thread, C1 only (starts faster and
 * costs less CPU; throughput does not matter here). PEIYU_KAFKA_JVM_OPTS replaces them.
 */
export function jvmOptions(heapMb: number, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.PEIYU_KAFKA_JVM_OPTS) return env.PEIYU_KAFKA_JVM_OPTS.split(/\s+/).filter(Boolean);
  return [
    `-Xmx${heapMb}m`,
    '-Xms32m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:CICompilerCount=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
  ];
}
