import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root: the nearest ancestor whose package.json declares workspaces. Services run with their own
 * package as cwd (turbo), yet local-mode state (`.peiyu/`) must be one folder shared by every process.
 */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && declaresWorkspaces(pkg)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

function declaresWorkspaces(pkgFile: string): boolean {
  try {
    return 'workspaces' in (JSON.parse(readFileSync(pkgFile, 'utf8')) as object);
  } catch {
    return false;
  }
}

/** `<repo>/.peiyu`, or `PEIYU_HOME` when set. */
export function peiyuHome(env: NodeJS.ProcessEnv = process.env): string {
  return env['PEIYU_HOME'] ? resolve(env['PEIYU_HOME']) : join(findRepoRoot(), '.peiyu');
}
