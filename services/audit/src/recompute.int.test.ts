import { Writable } from 'node:stream';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import { generateCheckpointKeyPem, signingKeyFromPem } from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import { createLogger } from '@peiyu/service-kit';
import request from 'supertest';
import { buildAuditApp } from './app';
import { parseOverrides, recomputeMain } from './cli';
import type { AuditDeps } from './http/deps';
import { recordedEnvelopes } from './test-support/recorded';
import { auditDeps } from './wiring';

// Recompute through the API over a ledger holding scores, pre-checks and entitlements as the services record
// them: every one identical as recorded; a changed parameter is a field-by-field diff; scoped to the region.
let h: ApiHarness;
let deps: AuditDeps;
let app: ReturnType<typeof buildAuditApp>;
const XINHUA = '410402';
const E = [1, 2, 3].map((n) => exampleUscc(XINHUA, 8500 + n));
const FAR = exampleUscc('410303', 8510); // 洛阳市西工区
const auditor = { role: 'auditor' as const, region: XINHUA, sub: 'auditor-xinhua' };
const luoyang = { role: 'auditor' as const, region: '410300', sub: 'auditor-luoyang' };
const county = { role: 'county_reviewer' as const, region: XINHUA };
const post = (path: string, who: object, body: object) =>
  request(app)
    .post(path)
    .set(h.as(who as never))
    .send(body);
const get = (path: string, who: object) =>
  request(app)
    .get(path)
    .set(h.as(who as never));

async function finished(id: string, who: object) {
  await deps.recomputations.idle();
  const r = await get(`/v1/recompute-jobs/${id}`, who);
  expect(r.status).toBe(200);
  return r.body;
}

beforeAll(async () => {
  h = await apiHarness('2026-07-10T01:00:00Z');
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const key = signingKeyFromPem('ed25519', generateCheckpointKeyPem('ed25519'));
  deps = await auditDeps({ db: h.db, key, clock: h.clock, logger: createLogger('audit-test', {}, sink) });
  app = buildAuditApp(deps, h.verifier);
  const envelopes = await recordedEnvelopes({
    scores: [...E.map((u): [string, string] => [u, XINHUA]), [FAR, '410303']],
    prechecks: [
      [E[0]!, XINHUA],
      [FAR, '410303'],
    ],
    awards: [
      [E[1]!, XINHUA],
      [E[2]!, XINHUA],
    ],
  });
  await deps.ledger.ingest(envelopes);
}, 60_000);
afterAll(() => h.close());

describe('POST /v1/recomputations', () => {
  it('a recorded score recomputes identically; the query is logged', async () => {
    const r = await post('/v1/recomputations', auditor, { streamId: `sme-evaluation-${E[0]}-2026` });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      kind: 'tech-sme-score',
      eventType: 'SmeEvaluationSubmitted',
      version: 1,
      countyCode: XINHUA,
      match: true,
      diffs: [],
    });
    expect(
      await deps.accessLog.docs.findOne({ what: { $regex: `^recompute sme-evaluation-${E[0]}` } }),
    ).toMatchObject({
      who: { sub: 'auditor-xinhua', role: 'auditor' },
    });
  });

  it('a pre-check and an entitlement recompute identically', async () => {
    const p = await post('/v1/recomputations', auditor, { streamId: `hnte-application-41-2026-1-${E[0]}` });
    expect(p.body).toMatchObject({ kind: 'hnte-precheck', match: true, diffs: [] });
    const entitlement = (await deps.ledger.entries.findOne({ type: 'EntitlementCalculated', usccs: E[1]! }))!;
    const s = await post('/v1/recomputations', auditor, {
      streamId: entitlement.streamId,
      version: entitlement.streamVersion,
    });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ kind: 'subsidy-entitlement', match: true, diffs: [] });
  });

  it('a changed policy parameter shows as a field-by-field diff, and is not a finding', async () => {
    const entitlement = (await deps.ledger.entries.findOne({ type: 'EntitlementCalculated', usccs: E[1]! }))!;
    const recorded = entitlement.data as { amount: number };
    const r = await post('/v1/recomputations', auditor, {
      streamId: entitlement.streamId,
      parameterOverrides: { 'subsidy-entitlement': { amount: recorded.amount * 2 } },
    });
    expect(r.status).toBe(200);
    expect(r.body.match).toBe(false);
    expect(r.body.overridden).toEqual(['amount']);
    expect(r.body.diffs).toEqual(
      expect.arrayContaining([
        { path: 'amount', recorded: recorded.amount, recomputed: recorded.amount * 2 },
      ]),
    );
    expect(await deps.ledger.findings.countDocuments({ check: 'recompute-mismatch' })).toBe(0);
  });

  it('refusals: another region 403, unknown parameter 400, not recomputable 404, bad body 400, a business role 403', async () => {
    expect(
      (await post('/v1/recomputations', luoyang, { streamId: `sme-evaluation-${E[0]}-2026` })).status,
    ).toBe(403);
    const typo = await post('/v1/recomputations', auditor, {
      streamId: `sme-evaluation-${E[0]}-2026`,
      parameterOverrides: { 'tech-sme-score': { passscore: 99 } },
    });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toEqual([
      expect.objectContaining({
        path: 'parameterOverrides.tech-sme-score.passscore',
        code: 'unknown_parameter',
      }),
    ]);
    const noSuch = await post('/v1/recompute-jobs', auditor, {
      year: 2026,
      parameterOverrides: { 'subsidy-entitlement': { amout: 1 } },
    });
    expect(noSuch.status).toBe(400);
    expect((await post('/v1/recomputations', auditor, { streamId: `enterprise-${E[0]}` })).status).toBe(404);
    expect((await post('/v1/recomputations', auditor, { streamId: 'x', bogus: 1 })).status).toBe(400);
    expect(
      (await post('/v1/recomputations', county, { streamId: `sme-evaluation-${E[0]}-2026` })).status,
    ).toBe(403);
  });
});

describe('POST /v1/recompute-jobs (region and year)', () => {
  it("recomputes the auditor's region: every record identical, summary by kind; other regions left out", async () => {
    const started = await post('/v1/recompute-jobs', auditor, { year: 2026 });
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe(`/v1/recompute-jobs/${started.body.id}`);
    const job = await finished(started.body.id, auditor);
    expect(job).toMatchObject({ status: 'done', total: 6, done: 6, progress: 1, differing: [] });
    expect(job.summary).toMatchObject({
      total: 6,
      matched: 6,
      differed: 0,
      failed: 0,
      byKind: {
        'tech-sme-score': { total: 3, matched: 3 },
        'hnte-precheck': { total: 1, matched: 1 },
        'subsidy-entitlement': { total: 2, matched: 2 },
      },
    });
  });

  it('with a changed parameter every affected record differs, the summary names the fields', async () => {
    const started = await post('/v1/recompute-jobs', auditor, {
      year: 2026,
      parameterOverrides: { 'tech-sme-score': { passScore: 101 } },
    });
    const job = await finished(started.body.id, auditor);
    expect(job.summary.byKind['tech-sme-score']).toEqual({ total: 3, matched: 0, differed: 3, failed: 0 });
    expect(job.summary.byKind['subsidy-entitlement']).toMatchObject({ matched: 2 });
    expect(job.summary.fields).toEqual(expect.arrayContaining([{ path: 'score.eligible', count: 3 }]));
    expect(job.differing).toHaveLength(3);
    expect(job.differing[0].diffs).toEqual(
      expect.arrayContaining([{ path: 'score.eligible', recorded: true, recomputed: false }]),
    );
  });

  it('a year without records: an empty summary; another region 403; a job is only its requester’s', async () => {
    const none = await post('/v1/recompute-jobs', auditor, { year: 2020 });
    expect(await finished(none.body.id, auditor)).toMatchObject({ status: 'done', total: 0, progress: 1 });
    expect((await post('/v1/recompute-jobs', auditor, { year: 2026, region: '410300' })).status).toBe(403);
    expect((await get(`/v1/recompute-jobs/${none.body.id}`, luoyang)).status).toBe(404);
    expect((await post('/v1/recompute-jobs', auditor, {})).status).toBe(400);
  });

  it('an edited record (as stored in the ledger) is a recompute-mismatch finding naming the field', async () => {
    const e = (await deps.ledger.entries.findOne({ type: 'SmeEvaluationSubmitted', usccs: E[2]! }))!;
    const data = e.data as { score: { points: { total: number } } };
    await deps.ledger.entries.updateOne(
      { _id: e._id },
      { $set: { 'data.score.points.total': data.score.points.total + 1 } },
    );
    const started = await post('/v1/recompute-jobs', auditor, { year: 2026 });
    const job = await finished(started.body.id, auditor);
    expect(job.summary).toMatchObject({ matched: 5, differed: 1 });
    expect(job.differing).toEqual([
      expect.objectContaining({
        streamId: e.streamId,
        diffs: [
          {
            path: 'score.points.total',
            recorded: data.score.points.total + 1,
            recomputed: data.score.points.total,
          },
        ],
      }),
    ]);
    expect(
      await deps.ledger.findings.findOne({ check: 'recompute-mismatch', streamId: e.streamId }),
    ).toMatchObject({
      version: 1,
      evidence: { kind: 'tech-sme-score' },
    });
  });
});

describe('the recompute CLI (npm run audit -- recompute)', () => {
  it('runs a job for the region and year, draws progress, prints the summary and what differs', async () => {
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const token = h.as(auditor).Authorization.replace('Bearer ', '');
      const lines: string[] = [];
      const code = await recomputeMain(
        ['--year', '2026', '--url', `http://127.0.0.1:${port}`],
        { PEIYU_TOKEN: token },
        (l) => lines.push(l),
        20,
      );
      const text = lines.join('\n');
      expect(code).toBe(1); // the record edited above differs
      expect(text).toMatch(/\[█{30}\] 100% {2}6\/6 records/);
      expect(text).toMatch(/done; 5 identical, 1 differ, 0 not recomputable/);
      expect(text).toMatch(/tech-sme-score: 2\/3 identical, 1 differ/);
      expect(text).toMatch(/field score\.points\.total: differs in 1/);
      const bad = await recomputeMain(
        ['--year', '2026', '--set', 'tech-sme-score.nope=1', '--url', `http://127.0.0.1:${port}`],
        { PEIYU_TOKEN: token },
        (l) => lines.push(l),
        20,
      );
      expect(bad).toBe(1);
      expect(lines.at(-1)).toMatch(/recompute refused: 400/);
    } finally {
      server.close();
    }
  });

  it('--set kind.parameter=value: JSON values, else text', () => {
    expect(parseOverrides(['tech-sme-score.passScore=70', 'hnte-precheck.minTechStaffShare="0.2"'])).toEqual({
      'tech-sme-score': { passScore: 70 },
      'hnte-precheck': { minTechStaffShare: '0.2' },
    });
    expect(parseOverrides(['subsidy-entitlement.note=abc'])).toEqual({
      'subsidy-entitlement': { note: 'abc' },
    });
    expect(() => parseOverrides(['passScore=70'])).toThrow(/kind\.parameter=value/);
  });
});
