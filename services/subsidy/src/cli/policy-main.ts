import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  clockForMode,
  defaultKeyDir,
  loadDevKeys,
  peiyuMode,
  signLocalToken,
  type CliIo,
} from '@peiyu/service-kit';

const USAGE = `usage: npm run policy -- publish --file <version.json> [--file …] [--url <subsidy>]
       npm run policy -- show [<policyId>] [--url <subsidy>]
  The file holds one policy version or an array of them (see services/subsidy/policies/*.example.json):
  { "policyId", "versionId", "effectiveFrom", "effectiveTo", "legalReference", "funding", "parameters",
    "budgetRule", "example" } — money in integer fen, rates as exact text ('0.10', '1/3'). Keys starting with
  "_" are comments. The subsidy URL defaults to $SUBSIDY_URL or http://localhost:4004.`;

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      file: { type: 'string', multiple: true },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const withoutComments = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('_')));

/**
 * `policy` CLI: a policy owner publishes versions as data through subsidy's `POST /v1/policy-versions` with a
 * local admin token (signed with the dev key), or shows the published ones. Local mode only; in production the
 * owner calls the endpoint with their own token. A refused version prints the rule it breaks.
 */
export async function policyMain(argv: string[], io: CliIo, fetchFn: typeof fetch = fetch): Promise<number> {
  if (peiyuMode(io.env) !== 'local') {
    io.err('policy: local mode only (PEIYU_MODE=local); in production call POST /v1/policy-versions');
    return EXIT_USAGE;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.err(`policy: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [verb, policyId] = positionals;
  if (values.help) {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (verb !== 'publish' && verb !== 'show') {
    io.err(`policy: expected "publish" or "show"\n${USAGE}`);
    return EXIT_USAGE;
  }
  const versions: Record<string, unknown>[] = [];
  if (verb === 'publish') {
    if (values.file === undefined || values.file.length === 0) {
      io.err(`policy: publish needs --file <version.json>\n${USAGE}`);
      return EXIT_USAGE;
    }
    for (const path of values.file) {
      try {
        const file = JSON.parse(await readFile(path, 'utf8')) as unknown;
        const list = Array.isArray(file) ? file : [file];
        versions.push(...list.map((v) => withoutComments(v as Record<string, unknown>)));
      } catch (err) {
        io.err(`policy: cannot read ${path}: ${(err as Error).message}`);
        return EXIT_USAGE;
      }
    }
  }
  const keys = await loadDevKeys(defaultKeyDir(io.env));
  const token = await signLocalToken(keys, {
    principal: { sub: 'dev-admin-policy', role: 'admin' },
    ttlMs: 5 * 60_000,
    clock: clockForMode('local', io.env),
  });
  const base = (values.url ?? io.env.SUBSIDY_URL ?? 'http://localhost:4004').replace(/\/$/, '');
  const headers = { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN, en;q=0.5' };
  if (verb === 'show') {
    const path = policyId ? `/v1/policies/${policyId.replace('/', '.')}` : '/v1/policies?pageSize=100';
    const res = await fetchFn(`${base}${path}`, { headers });
    const text = await res.text();
    (res.ok ? io.out : io.err)(text);
    return res.ok ? EXIT_OK : EXIT_REFUSED;
  }
  let refused = 0;
  for (const v of versions) {
    const res = await fetchFn(`${base}/v1/policy-versions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(v),
    });
    const body = (await res.json()) as { code?: string; detail?: string };
    const name = `${String(v.policyId)} ${String(v.versionId)}`;
    if (res.ok) io.out(`${name}: published${v.example ? ' (EXAMPLE parameters)' : ''}`);
    else {
      refused += 1;
      io.err(`${name}: refused ${res.status} ${body.code ?? ''} — ${body.detail ?? JSON.stringify(body)}`);
    }
  }
  return refused === 0 ? EXIT_OK : EXIT_REFUSED;
}
