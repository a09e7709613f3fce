import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, javaBin, KAFKA_VERSION, libsDir, LOCK, POM } from './config';

/** One pinned jar: its sha256, file name in the libs folder and Maven coordinates. */
export interface LockEntry {
  sha256: string;
  file: string;
  coordinates: string;
}

/** The plugin version is pinned too, so the same resolution rules apply on every machine. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export type Jars =
  | { available: true; libs: string; classpath: string; javaVersion: string; resolvedMs?: number }
  | {
      available: false;
      reason: string;
      /** the jars resolved but differ from the pin: an error, not a skip */ broken?: true;
    };

export function readLock(path = LOCK): LockEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [sha256, file, coordinates] = l.trim().split(/\s+/);
      if (!sha256 || !file || !coordinates) throw new Error(`${path}: malformed line "${l}"`);
      return { sha256, file, coordinates };
    });
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Why `dir` does not hold exactly the pinned jars (missing, extra or different bytes), or undefined. */
export function verifyLibs(dir: string, lock: LockEntry[]): string | undefined {
  const present = new Set(readdirSync(dir).filter((f) => f.endsWith('.jar')));
  const problems: string[] = [];
  for (const e of lock) {
    if (!present.delete(e.file)) problems.push(`missing ${e.file}`);
    else if (sha256File(join(dir, e.file)) !== e.sha256) problems.push(`sha256 of ${e.file} differs`);
  }
  for (const extra of present) problems.push(`unpinned ${extra}`);
  return problems.length ? problems.join('; ') : undefined;
}

function lockDigest(): string {
  return createHash('sha256').update(readFileSync(LOCK)).digest('hex');
}

function run(cmd: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, env });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return { ok: !r.error && r.status === 0, error: r.error, out };
}

/** Runs `mvn dependency:copy-dependencies` for the package's POM into `outDir`. */
export function mavenCopy(
  outDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { ok: boolean; out: string; error?: Error } {
  return run(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      POM,
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      `-DoutputDirectory=${outDir}`,
      '-DincludeScope=runtime',
    ],
    600_000,
    env,
  );
}

function tail(s: string, lines = 5): string {
  return s.split('\n').slice(-lines).join(' | ');
}

let cached: Jars | undefined;

/**
 * The pinned jars, resolved with Maven on first use and verified against jars.lock; later calls (and later
 * runs, through the cache folder's `.verified` marker) reuse them. Synchronous because jest decides
 * `describe` vs a skipped test while collecting. Java or Maven missing, or a failed resolution, come back as
 * a reason; a resolution that differs from the pin is also a reason (the suites then report themselves
 * skipped with it, never passing silently).
 */
export function ensureJars(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): Jars {
  if (cached) return cached;
  cached = checkJars(process.env, log);
  return cached;
}

/** ensureJars without the per-process memo, for a given environment (JAVA_HOME, PATH, PEIYU_KAFKA_CACHE). */
export function checkJars(env: NodeJS.ProcessEnv, log: (line: string) => void): Jars {
  const java = run(javaBin(env), ['-version'], 30_000, env);
  if (!java.ok)
    return {
      available: false,
      reason: `no Java: \`${javaBin(env)} -version\` failed (${java.error?.message ?? tail(java.out)})`,
    };
  const libs = libsDir(env);
  const marker = join(libs, '.verified');
  const digest = lockDigest();
  const classpath = `${libs}/*`;
  // Part of the class-data archive's key: an archive only fits the JVM build that wrote it.
  const javaVersion = java.out.split('\n').join(' ');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest)
    return { available: true, libs, classpath, javaVersion };

  const mvn = run('mvn', ['-v'], 60_000, env);
  if (!mvn.ok)
    return {
      available: false,
      reason: `no Maven: \`mvn -v\` failed (${mvn.error?.message ?? tail(mvn.out)})`,
    };
  mkdirSync(cacheDir(env), { recursive: true });
  const partial = join(cacheDir(env), `libs.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  const started = performance.now();
  log(`kafka-real: resolving Apache Kafka ${KAFKA_VERSION} jars with Maven into ${libs} (first run only)…`);
  const copied = mavenCopy(partial, env);
  const resolvedMs = Math.round(performance.now() - started);
  if (!copied.ok) {
    rmSync(partial, { recursive: true, force: true });
    return {
      available: false,
      reason: `Maven could not resolve Kafka ${KAFKA_VERSION}: ${tail(copied.out)}`,
    };
  }
  const mismatch = verifyLibs(partial, readLock());
  if (mismatch) {
    rmSync(partial, { recursive: true, force: true });
    return {
      available: false,
      broken: true,
      reason: `resolved jars differ from src/maven/jars.lock: ${mismatch}`,
    };
  }
  writeFileSync(join(partial, '.verified'), digest);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) {
    // Another process (turbo runs two packages at once) finished first with the same pinned set; its
    // brokers may be using those jars already, so they stay.
    rmSync(partial, { recursive: true, force: true });
    return { available: true, libs, classpath, javaVersion, resolvedMs };
  }
  rmSync(libs, { recursive: true, force: true });
  try {
    renameSync(partial, libs);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(marker)) throw err;
  }
  log(`kafka-real: ${readLock().length} jars resolved and verified in ${resolvedMs} ms`);
  return { available: true, libs, classpath, javaVersion, resolvedMs };
}
