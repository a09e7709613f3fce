import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDevKeys } from '../auth/dev-keys';
import { localVerifier } from '../auth/local-token';
import { sharedClock } from '../clock/shared-clock';
import { tempDir } from '../test-support';
import { calendarMain } from './calendar-main';
import type { CliIo } from './io';

function io(env: NodeJS.ProcessEnv): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env, out: (l) => stdout.push(l), err: (l) => stderr.push(l), stdout, stderr };
}

const VIEW = { year: 2027, source: 'published', provisional: false, reference: 'EXAMPLE' };

describe('calendar CLI (npm run calendar -- publish <year> --file …)', () => {
  const tmp = tempDir();
  afterAll(tmp.cleanup);
  const env = { PEIYU_HOME: tmp.dir, PEIYU_MODE: 'local' };
  const file = join(tmp.dir, 'arrangement.json');
  writeFileSync(
    file,
    JSON.stringify({
      _comment: 'example',
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
      reference: 'EXAMPLE',
    }),
  );

  it('PUTs the file (comments left out) to the registry with a local admin token', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify(VIEW), { status: 201 });
    }) as unknown as typeof fetch;
    const cli = io(env);
    const code = await calendarMain(
      ['publish', '2027', '--file', file, '--correction', 'typo', '--url', 'http://registry.test/'],
      cli,
      fakeFetch,
    );
    expect(code).toBe(0);
    expect(seen[0]!.url).toBe('http://registry.test/v1/calendars/2027');
    expect(seen[0]!.init.method).toBe('PUT');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual({
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
      reference: 'EXAMPLE',
      correction: { reason: 'typo' },
    });
    const token = (seen[0]!.init.headers as Record<string, string>).authorization!.replace('Bearer ', '');
    const keys = await loadDevKeys(join(tmp.dir, 'keys'));
    await expect(
      localVerifier(keys, sharedClock({ file: join(tmp.dir, 'clock.json') })).verify(token),
    ).resolves.toMatchObject({ role: 'admin' });
    expect(cli.stdout.at(-1)).toMatch(/^2027: published — EXAMPLE; every service picks it up/);
  });

  it('prints the problem and exits 1 when the registry refuses', async () => {
    const refuse = (async () =>
      new Response(JSON.stringify({ code: 'calendar_already_published' }), {
        status: 409,
      })) as unknown as typeof fetch;
    const cli = io(env);
    expect(await calendarMain(['publish', '2027', '--file', file], cli, refuse)).toBe(1);
    expect(cli.stderr.join('\n')).toMatch(/409 .*calendar_already_published/);
  });

  it.each([
    [['publish', '2027'], /needs --file/],
    [['publish', 'next', '--file', 'x'], /expected "publish <year>"/],
    [['erase', '2027'], /expected "publish <year>"/],
    [['publish', '2027', '--file', '/nonexistent.json'], /cannot read/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const cli = io(env);
    expect(await calendarMain(argv, cli, (() => Promise.reject(new Error('no call'))) as never)).toBe(2);
    expect(cli.stderr.join('\n')).toMatch(message);
  });

  it('refuses outside local mode', async () => {
    const cli = io({ ...env, PEIYU_MODE: 'production' });
    expect(await calendarMain(['show', '2027'], cli)).toBe(2);
  });
});
