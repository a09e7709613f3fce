import { eventually } from '@peiyu/local';
import { loadDemos } from '@peiyu/local/src/demo';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { credentialUri } from '@peiyu/mongo-lite';
import mongoose from 'mongoose';

// Issue 16, "must show": every score, pre-check and entitlement of the demo, recomputed by the audit through
// @peiyu/policy from what the services recorded, is identical to the record; a changed policy parameter shows
// as a diff. The stack runs registry, assessment, certification, subsidy and audit; the services' own demo
// loaders (`npm start -- --demo`, in their order) write the data through the public APIs, as a newcomer's
// stack has it; the audit's ledger takes every event from Kafka.
// Runs once, on kafka-lite (a `.stack` test, not an `.e2e` one): the demo loaders take minutes, and the audit's
// path through real Kafka is audit.e2e's.
process.env.AUDIT_CHECKPOINT_INTERVAL = '1h';
const suite = useStackSuite({
  name: 'audit-demo',
  startAt: '2026-09-21T09:00:00+08:00',
  only: ['registry', 'assessment', 'certification', 'subsidy', 'audit'],
  stack: { kafka: 'lite' },
});
let conn: mongoose.Connection;
const audit = suite.client('audit');
const admin = { role: 'admin' as const, sub: 'audit-demo-admin' };
const henan = { role: 'auditor' as const, region: '410000', sub: 'auditor-henan' };
const RECOMPUTED = [
  'SmeEvaluationSubmitted',
  'HnteApplicationSubmitted',
  'HnteApplicationResubmitted',
  'EntitlementCalculated',
];
const db = (name: string) => conn.useDb(`peiyu-${name}`).db!;

/** How many recomputable events a service's store holds, and how many of them the audit's ledger holds. */
async function counts(): Promise<{ stored: number; ledger: number }> {
  let stored = 0;
  for (const s of ['assessment', 'certification', 'subsidy'])
    stored += await db(s)
      .collection('events')
      .countDocuments({ type: { $in: RECOMPUTED } });
  const ledger = await db('audit')
    .collection('ledger_entries')
    .countDocuments({ type: { $in: RECOMPUTED } });
  return { stored, ledger };
}

type Who = Parameters<typeof audit.call>[2];
async function finishedJob(body: object, who: Who) {
  const started = await audit.call('POST', '/v1/recompute-jobs', who, body);
  expect(started.status).toBe(202);
  const id = started.body!.id as string;
  const job = await eventually(
    () => audit.call('GET', `/v1/recompute-jobs/${id}`, who),
    (r) => r.body?.status !== 'running',
    120_000,
  );
  return job.body as {
    status: string;
    total: number;
    summary: {
      total: number;
      matched: number;
      differed: number;
      failed: number;
      byKind: Record<string, { total: number; matched: number }>;
      fields: Array<{ path: string; count: number }>;
    };
    differing: Array<{
      streamId: string;
      diffs: Array<{ path: string; recorded: unknown; recomputed: unknown }>;
    }>;
  };
}

beforeAll(async () => {
  const stack = suite.stack();
  const root = stack.credentials!.mongo.users.find((u) => u.user === 'root')!;
  conn = await mongoose.createConnection(credentialUri(stack.mongoUrl, root)).asPromise();
  const loaded = await loadDemos(stack, {
    output: (l) => suite.logs.push(l),
    only: ['registry', 'assessment', 'certification', 'subsidy'],
  });
  expect(loaded.filter((r) => r.exitCode !== 0)).toEqual([]);
}, 1_500_000); // the four demo loaders took 13 min under a load of 25

afterAll(() => conn?.close());

describe('recompute of the demo (issue 16)', () => {
  it('every score, pre-check and entitlement the services recorded recomputes identically', async () => {
    // The ledger has every recomputable event the services stored (Kafka delivers them in a moment).
    const c = await eventually(counts, (x) => x.stored > 0 && x.ledger === x.stored, 120_000);
    expect(c.ledger).toBe(c.stored);
    const years = (await db('audit')
      .collection('ledger_entries')
      .find({ type: { $in: RECOMPUTED } })
      .toArray()) as unknown as Array<{ type: string; data: Record<string, unknown> }>;
    const yearOf = (e: { type: string; data: Record<string, unknown> }) =>
      e.type === 'SmeEvaluationSubmitted'
        ? (e.data.year as number)
        : e.type === 'EntitlementCalculated'
          ? (e.data.budgetYear as number)
          : Number(String(e.data.submittedOn).slice(0, 4));
    const byKind = { 'tech-sme-score': 0, 'hnte-precheck': 0, 'subsidy-entitlement': 0 };
    let total = 0;
    for (const year of [...new Set(years.map(yearOf))].sort()) {
      const job = await finishedJob({ year }, admin);
      expect(job.status).toBe('done');
      expect(job.differing).toEqual([]);
      expect(job.summary).toMatchObject({ differed: 0, failed: 0 });
      expect(job.summary.matched).toBe(job.total);
      total += job.total;
      for (const k of Object.keys(byKind) as Array<keyof typeof byKind>)
        byKind[k] += job.summary.byKind[k]!.total;
    }
    expect(total).toBe(c.stored);
    // The demo has each kind: scores (assessment), pre-checks (certification), entitlements (subsidy).
    expect(byKind['tech-sme-score']).toBeGreaterThan(0);
    expect(byKind['hnte-precheck']).toBeGreaterThan(0);
    expect(byKind['subsidy-entitlement']).toBeGreaterThan(0);
    console.log(`recomputed identically: ${JSON.stringify(byKind)}`);
    expect(
      await db('audit').collection('audit_findings').countDocuments({ check: 'recompute-mismatch' }),
    ).toBe(0);
  });

  it('a deliberately changed policy parameter shows as a field-by-field diff (a Henan auditor, the region)', async () => {
    const entitlement = (await db('audit')
      .collection('ledger_entries')
      .findOne({
        type: 'EntitlementCalculated',
        'data.countyCode': { $regex: '^41' },
        'data.amount': { $gt: 0 },
      })) as {
      streamId: string;
      data: { amount: number; budgetYear: number; parameters: Array<{ name: string; value: unknown }> };
    } | null;
    expect(entitlement).not.toBeNull();
    const one = await audit.call('POST', '/v1/recomputations', henan, {
      streamId: entitlement!.streamId,
      parameterOverrides: {
        'subsidy-entitlement': Object.fromEntries(
          entitlement!.data.parameters
            .filter((p) => typeof p.value === 'number')
            .map((p) => [p.name, (p.value as number) + 100]),
        ),
      },
    });
    expect(one.status).toBe(200);
    expect(one.body!.match).toBe(false);
    const diffs = one.body!.diffs as Array<{ path: string }>;
    expect(diffs.map((d) => d.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^parameters\.\d+\.value$/)]),
    );

    const job = await finishedJob(
      { year: 2026, region: '410000', parameterOverrides: { 'tech-sme-score': { passScore: 101 } } },
      henan,
    );
    expect(job.summary.byKind['tech-sme-score']!.total).toBeGreaterThan(0);
    expect(job.summary.byKind['tech-sme-score']!.matched).toBe(0);
    expect(job.summary.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'score.eligible' })]),
    );
    expect(job.differing[0]!.diffs).toEqual(
      expect.arrayContaining([{ path: 'score.eligible', recorded: true, recomputed: false }]),
    );
  });
});
