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
  only: ['registry', 'assessment', 'certification', 'subsidy', 'statistics', 'audit'],
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

// Issue 15, "must show": a what-if over the demo's history checked against a hand computation — the city's
// tech-SME entry award (10,000 yuan an entry in the example policy) doubled for Henan: every entitlement it
// paid counts 20,000 yuan instead, every other policy stays as it was, and nothing is written.
describe("the subsidy what-if over the demo's history", () => {
  it('doubles the city entry award exactly, entitlement by entitlement, and leaves the rest', async () => {
    const subsidy = suite.client('subsidy');
    const finance = { role: 'finance' as const, region: '410000' };
    const policyId = 'tsme-entry-award/city';
    const to = subsidy.clock.today();
    const items: Array<{ amount: number; factDate: string }> = [];
    for (let page = 1; ; page++) {
      const r = await subsidy.call(
        'GET',
        `/v1/entitlements?policyId=${encodeURIComponent(policyId)}&status=calculated&region=410000&pageSize=100&page=${page}`,
        finance,
      );
      expect(r.status).toBe(200);
      items.push(...(r.body!.items as typeof items));
      if (page * 100 >= (r.body!.total as number)) break;
    }
    const paid = items.filter((e) => e.amount > 0 && e.factDate <= to);
    expect(paid.length).toBeGreaterThan(0);
    const before = await subsidy.call('GET', '/v1/entitlements?pageSize=1', finance);
    const r = await subsidy.call('POST', '/v1/what-if', finance, {
      from: '2017-01-01',
      to,
      region: '410000',
      overlay: { parameters: { [policyId]: { amount: 2_000_000 } } },
    });
    expect(r.status).toBe(200);
    type Totals = { amount: number };
    const byPolicy = r.body!.byPolicy as Record<string, { actual: Totals; simulated: Totals }>;
    const actual = paid.reduce((n, e) => n + e.amount, 0);
    expect(byPolicy[policyId]!.actual.amount).toBe(actual);
    expect(byPolicy[policyId]!.simulated.amount).toBe(paid.length * 2_000_000);
    for (const [id, p] of Object.entries(byPolicy))
      if (id !== policyId) expect(p.simulated).toEqual(p.actual);
    const total = r.body!.total as { actual: Totals; simulated: Totals };
    expect(total.simulated.amount - total.actual.amount).toBe(paid.length * 2_000_000 - actual);
    const after = await subsidy.call('GET', '/v1/entitlements?pageSize=1', finance);
    expect(after.body!.total).toBe(before.body!.total);
    console.log(
      `what-if over the demo: ${paid.length} city entry awards, ${actual} fen → ${paid.length * 2_000_000} fen`,
    );
  });
});

/** The first text leaf of an event's data, as a dotted path from the document (`data.name`). */
function textLeaf(value: unknown, path: string): string | undefined {
  if (typeof value === 'string' && value.length >= 2) return path;
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const found = textLeaf(v, `${path}.${k}`);
      if (found) return found;
    }
  return undefined;
}

// Issue 16, "must show": one byte changed in a stored event of each service. registry's and assessment's are
// audit.e2e's (on both engines); here certification's, subsidy's and statistics' (a county target set now).
describe('a stored event of each other service changed by one byte (re-published by its relay)', () => {
  beforeAll(async () => {
    const statistics = suite.client('statistics');
    const set = await statistics.call(
      'PUT',
      '/v1/county-targets/410402/2026',
      { role: 'city_reviewer', region: '410400' },
      {
        targets: {
          newTechSmesEntered: 12,
          newHnteCertified: 2,
          validHnte: null,
          techContractTurnoverYuan: '5000000',
          innovationPlatforms: 1,
        },
        reference: '平顶山市2026年科技创新工作要点（示例）',
        reason: null,
      },
    );
    expect([200, 201]).toContain(set.status);
  });

  it.each(['certification', 'subsidy', 'statistics'])(
    '%s: the audit records a fork finding for the stream, with the recorded hash as evidence',
    async (service) => {
      const events = db(service).collection('events');
      const doc = (await eventually(
        () => events.findOne({ streamVersion: 1, published: true }),
        (d) => d !== null,
        60_000,
      ))!;
      // The ledger has the original before the change arrives.
      await eventually(
        () => audit.call('GET', `/v1/streams/${doc.streamId as string}`, admin),
        (r) => r.status === 200,
        60_000,
      );
      const field = textLeaf(doc.data, 'data')!;
      const old = field
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc) as string;
      const changed = `${old.slice(0, -1)}${old.endsWith('X') ? 'Y' : 'X'}`;
      await events.updateOne({ _id: doc._id }, { $set: { [field]: changed, published: false } });
      const findings = await eventually(
        () =>
          audit
            .call('GET', `/v1/findings?streamId=${doc.streamId as string}`, admin)
            .then((r) => (r.body?.items ?? []) as Array<Record<string, unknown>>),
        (f) => f.some((x) => x.check === 'fork'),
        60_000,
      );
      expect(findings).toContainEqual(
        expect.objectContaining({
          streamId: doc.streamId,
          version: 1,
          check: 'fork',
          evidence: expect.objectContaining({ recorded: expect.objectContaining({ hash: doc.hash }) }),
        }),
      );
    },
    120_000,
  );
});
