import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '@peiyu/service-kit';
import { exampleVersionDrafts } from '../domain';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, policyMain } from './policy-main';

const POLICIES = join(__dirname, '..', '..', 'policies');
const home = mkdtempSync(join(tmpdir(), 'peiyu-policy-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { PEIYU_HOME: home, PEIYU_MODE: 'local' };

function io(e: NodeJS.ProcessEnv): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { env: e, out: (l) => stdout.push(l), err: (l) => stderr.push(l), stdout, stderr };
}

describe('the shipped example policy files', () => {
  it('are exactly the example versions, each marked as an example', () => {
    const files = readdirSync(POLICIES).filter((f) => f.endsWith('.example.json'));
    const shipped = files.map((f) => {
      const { _comment, ...v } = JSON.parse(readFileSync(join(POLICIES, f), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(_comment).toMatch(/^EXAMPLE/);
      return v;
    });
    const byId = (a: { policyId?: unknown }, b: { policyId?: unknown }) =>
      String(a.policyId) < String(b.policyId) ? -1 : 1;
    expect(shipped.sort(byId)).toEqual([...exampleVersionDrafts()].sort(byId));
    expect(shipped.every((v) => v.example === true)).toBe(true);
  });
});

describe('policy CLI (npm run policy -- publish --file …)', () => {
  it('POSTs each version (comments left out) with a local admin token and names a refused rule', async () => {
    const seen: Array<{ url: string; body: Record<string, unknown> }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      seen.push({ url, body });
      expect(String((init.headers as Record<string, string>).authorization)).toMatch(/^Bearer /);
      return seen.length === 1
        ? new Response(JSON.stringify({ versions: [] }), { status: 201 })
        : new Response(JSON.stringify({ code: 'policy.funding', detail: '省级不超过50%' }), { status: 400 });
    }) as unknown as typeof fetch;
    const cli = io(env);
    const file = join(POLICIES, 'rd-subsidy.example.json');
    expect(await policyMain(['publish', '--file', file, '--url', 'http://s:1'], cli, fakeFetch)).toBe(
      EXIT_OK,
    );
    expect(seen[0]!.url).toBe('http://s:1/v1/policy-versions');
    expect(seen[0]!.body._comment).toBeUndefined();
    expect(cli.stdout).toEqual(['rd-subsidy rd-subsidy-henan-2018: published (EXAMPLE parameters)']);
    const refused = io(env);
    expect(await policyMain(['publish', '--file', file, '--url', 'http://s:1'], refused, fakeFetch)).toBe(
      EXIT_REFUSED,
    );
    expect(refused.stderr[0]).toMatch(/refused 400 policy\.funding — 省级不超过50%/);
  });

  it('refuses outside local mode and without a file', async () => {
    expect(await policyMain(['publish', '--file', 'x'], io({ PEIYU_HOME: home }))).toBe(EXIT_USAGE);
    const cli = io(env);
    expect(await policyMain(['publish'], cli)).toBe(EXIT_USAGE);
    expect(cli.stderr[0]).toMatch(/needs --file/);
  });
});
