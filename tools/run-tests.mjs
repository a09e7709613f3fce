// `npm test`: lint, typecheck and test every workspace through turbo, then print one closing line
// ("N passed, N failed, N skipped") summed over all packages, listing every skipped test with its reason.
import { spawnSync } from 'node:child_process';
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

const args = [
  'turbo',
  'run',
  'lint',
  'typecheck',
  'test',
  '--env-mode=loose',
  '--concurrency=2',
  '--continue=dependencies-successful',
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });

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
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a lint/typecheck/runtime failure counts as a failure
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
