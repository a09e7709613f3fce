import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { credentialUri } from '@peiyu/mongo-lite';
import type { RunningStack } from './stack';

/**
 * Recorded history for `--demo`: the generator's scenarios (infra/generate `--scenario`), written into the
 * owners' stores through the same contracts and hash chains as their own appends — the only honest way to
 * have a past year's entries, which today's API refuses (their dates are past). The services' outbox relays
 * publish them; statistics counts them. `demoOrder` places each among the services' demo loaders: after
 * assessment's (100) and certification's (110), before statistics' (200), which shows the figures.
 */
export const DEMO_HISTORY: ReadonlyArray<{ scenario: string; demoOrder: number; needs: readonly string[] }> =
  [
    // 岳阳 2022: tech-SME entries of January–May by county (shared/seeds 001).
    { scenario: 'yueyang-2022', demoOrder: 150, needs: ['registry', 'assessment', 'statistics'] },
  ];

/** The stack's MongoDB as its root user (the generator writes into several services' databases). */
function rootMongoUrl(stack: RunningStack): string {
  const root = stack.credentials?.mongo.users.find((u) => u.user === 'root');
  return root && stack.embedded ? credentialUri(stack.mongoUrl, root) : stack.mongoUrl;
}

/**
 * Runs the generator's scenario against the running stack (a child process: infra/generate's CLI, built by
 * `npm start`'s build). A rerun writes nothing new (the generator's checkpoint and the stores' unique ids).
 * The root URL travels in the child's environment, not on its command line (which `ps` shows).
 */
export async function importHistory(
  stack: RunningStack,
  repoRoot: string,
  scenario: string,
  log: (line: string) => void = (l) => console.log(l),
): Promise<void> {
  const cli = join(repoRoot, 'infra', 'generate', 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build @peiyu/generate first`);
  const child = spawn(
    process.execPath,
    [cli, '--scenario', scenario, '--mongo', 'env:PEIYU_GENERATE_MONGO'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PEIYU_GENERATE_MONGO: rootMongoUrl(stack) },
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`history ${scenario} failed (exit ${code}): ${out.slice(-2000)}`);
  const summary = out.slice(out.indexOf('{\n'));
  try {
    const s = JSON.parse(summary) as { events: number; writtenThisRun: number };
    log(`history ${scenario}: ${s.events} events (${s.writtenThisRun} written by this run)`);
  } catch {
    log(`history ${scenario}: done`);
  }
}
