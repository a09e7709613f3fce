// `npm run fuzz` (issue 12): property-based HTTP fuzzing (fast-check) of every command endpoint of registry,
// assessment and certification, in process — PEIYU_FUZZ_RUNS requests per service (default 10,000: ≥ 30,000 in all), 0 answers
// ≥ 500 allowed. Runs each service's security/fuzz.int.test.ts (the same test `npm test` runs with 500) and
// prints one JSON summary line. PEIYU_FUZZ_SEED replays a run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.env.PEIYU_FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.PEIYU_FUZZ_SEED ?? Date.now() % 2 ** 31);
const dir = mkdtempSync(join(tmpdir(), 'peiyu-fuzz-'));
const started = Date.now();
const services = [];
let ok = true;
for (const service of ['registry', 'assessment', 'certification']) {
  const file = join(dir, `${service}.json`);
  const run = spawnSync(
    'npx',
    ['jest', 'src/security/fuzz.int.test.ts', '--silent', '--selectProjects', 'kafka-lite'],
    {
      cwd: join(root, 'services', service),
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PEIYU_FUZZ_RUNS: String(runs),
        PEIYU_FUZZ_SEED: String(seed),
        PEIYU_FUZZ_SUMMARY: file,
      },
    },
  );
  const summary = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  if (run.status !== 0 || !summary) ok = false;
  services.push(summary ?? { service, error: `jest exited with ${run.status}` });
}
rmSync(dir, { recursive: true, force: true });
const total = (key) => services.reduce((n, s) => n + (s[key] ?? 0), 0);
const line = {
  fuzz: 'http',
  ok,
  seed,
  requests: total('requests'),
  commandEndpoints: total('commandEndpoints'),
  serverErrors: total('serverErrors'),
  durationMs: Date.now() - started,
  services: services.map(({ failures, endpoints, ...s }) => ({
    ...s,
    endpoints: endpoints ? Object.keys(endpoints).length : 0,
    failures: failures ?? [],
  })),
};
console.log(JSON.stringify(line));
process.exit(ok ? 0 : 1);
