import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAFKA_VERSION, POM } from './config';
import { realKafkaAvailability } from './availability';
import { checkJars, readLock, sha256File, verifyLibs } from './jars';

describe('the pinned jar set', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kafka-real-jars-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lockOf = (files: Record<string, string>) => {
    for (const [f, body] of Object.entries(files)) writeFileSync(join(dir, f), body);
    const lines = Object.keys(files).map((f) => `${sha256File(join(dir, f))}  ${f}  g:${f}:jar:1`);
    writeFileSync(join(dir, 'jars.lock'), `# comment\n${lines.join('\n')}\n`);
    return readLock(join(dir, 'jars.lock'));
  };

  it('accepts exactly the pinned jars', () => {
    const lock = lockOf({ 'a-1.jar': 'a', 'b-1.jar': 'b' });
    expect(lock.map((e) => e.coordinates)).toEqual(['g:a-1.jar:jar:1', 'g:b-1.jar:jar:1']);
    expect(verifyLibs(dir, lock)).toBeUndefined();
  });

  it('names a missing jar, an unpinned one and one whose bytes changed', () => {
    const lock = lockOf({ 'a-1.jar': 'a', 'b-1.jar': 'b', 'c-1.jar': 'c' });
    rmSync(join(dir, 'a-1.jar'));
    writeFileSync(join(dir, 'b-1.jar'), 'tampered');
    writeFileSync(join(dir, 'x-9.jar'), 'x');
    expect(verifyLibs(dir, lock)).toBe('missing a-1.jar; sha256 of b-1.jar differs; unpinned x-9.jar');
  });

  it('pins the Kafka release the POM and the code name', () => {
    const lock = readLock();
    expect(lock.map((e) => e.coordinates)).toContain(`org.apache.kafka:kafka_2.13:jar:${KAFKA_VERSION}`);
    expect(lock.map((e) => e.coordinates)).toContain(`org.apache.kafka:kafka-tools:jar:${KAFKA_VERSION}`);
    expect(readFileSync(POM, 'utf8')).toContain(`<kafka.version>${KAFKA_VERSION}</kafka.version>`);
    for (const e of lock) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a missing Java or Maven as a reason, without resolving anything', () => {
    const noJava = checkJars({ ...process.env, JAVA_HOME: join(dir, 'no-such-jdk') }, () => undefined);
    expect(noJava).toMatchObject({ available: false, reason: expect.stringMatching(/^no Java: /) });
    const java = process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin')] : [];
    const noMaven = checkJars(
      // An empty cache folder and a PATH with java but no mvn.
      {
        ...process.env,
        PEIYU_KAFKA_CACHE: dir,
        PATH: [...java, '/usr/lib/jvm/java-17-openjdk-amd64/bin'].join(':'),
      },
      () => undefined,
    );
    expect(noMaven).toMatchObject({ available: false, reason: expect.stringMatching(/^no (Maven|Java): /) });
  });
});

describe('availability', () => {
  it('can be turned off, and then says so', () => {
    expect(realKafkaAvailability({ PEIYU_REAL_KAFKA: 'off' })).toEqual({
      available: false,
      reason: 'PEIYU_REAL_KAFKA=off',
    });
  });
});
