// `npm test`: build (which type-checks the tests too: tools/tsc-build.mjs), lint and test every workspace
// through turbo, then print one closing line ("N passed, N failed, N skipped") summed over all packages,
// listing every skipped test with its reason.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemDeps } from './system-deps.mjs';

const root = new URL('..', import.meta.url).pathname;
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const dirs = [];
for (const pattern of workspaces) {
  const base = join(root, pattern.replace('/*', ''));
  if (!existsSync(base)) continue;
  for (const name of (await import('node:fs')).readdirSync(base)) {
    if (existsSync(join(base, name, 'package.json'))) dirs.push(join(base, name));
  }
}
for (const d of dirs) rmSync(join(d, '.test-results.json'), { force: true });

// Programs some suites drive (kcat): installed when possible, otherwise those suites report themselves skipped.
ensureSystemDeps();

// Two lanes, longest workspaces first. Turbo has no task priorities: left to its own order it reached the
// portal's browser journey (≈ 4–5 min) last and ran it alone while the other core idled (3 of the 17 min of a
// fresh-clone run on 7 Dec). So every workspace the others need is built first; then two workers take the
// workspaces from a queue, longest first, each workspace's tests in one turbo run (`--only`: its dependencies
// are built, and no run restores files that a test in the other lane is reading); the lint of every workspace
// is one more item. The portal, which nothing depends on, builds in its lane. The two whole-stack suites (the
// portal's browser journey, the audit's demo recompute) never run side by side: together they took 687 s
// against 581 one after the other (7 Dec).
const run = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
const turbo = (tasks, extra) =>
  run('npx', [
    'turbo',
    'run',
    ...tasks,
    '--env-mode=loose',
    '--continue=dependencies-successful',
    ...extra,
    ...process.argv.slice(2),
  ]);
// The lint of every workspace in one ESLint and one Prettier process: the same config and files as each
// workspace's `lint` task (`eslint src --max-warnings 0 && prettier --check src`), without seventeen start-ups
// of each (≈ 58 s of CPU for the whole repository against ≈ 138 s of lint tasks in the run of 7 Dec).
const LINT_ALL = 'lint (every workspace)';
const sources = dirs.map((d) => join(d.slice(root.length), 'src')).filter((d) => existsSync(join(root, d)));
const lintAll = async () =>
  (await run('npx', ['eslint', ...sources, '--max-warnings', '0'])) ||
  run('npx', ['prettier', '--check', '--log-level', 'warn', ...sources]);
/** Longest first (turbo's task times on this machine, 7 Dec); the rest follow. */
// No separate typecheck task: each workspace's build already compiled and checked its tests with the rest.
const LONGEST_FIRST = [
  'portal',
  'audit',
  'eventstore',
  'assessment',
  'certification',
  'statistics',
  'subsidy',
  'registry',
  'generate',
  'kafka-lite',
  'mongo-lite',
  LINT_ALL,
];
const WHOLE_STACK = new Set(['@peiyu/portal', '@peiyu/audit']);
const LAST_BUILT = '@peiyu/portal';
const names = [...dirs.map((d) => JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name), LINT_ALL];
const rank = (name) => {
  const i = LONGEST_FIRST.indexOf(name.replace(/^@peiyu\//, ''));
  return i < 0 ? LONGEST_FIRST.length : i;
};
const queue = [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
// `npm test -- --filter=<workspace>` (a developer's narrower run): one turbo run of what was asked, as before.
const narrowed = process.argv.slice(2).some((a) => a.startsWith('--filter') || a.startsWith('-F'));
/** The steps that exited non-zero (a build, a workspace's tests, the lint), named in the closing lines. */
const failedSteps = [];
const codes = narrowed
  ? [await turbo(['lint', 'test'], ['--concurrency=2'])]
  : [await turbo(['build'], ['--concurrency=2', `--filter=!${LAST_BUILT}`])];
/** While a whole-stack workspace runs: its end (set in the same step that takes it from the queue). */
let stackDone;
let releaseStack = () => {};
const take = async () => {
  for (;;) {
    const i = queue.findIndex((n) => !(stackDone && WHOLE_STACK.has(n)));
    if (i >= 0) {
      const [name] = queue.splice(i, 1);
      if (WHOLE_STACK.has(name)) stackDone = new Promise((resolve) => (releaseStack = resolve));
      return name;
    }
    if (!stackDone) return undefined;
    await stackDone;
  }
};
const lane = async (name) => {
  if (name === LINT_ALL) return lintAll();
  const only = ['--only', '--concurrency=1', `--filter=${name}`];
  const built = name === LAST_BUILT ? await turbo(['build'], only) : 0;
  return built || turbo(['test'], only);
};
const worker = async () => {
  for (let name = await take(); name; name = await take()) {
    const code = await lane(name);
    codes.push(code);
    if (code !== 0) failedSteps.push(name);
    if (WHOLE_STACK.has(name)) {
      stackDone = undefined;
      releaseStack();
    }
  }
};
if (!narrowed) await Promise.all([worker(), worker()]);

let passed = 0,
  failed = 0,
  skipped = 0;
const skippedNames = [];
for (const d of dirs) {
  const f = join(d, '.test-results.json');
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, 'utf8'));
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  for (const n of r.skippedTests ?? []) skippedNames.push(`${d.slice(root.length)}: ${n}`);
}
if (skippedNames.length) {
  console.log('\nSkipped tests (with reason):');
  for (const n of skippedNames) console.log(`  - ${n}`);
}
const code = codes.find((c) => c !== 0) ?? 0;
if (code !== 0 && failed === 0) failed = 1; // a build/lint/runtime failure counts as a failure
if (code !== 0) {
  const whole = narrowed ? 'the lint and tests asked for' : 'the build of every workspace';
  const steps = failedSteps.length ? failedSteps.join(', ') : whole;
  console.log(`\nfailed: ${steps} (its output is above)`);
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
