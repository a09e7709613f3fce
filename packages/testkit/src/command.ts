import { spawnSync } from 'node:child_process';

export type CommandAvailability = { available: true; version: string } | { available: false; reason: string };

const cache = new Map<string, CommandAvailability>();

/**
 * Whether `command` runs (probed with `versionArgs`, 5 s limit). Synchronous because jest decides `describe`
 * vs `describe.skip` while collecting tests. The version is the first output line that mentions one.
 */
export function commandAvailability(
  command: string,
  versionArgs: readonly string[] = ['--version'],
): CommandAvailability {
  const key = [command, ...versionArgs].join(' ');
  const known = cache.get(key);
  if (known) return known;
  const r = spawnSync(command, versionArgs, { timeout: 5000, encoding: 'utf8' });
  const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const result: CommandAvailability =
    r.error || r.status !== 0
      ? {
          available: false,
          reason: `\`${command}\` is not installed or does not run (${r.error?.message ?? `exit ${r.status}`})`,
        }
      : {
          available: true,
          version:
            output
              .split('\n')
              .find((l) => /\d+\.\d+/.test(l))
              ?.trim() ?? 'unknown version',
        };
  cache.set(key, result);
  return result;
}

/**
 * `describe` for suites that drive an external program. Without it the suite is registered as one skipped test
 * whose name carries the reason (and `hint`, e.g. how to install it), so the run reports it as skipped — it never
 * passes silently.
 */
export function describeWithCommand(
  name: string,
  command: string,
  body: (version: string) => void,
  opts: { versionArgs?: readonly string[]; hint?: string; versionOf?: (line: string) => string } = {},
): void {
  const c = commandAvailability(command, opts.versionArgs);
  if (c.available) {
    const version = opts.versionOf ? opts.versionOf(c.version) : c.version;
    describe(`${name} (${version})`, () => body(version));
  } else {
    describe(name, () => {
      it.skip(`[skipped: ${c.reason}${opts.hint ? `; ${opts.hint}` : ''}]`, () => undefined);
    });
  }
}
