import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_HISTORY, importHistory } from './history';
import type { RunningStack } from './stack';

/**
 * `npm start -- --demo`: each service's demo loader (its manifest's `demo` entry), in `demoOrder`, as its own
 * process against the running stack. A loader is handed its own address (SERVICE_URL) and every service's
 * (PEIYU_SERVICE_URLS, and REGISTRY_URL for the loaders that register enterprises first), so it works on any
 * ports. Recorded history (the generator's scenarios, `DEMO_HISTORY`) is imported at its place in the same
 * order when the services it needs run. Used by the CLI and by the tests that need the demo's data.
 */
export interface DemoOptions {
  /** 'inherit' (the CLI) or a sink for the loaders' output lines (tests). */
  output: 'inherit' | ((line: string) => void);
  /** Only these services' loaders (default every one the stack runs). */
  only?: string[];
  /** Where infra/generate is built (for recorded history); default: three folders above a service's. */
  repoRoot?: string;
}

export interface DemoResult {
  service: string;
  exitCode: number | null;
}

export function serviceUrlsOf(stack: RunningStack): string {
  return stack.services.map((s) => `${s.name}=${s.url}`).join(',');
}

type Service = RunningStack['services'][number];

export async function loadDemos(stack: RunningStack, options: DemoOptions): Promise<DemoResult[]> {
  const chosen = stack.services.filter((s) => !options.only || options.only.includes(s.name));
  const running = new Set(chosen.map((s) => s.name));
  const repoRoot = options.repoRoot ?? (chosen[0] ? join(chosen[0].manifest.dir, '..', '..') : '.');
  const say = (line: string) =>
    options.output === 'inherit' ? console.log(line) : options.output(`[demo] ${line}`);
  const steps = [
    ...chosen.map((s) => ({ order: s.manifest.demoOrder ?? 100, run: () => runLoader(stack, s, options) })),
    ...DEMO_HISTORY.filter((h) => h.needs.every((n) => running.has(n))).map((h) => ({
      order: h.demoOrder,
      run: async (): Promise<DemoResult> => {
        say(`importing recorded history ${h.scenario}…`);
        try {
          await importHistory(stack, repoRoot, h.scenario, say);
          return { service: `history ${h.scenario}`, exitCode: 0 };
        } catch (err) {
          say((err as Error).message);
          return { service: `history ${h.scenario}`, exitCode: 1 };
        }
      },
    })),
  ].sort((a, b) => a.order - b.order);
  const results: DemoResult[] = [];
  for (const step of steps) {
    const r = await step.run();
    if (r) results.push(r);
  }
  return results;
}

async function runLoader(
  stack: RunningStack,
  s: Service,
  options: DemoOptions,
): Promise<DemoResult | undefined> {
  if (!s.manifest.demo) return undefined;
  const entry = join(s.manifest.dir, s.manifest.demo);
  if (!existsSync(entry)) return undefined;
  if (options.output === 'inherit') console.log(`loading demo data for ${s.name}…`);
  const registry = stack.services.find((x) => x.name === 'registry');
  // Asynchronous, so the CLI still handles Ctrl-C while demo data loads.
  const child = spawn(process.execPath, [entry], {
    stdio: options.output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PEIYU_HOME: stack.homeDir,
      PEIYU_MODE: 'local',
      SERVICE_URL: s.url,
      PEIYU_SERVICE_URLS: serviceUrlsOf(stack),
      ...(registry ? { REGISTRY_URL: registry.url } : {}),
    },
  });
  const sink = options.output;
  if (sink !== 'inherit') {
    const lines = (chunk: Buffer) => {
      for (const l of String(chunk).split('\n')) if (l.trim()) sink(`[demo ${s.name}] ${l}`);
    };
    child.stdout!.on('data', lines);
    child.stderr!.on('data', lines);
  }
  const [code] = (await once(child, 'exit')) as [number | null];
  return { service: s.name, exitCode: code };
}
