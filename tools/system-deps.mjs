// System programs some test suites drive (kafka-lite's kcat suite). Run by tools/run-tests.mjs before the tests:
// a missing program is installed with apt-get when this process is root on a Debian-like system; otherwise this
// only says so, and the suite that needs it reports itself skipped with the reason (never a silent pass).
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** program → Debian package providing it. */
const PROGRAMS = { kcat: 'kcat' };

function runs(program) {
  const r = spawnSync(program, ['-V'], { stdio: 'ignore', timeout: 5000 });
  return !r.error && r.status === 0;
}

/**
 * Records which programs are present in PEIYU_SYSTEM_DEPS, a turbo `env` input of the test task, so a result
 * cached while kcat was missing (suite skipped) is not replayed once it is installed.
 */
function record() {
  process.env.PEIYU_SYSTEM_DEPS = Object.keys(PROGRAMS)
    .map((p) => `${p}=${runs(p) ? 'present' : 'missing'}`)
    .join(',');
}

export function ensureSystemDeps({ log = console.log } = {}) {
  const result = install(log);
  record();
  return result;
}

function install(log) {
  const missing = Object.keys(PROGRAMS).filter((p) => !runs(p));
  if (missing.length === 0) return { installed: [], missing: [] };
  const packages = missing.map((p) => PROGRAMS[p]);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    log(
      `system-deps: ${missing.join(', ')} missing and not installable here (${!isRoot ? 'not root' : 'no apt-get'}); ` +
        `their suites will be reported as skipped. Install with: apt-get install -y ${packages.join(' ')}`,
    );
    return { installed: [], missing };
  }
  log(`system-deps: installing ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
          stdio: 'inherit',
          env,
        })
      : update;
  const still = missing.filter((p) => !runs(p));
  if (install.status !== 0 || still.length > 0) {
    log(
      `system-deps: apt-get could not install ${still.join(', ')}; their suites will be reported as skipped`,
    );
  }
  return { installed: missing.filter((p) => !still.includes(p)), missing: still };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureSystemDeps();
