#!/usr/bin/env node
// `npm run audit -- <command>`:
//   verify <bundle.jsonl>                         offline: checks an export, no database (standalone verifier)
//   replay [--region 410402] [--from D] [--to D]  starts a replay job on the audit service, draws its progress
//          [--url http://localhost:4005]          token: PEIYU_TOKEN, or in local mode a dev auditor token
//   recompute --year 2026 [--region 410402]       recomputes every score, pre-check and entitlement of the
//          [--set tech-sme-score.passScore=70]    region and year (a job), draws progress, prints the summary;
//          [--url …]                              --set overrides a parameter (value as JSON, else text)
import { parseArgs } from 'node:util';
import { verifyMain } from './verifier/verify-bundle';

type Out = (s: string) => void;

/** `[██████░░░░░░]  42%  126/300 streams` — one line, redrawn in place on a terminal. */
export function progressBar(done: number, total: number, width = 30, unit = 'streams'): string {
  const ratio = total ? Math.min(1, done / total) : 1;
  const full = Math.round(ratio * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${done}/${total} ${unit}`;
}

/** `--set kind.name=value` → `{ kind: { name: value } }`; the value is JSON when it parses, else text. */
export function parseOverrides(sets: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of sets) {
    const m = /^([a-z-]+)\.([A-Za-z0-9_]+)=(.*)$/s.exec(s);
    if (!m) throw new Error(`--set ${s}: expected kind.parameter=value (e.g. tech-sme-score.passScore=70)`);
    let value: unknown = m[3];
    try {
      value = JSON.parse(m[3]!);
    } catch {
      // plain text, e.g. a fraction '0.2'… which JSON reads as a number: write it quoted, "\"0.2\"".
    }
    (out[m[1]!] ??= {})[m[2]!] = value;
  }
  return out;
}

interface RecomputeJobView {
  status: string;
  done: number;
  total: number;
  summary: {
    total: number;
    matched: number;
    differed: number;
    failed: number;
    byKind: Record<string, { total: number; matched: number; differed: number; failed: number }>;
    fields: Array<{ path: string; count: number }>;
  };
  differing: Array<{ streamId: string; version: number; kind: string; diffs: unknown[]; error?: unknown }>;
  error?: string;
}

export async function recomputeMain(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: Out,
  pollMs = 300,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      set: { type: 'string', multiple: true },
      url: { type: 'string' },
    },
  });
  if (!values.year || !/^\d{4}$/.test(values.year)) {
    out('recompute needs --year YYYY');
    return 2;
  }
  const base = (values.url ?? env.AUDIT_URL ?? 'http://localhost:4005').replace(/\/$/, '');
  const headers = {
    authorization: `Bearer ${await tokenFor(values.region, env)}`,
    'content-type': 'application/json',
  };
  const overrides = parseOverrides(values.set ?? []);
  const body = {
    year: Number(values.year),
    ...(values.region ? { region: values.region } : {}),
    ...(Object.keys(overrides).length ? { parameterOverrides: overrides } : {}),
  };
  const started = await fetch(`${base}/v1/recompute-jobs`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (started.status !== 202) {
    out(`recompute refused: ${started.status} ${await started.text()}`);
    return 1;
  }
  const { id } = (await started.json()) as { id: string };
  const tty = process.stdout.isTTY;
  for (;;) {
    const job = (await (
      await fetch(`${base}/v1/recompute-jobs/${id}`, { headers })
    ).json()) as RecomputeJobView;
    const line = progressBar(job.done, job.total, 30, 'records');
    if (tty) process.stdout.write(`\r${line}`);
    if (job.status !== 'running') {
      if (tty) process.stdout.write('\n');
      else out(line);
      const s = job.summary;
      out(
        `job ${id}: ${job.status}; ${s.matched} identical, ${s.differed} differ, ${s.failed} not recomputable`,
      );
      for (const [kind, k] of Object.entries(s.byKind))
        if (k.total)
          out(`  ${kind}: ${k.matched}/${k.total} identical, ${k.differed} differ, ${k.failed} failed`);
      for (const f of s.fields) out(`  field ${f.path}: differs in ${f.count}`);
      for (const d of job.differing.slice(0, 20))
        out(`  ✗ ${d.streamId}@${d.version} (${d.kind}): ${JSON.stringify(d.error ?? d.diffs)}`);
      if (job.error) out(`  error: ${job.error}`);
      return job.status === 'done' && s.differed + s.failed === 0 ? 0 : 1;
    }
    await new Promise((res) => setTimeout(res, pollMs));
  }
}

async function tokenFor(region: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.PEIYU_TOKEN) return env.PEIYU_TOKEN;
  const kit = await import('@peiyu/service-kit');
  if (kit.peiyuMode(env) !== 'local')
    throw new Error('set PEIYU_TOKEN (an auditor token) outside local mode');
  const keys = await kit.loadDevKeys(kit.defaultKeyDir(env));
  return kit.signLocalToken(keys, {
    principal: region
      ? { sub: 'dev-auditor-cli', role: 'auditor', region }
      : { sub: 'dev-admin-cli', role: 'admin' },
    ttlMs: 60 * 60_000,
    clock: kit.clockForMode('local', env),
  });
}

export async function replayMain(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: Out,
  pollMs = 300,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const base = (values.url ?? env.AUDIT_URL ?? 'http://localhost:4005').replace(/\/$/, '');
  const headers = {
    authorization: `Bearer ${await tokenFor(values.region, env)}`,
    'content-type': 'application/json',
  };
  const body = Object.fromEntries(
    Object.entries({ region: values.region, from: values.from, to: values.to }).filter(([, v]) => v),
  );
  const started = await fetch(`${base}/v1/replays`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (started.status !== 202) {
    out(`replay refused: ${started.status} ${await started.text()}`);
    return 1;
  }
  const { id } = (await started.json()) as { id: string };
  const tty = process.stdout.isTTY;
  for (;;) {
    const r = await fetch(`${base}/v1/replays/${id}`, { headers });
    const job = (await r.json()) as {
      status: string;
      done: number;
      total: number;
      matched: number;
      notReplayable: number;
      mismatched: Array<{ streamId: string; diffs: unknown[] }>;
      error?: string;
    };
    const line = progressBar(job.done, job.total);
    if (tty) process.stdout.write(`\r${line}`);
    if (job.status !== 'running') {
      if (tty) process.stdout.write('\n');
      else out(line);
      out(
        `job ${id}: ${job.status}; ${job.matched} match, ${job.mismatched.length} differ, ${job.notReplayable} without a fold`,
      );
      for (const m of job.mismatched) out(`  ✗ ${m.streamId}: ${JSON.stringify(m.diffs)}`);
      if (job.error) out(`  error: ${job.error}`);
      return job.status === 'done' && job.mismatched.length === 0 ? 0 : 1;
    }
    await new Promise((res) => setTimeout(res, pollMs));
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out: Out = (s) => process.stdout.write(`${s}\n`);
  if (command === 'verify') return verifyMain(rest);
  if (command === 'replay') return replayMain(rest, process.env, out);
  if (command === 'recompute') return recomputeMain(rest, process.env, out);
  process.stderr.write(
    'usage: audit verify <bundle.jsonl> | audit replay [--region R] [--from D] [--to D] [--url U]\n' +
      '       audit recompute --year Y [--region R] [--set kind.parameter=value]… [--url U]\n',
  );
  return 2;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
