#!/usr/bin/env node
// `npm start`: `--help` answers at once, from the text beside this file (no build); anything else builds what
// is needed (turbo, served from cache when nothing changed), then runs the stack in this same process, so
// Ctrl-C and a kill of this process reach the runner directly.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(readFileSync(join(here, 'start-help.txt'), 'utf8'));
  process.exit(0);
}
const build = spawnSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  ['turbo', 'run', 'build', '--env-mode=loose', '--output-logs=errors-only'],
  { stdio: 'inherit', cwd: join(here, '..', '..') },
);
if (build.status !== 0) process.exit(build.status ?? 1);
createRequire(import.meta.url)('./dist/cli.js');
