import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadDevKeys } from '../auth/dev-keys';
import { localVerifier } from '../auth/local-token';
import { sharedClock } from '../clock/shared-clock';
import { tempDir } from '../test-support';
import { clockMain } from './clock-main';
import type { CliIo } from './io';
import { tokenMain } from './token-main';

function io(env: NodeJS.ProcessEnv): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env, out: (l) => stdout.push(l), err: (l) => stderr.push(l), stdout, stderr };
}

describe('token CLI', () => {
  const tmp = tempDir();
  afterAll(tmp.cleanup);
  const env = { PEIYU_HOME: tmp.dir, PEIYU_MODE: 'local' };

  it('prints a token the local verifier accepts', async () => {
    const cli = io(env);
    const code = await tokenMain(
      ['--role', 'enterprise', '--region', '410402', '--uscc', '91410402MA40000001'],
      cli,
    );
    expect(code).toBe(0);
    expect(cli.stdout).toHaveLength(1);
    const keys = await loadDevKeys(join(tmp.dir, 'keys'));
    const clock = sharedClock({ file: join(tmp.dir, 'clock.json') });
    await expect(localVerifier(keys, clock).verify(cli.stdout[0] ?? '')).resolves.toEqual({
      sub: 'dev-enterprise-410402-91410402MA40000001',
      role: 'enterprise',
      region: '410402',
      uscc: '91410402MA40000001',
    });
  });

  it.each([
    [['--role', 'mayor', '--region', '410402'], /--role/],
    [['--role', 'county_reviewer'], /--region: role county_reviewer requires a region/],
    [['--role', 'county_reviewer', '--region', '410400'], /needs a county code/],
    [['--role', 'enterprise', '--region', '410402'], /requires a uscc/],
    [['--role', 'county_reviewer', '--region', '410402', '--ttl', '90d'], /--ttl: must be at most 12h/],
    [['--role', 'county_reviewer', '--region', '410402', '--ttl', 'forever'], /--ttl: not a duration/],
    [['--role', 'admin', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const cli = io(env);
    expect(await tokenMain(argv, cli)).toBe(2);
    expect(cli.stdout).toEqual([]);
    expect(cli.stderr.join('\n')).toMatch(message);
  });

  it('refuses to run outside local mode', async () => {
    for (const mode of ['production', 'staging']) {
      const cli = io({ ...env, PEIYU_MODE: mode });
      expect(await tokenMain(['--role', 'admin'], cli)).toBe(2);
      expect(cli.stdout).toEqual([]);
      expect(cli.stderr.join('\n')).toMatch(/PEIYU_MODE/);
    }
  });
});

describe('clock CLI', () => {
  // issue 11 §3: moving the local clock does not silently expire every token.
  it('a token minted before `clock --advance 40d` keeps working (token lifetimes are real time)', async () => {
    const tmp = tempDir();
    try {
      const env = { PEIYU_HOME: tmp.dir, PEIYU_MODE: 'local' };
      const minted = io(env);
      expect(await tokenMain(['--role', 'county_reviewer', '--region', '410402'], minted)).toBe(0);
      expect(await clockMain(['--advance', '40d'], io(env))).toBe(0);
      const service = sharedClock({ file: join(tmp.dir, 'clock.json') });
      const keys = await loadDevKeys(join(tmp.dir, 'keys'));
      await expect(localVerifier(keys, service).verify(minted.stdout[0] ?? '')).resolves.toMatchObject({
        role: 'county_reviewer',
      });
      // and one minted after the move is accepted by a process that has not seen the move yet
      const after = io(env);
      expect(await tokenMain(['--role', 'admin'], after)).toBe(0);
      const unmoved = sharedClock({ file: join(tmp.dir, 'no-such-clock.json') });
      await expect(localVerifier(keys, unmoved).verify(after.stdout[0] ?? '')).resolves.toMatchObject({
        role: 'admin',
      });
    } finally {
      tmp.cleanup();
    }
  });

  it('advances the shared clock and prints the new date; local mode only', async () => {
    const tmp = tempDir();
    try {
      const env = { PEIYU_HOME: tmp.dir, PEIYU_MODE: 'local' };
      const service = sharedClock({ file: join(tmp.dir, 'clock.json') });
      const before = service.now().getTime();
      const cli = io(env);
      expect(await clockMain(['--advance', '15d'], cli)).toBe(0);
      const after = service.now().getTime();
      expect(after - before).toBeGreaterThanOrEqual(15 * 86_400_000);
      expect(after - before).toBeLessThan(16 * 86_400_000);
      expect(cli.stdout[0]).toMatch(/^\d{4}-\d{2}-\d{2} \(.*; 15 day\(s\) ahead of real time\)$/);
      expect(cli.stdout[1]).toMatch(/tokens minted before this move keep working/);
      expect(await clockMain(['--advance', 'later'], io(env))).toBe(2);
      expect(await clockMain(['--advance', '1d'], io({ ...env, PEIYU_MODE: 'production' }))).toBe(2);
    } finally {
      tmp.cleanup();
    }
  });
});

// The built entry points, as `npm run token` runs them (requires `build`, which turbo runs before `test`).
describe('built CLIs', () => {
  const run = promisify(execFile);
  const dist = join(__dirname, '..', '..', 'dist', 'cli');

  it('token.js prints a JWT in local mode and exits 2 in production', async () => {
    const tmp = tempDir();
    try {
      const env = { PATH: process.env['PATH'], PEIYU_HOME: tmp.dir, PEIYU_MODE: 'local' };
      const ok = await run(
        process.execPath,
        [join(dist, 'token.js'), '--role', 'county_reviewer', '--region', '410402'],
        { env },
      );
      expect(ok.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      const refused = await run(process.execPath, [join(dist, 'token.js'), '--role', 'admin'], {
        env: { ...env, PEIYU_MODE: 'production' },
      }).catch((err: { code: number; stderr: string }) => err);
      expect(refused).toMatchObject({ code: 2 });
      expect((refused as { stderr: string }).stderr).toMatch(/only available in local mode/);
    } finally {
      tmp.cleanup();
    }
  });

  it('clock.js in one process moves the clock another process reads', async () => {
    const tmp = tempDir();
    try {
      const service = sharedClock({ file: join(tmp.dir, 'clock.json') });
      const before = service.now().getTime();
      await run(process.execPath, [join(dist, 'clock.js'), '--advance', '3d'], {
        env: { PATH: process.env['PATH'], PEIYU_HOME: tmp.dir, PEIYU_MODE: 'local' },
      });
      expect(service.now().getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000);
    } finally {
      tmp.cleanup();
    }
  });
});
