// `npm run pin -w @peiyu/kafka-real`: resolves the POM afresh and rewrites src/maven/jars.lock (sha256, file,
// Maven coordinates of every jar). Run it after changing the Kafka version; commit the lock it writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { KAFKA_VERSION, LOCK, POM } from './config';
import { mavenCopy, sha256File } from './jars';

const dir = mkdtempSync(join(tmpdir(), 'kafka-real-pin-'));
try {
  const copied = mavenCopy(join(dir, 'libs'));
  if (!copied.ok) throw new Error(`mvn copy-dependencies failed:\n${copied.out}`);
  const listFile = join(dir, 'list.txt');
  const listed = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      POM,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list',
      '-DincludeScope=runtime',
      '-DoutputAbsoluteArtifactFilename=true',
      `-DoutputFile=${listFile}`,
    ],
    { encoding: 'utf8' },
  );
  if (listed.status !== 0) throw new Error(`mvn dependency:list failed:\n${listed.stdout}${listed.stderr}`);
  // Lines look like "   group:artifact:jar[:classifier]:version:scope:/abs/path/file.jar".
  const coordinatesOf = new Map<string, string>();
  for (const line of readFileSync(listFile, 'utf8').split('\n')) {
    const m = /^\s+([^\s:]+:[^\s:]+:[^\s]+?):(?:compile|runtime):(\/.+\.jar)/.exec(line);
    if (m?.[1] && m[2]) coordinatesOf.set(basename(m[2]), m[1]);
  }
  const jars = readdirSync(join(dir, 'libs'))
    .filter((f) => f.endsWith('.jar'))
    .sort();
  const lines = jars.map((f) => {
    const coordinates = coordinatesOf.get(f);
    if (!coordinates) throw new Error(`no Maven coordinates listed for ${f}`);
    return `${sha256File(join(dir, 'libs', f))}  ${f}  ${coordinates}`;
  });
  writeFileSync(
    LOCK,
    [
      `# Apache Kafka ${KAFKA_VERSION} for @peiyu/kafka-real: every jar Maven resolves for src/maven/pom.xml.`,
      '# sha256  file  group:artifact:type[:classifier]:version — written by `npm run pin -w @peiyu/kafka-real`.',
      ...lines,
      '',
    ].join('\n'),
  );
  console.log(`pinned ${lines.length} jars in ${LOCK}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
