// System programs some test suites drive (kafka-lite's kcat suite; the portal's browser suite drives Debian's
// Chromium and needs CJK fonts to render Chinese). Run by tools/run-tests.mjs before the tests:
// a missing program is installed with apt-get when this process is root on a Debian-like system; otherwise this
// only says so, and the suite that needs it reports itself skipped with the reason (never a silent pass).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

function runs(program, args) {
  const r = spawnSync(program, args, { stdio: 'ignore', timeout: 10000 });
  return !r.error && r.status === 0;
}

/** dependency → its Debian package and how to tell it is present. */
const PROGRAMS = {
  kcat: { pkg: 'kcat', present: () => runs('kcat', ['-V']) },
  chromium: { pkg: 'chromium', present: () => runs('chromium', ['--version']) },
  'fonts-noto-cjk': {
    pkg: 'fonts-noto-cjk',
    present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  },
};
const present = (p) => PROGRAMS[p].present();

/**
 * Records which programs are present in PEIYU_SYSTEM_DEPS, a turbo `env` input of the test task, so a result
 * cached while kcat was missing (suite skipped) is not replayed once it is installed.
 */
function record() {
  process.env.PEIYU_SYSTEM_DEPS = Object.keys(PROGRAMS)
    .map((p) => `${p}=${present(p) ? 'present' : 'missing'}`)
    .join(',');
}

export function ensureSystemDeps({ log = console.log } = {}) {
  const result = install(log);
  record();
  return result;
}

function install(log) {
  const missing = Object.keys(PROGRAMS).filter((p) => !present(p));
  if (missing.length === 0) return { installed: [], missing: [] };
  const packages = missing.map((p) => PROGRAMS[p].pkg);
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
  const still = missing.filter((p) => !present(p));
  if (install.status !== 0 || still.length > 0) {
    log(
      `system-deps: apt-get could not install ${still.join(', ')}; their suites will be reported as skipped`,
    );
  }
  return { installed: missing.filter((p) => !still.includes(p)), missing: still };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureSystemDeps();
