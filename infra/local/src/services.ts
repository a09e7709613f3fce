import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceManifest {
  /** short name, e.g. "registry" */
  name: string;
  dir: string;
  /** default HTTP port (4001 registry, 4002 assessment, …) */
  port: number;
  /** entry relative to dir, e.g. dist/main.js */
  main: string;
  /** optional demo loader relative to dir, run once the stack is up with `--demo` */
  demo?: string;
  /** demo loaders run in ascending order (default 100): registry's enterprises before what builds on them */
  demoOrder?: number;
  /** a front end (the portal): started after the services, with their URLs in PEIYU_SERVICE_URLS */
  front?: boolean;
}

/**
 * Every directory under services/ whose package.json carries a `peiyu` block is a service the stack runs.
 * Discovery (not a list here) is what keeps `npm start` running "every service present".
 */
export function discoverServices(repoRoot: string): ServiceManifest[] {
  const base = join(repoRoot, 'services');
  if (!existsSync(base)) return [];
  const found: ServiceManifest[] = [];
  for (const entry of readdirSync(base).sort()) {
    const file = join(base, entry, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { peiyu?: Partial<ServiceManifest> };
    const p = pkg.peiyu;
    if (!p) continue;
    if (typeof p.port !== 'number' || typeof p.main !== 'string') {
      throw new Error(`services/${entry}/package.json: "peiyu" needs a numeric "port" and a "main" entry`);
    }
    found.push({
      name: p.name ?? entry,
      dir: join(base, entry),
      port: p.port,
      main: p.main,
      demo: p.demo,
      demoOrder: p.demoOrder,
      front: p.front === true,
    });
  }
  return found;
}
