import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningStack } from './stack';

/**
 * `npm start -- --demo`: each service's demo loader (its manifest's `demo` entry), in `demoOrder`, as its own
 * process against the running stack. A loader is handed its own address (SERVICE_URL) and every service's
 * (PEIYU_SERVICE_URLS, and REGISTRY_URL for the loaders that register enterprises first), so it works on any
 * ports. Used by the CLI and by the tests that need the demo's data.
 */
export interface DemoOptions {
  /** 'inherit' (the CLI) or a sink for the loaders' output lines (tests). */
  output: 'inherit' | ((line: string) => void);
  /** Only these services' loaders (default every one the stack runs). */
  only?: string[];
}

export interface DemoResult {
  service: string;
  exitCode: number | null;
}

export function serviceUrlsOf(stack: RunningStack): string {
  return stack.services.map((s) => `${s.name}=${s.url}`).join(',');
}

export async function loadDemos(stack: RunningStack, options: DemoOptions): Promise<DemoResult[]> {
  const byOrder = [...stack.services]
    .filter((s) => !options.only || options.only.includes(s.name))
    .sort((a, b) => (a.manifest.demoOrder ?? 100) - (b.manifest.demoOrder ?? 100));
  const registry = stack.services.find((s) => s.name === 'registry');
  const results: DemoResult[] = [];
  for (const s of byOrder) {
    if (!s.manifest.demo) continue;
    const entry = join(s.manifest.dir, s.manifest.demo);
    if (!existsSync(entry)) continue;
    if (options.output === 'inherit') console.log(`loading demo data for ${s.name}…`);
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
    results.push({ service: s.name, exitCode: code });
  }
  return results;
}
