import { Writable } from 'node:stream';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import {
  CheckpointWriter,
  exportSpki,
  generateCheckpointKeyPem,
  ManualClock,
  MemoryCheckpointStore,
  publicKeyFromPem,
  signingKeyFromPem,
  type StreamHeadEntry,
} from '@peiyu/eventstore';
import { REGISTRY_ENTERPRISE_TOPIC } from '@peiyu/contracts';
import { exampleUscc } from '@peiyu/policy';
import { createLogger } from '@peiyu/service-kit';
import request from 'supertest';
import { buildAuditApp } from './app';
import { verifyInclusion } from './domain/proof';
import type { AuditDeps } from './http/deps';
import { registryHistory } from './test-support/history';
import { verifyBundle } from './verifier/verify-bundle';
import { auditDeps } from './wiring';
import { progressBar, replayMain } from './cli';

// In-process API specs over the ledger in mongo-lite: events are handed to the ledger as the intake would
// (Kafka is the e2e's business), then every endpoint's happy path and refusals.
let h: ApiHarness;
let deps: AuditDeps;
let app: ReturnType<typeof buildAuditApp>;
let historyOfE: Awaited<ReturnType<typeof registryHistory>>;
const logs: string[] = [];
const E = exampleUscc('410402', 8401);
const FAR = exampleUscc('410303', 8402); // 洛阳市西工区: another city
const auditor = { role: 'auditor' as const, region: '410402', sub: 'auditor-xinhua' };
const provinceAuditor = { role: 'auditor' as const, region: '410000', sub: 'auditor-henan' };
const luoyang = { role: 'auditor' as const, region: '410300', sub: 'auditor-luoyang' };
const county = { role: 'county_reviewer' as const, region: '410402' };
const key = signingKeyFromPem('ed25519', generateCheckpointKeyPem('ed25519'));
const get = (path: string, who: object) =>
  request(app)
    .get(path)
    .set(h.as(who as never));
const post = (path: string, who: object, body: object) =>
  request(app)
    .post(path)
    .set(h.as(who as never))
    .send(body);

beforeAll(async () => {
  h = await apiHarness('2026-03-10T01:00:00Z');
  const sink = new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) });
  deps = await auditDeps({ db: h.db, key, clock: h.clock, logger: createLogger('audit-test', {}, sink) });
  app = buildAuditApp(deps, h.verifier);
  historyOfE = await registryHistory(E);
  await deps.ledger.ingest(historyOfE.envelopes, REGISTRY_ENTERPRISE_TOPIC);
  await deps.ledger.ingest((await registryHistory(FAR, '410303')).envelopes, REGISTRY_ENTERPRISE_TOPIC);
}, 60_000);
afterAll(() => h.close());

describe('GET /v1/streams/:streamId', () => {
  it("shows the stream's events with hashes, verified, personal data masked, and logs the read", async () => {
    const r = await get(`/v1/streams/enterprise-${E}`, auditor);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      service: 'registry',
      version: 3,
      verification: { ok: true, checked: 3 },
      place: { countyCode: '410402', cityCode: '410400' },
    });
    expect(r.body.events[0].data.contact).toEqual({
      name: '张*',
      phone: '0375-***4567',
      email: 'z***@example.cn',
    });
    expect(r.body.events[1].prevHash).toBe(r.body.events[0].hash);
    expect(await deps.accessLog.docs.findOne({ what: `stream enterprise-${E}` })).toMatchObject({
      who: { sub: 'auditor-xinhua', role: 'auditor' },
      personal: true,
    });
  });

  it('refuses other roles (403), auditors of another region (403 outside_region), unknown streams (404)', async () => {
    expect((await get(`/v1/streams/enterprise-${E}`, county)).status).toBe(403);
    const far = await get(`/v1/streams/enterprise-${E}`, luoyang);
    expect(far.status).toBe(403);
    expect(far.body.code).toBe('outside_region');
    expect((await get(`/v1/streams/enterprise-${exampleUscc('410402', 8499)}`, auditor)).status).toBe(404);
    expect((await get('/v1/streams/bad id', auditor)).status).toBe(400);
  });
});

describe('a forked event arrives (same version, other bytes)', () => {
  it('is a finding with both hashes, an alert line, listed for the auditor of the region only', async () => {
    const { envelopes } = await registryHistory(E);
    const forged = {
      ...envelopes[1]!,
      data: { ...(envelopes[1]!.data as object), newName: '篡改后的名称有限公司' },
    };
    const found = await deps.ledger.ingest([forged]);
    expect(found).toEqual([expect.objectContaining({ check: 'fork', version: 2 })]);
    await deps.ledger.ingest([forged]); // re-delivered: still one finding
    expect(logs.some((l) => l.includes('"alert":"audit.finding"') && l.includes('"check":"fork"'))).toBe(
      true,
    );
    const list = await get('/v1/findings?check=fork', auditor);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      page: 1,
      pageSize: 20,
      total: 1,
      items: [{ streamId: `enterprise-${E}`, version: 2, check: 'fork', countyCode: '410402' }],
    });
    expect((await get('/v1/findings', luoyang)).body.total).toBe(0);
    expect((await get('/v1/findings?region=410402', luoyang)).status).toBe(403);
    expect((await get('/v1/findings', county)).status).toBe(403);
    expect((await get('/v1/findings?pageSize=1000', auditor)).status).toBe(400);
  });
});

describe('checkpoints and inclusion proofs', () => {
  it('signs a Merkle root over the heads and proves an event in it with the public key', async () => {
    const sealed = await post('/v1/checkpoints', auditor, {});
    expect(sealed.status).toBe(200);
    expect(sealed.body.checkpoint).toMatchObject({
      id: '000000000001',
      service: 'audit',
      count: 2,
      alg: 'ed25519',
    });
    expect((await post('/v1/checkpoints', auditor, {})).body.checkpoint.id).toBe('000000000001'); // nothing moved
    const latest = await get('/v1/checkpoints/latest', auditor);
    expect(latest.body.checkpoint).toEqual(sealed.body.checkpoint);
    const r = await get(`/v1/streams/enterprise-${E}/events/2/proof`, auditor);
    expect(r.status).toBe(200);
    const pub = publicKeyFromPem('ed25519', r.body.publicKey);
    expect(verifyInclusion(r.body.proof, pub)).toMatchObject({ ok: true });
    expect(
      verifyInclusion(
        { ...r.body.proof, event: { ...r.body.proof.event, type: 'EnterpriseDeregistered' } },
        pub,
      ),
    ).toMatchObject({ ok: false });
    expect((await get(`/v1/streams/enterprise-${E}/events/9/proof`, auditor)).status).toBe(404);
    expect((await get('/v1/checkpoints/latest', county)).status).toBe(403);
    expect((await post('/v1/checkpoints', county, {})).status).toBe(403);
  });
});

describe('enterprise timeline and state as of a date', () => {
  it('lists its events across services and folds its state as of a day', async () => {
    const t = await get(`/v1/enterprises/${E}/timeline`, auditor);
    expect(t.status).toBe(200);
    expect(t.body.events.map((e: { type: string }) => e.type)).toEqual([
      'EnterpriseRegistered',
      'EnterpriseRenamed',
      'SanctionRecorded',
    ]);
    expect(t.body.events[0]).toMatchObject({
      service: 'registry',
      data: { contact: { phone: '0375-***4567' } },
    });
    // Registered on 2026-03-02 (China time 09:00); renamed the next day.
    const before = await get(`/v1/enterprises/${E}/state?asOf=2026-03-02`, auditor);
    expect(before.body.streams).toEqual([
      expect.objectContaining({
        service: 'registry',
        version: 1,
        state: expect.objectContaining({
          name: '平顶山市示例科技有限公司',
          contact: expect.objectContaining({ name: '张*' }),
        }),
      }),
    ]);
    const after = await get(`/v1/enterprises/${E}/state?asOf=2026-03-04`, auditor);
    expect(after.body.streams[0]).toMatchObject({
      version: 3,
      state: { name: '平顶山市示例智能科技有限公司' },
    });
    expect((await get(`/v1/enterprises/${E}/state`, auditor)).status).toBe(400);
    expect((await get(`/v1/enterprises/${E}/timeline`, luoyang)).status).toBe(403);
  });
});

describe('replay', () => {
  it("matches the recorded state; an entry edited in the ledger's database shows as a diff and a finding", async () => {
    const ok = await get(`/v1/streams/enterprise-${FAR}/replay`, provinceAuditor);
    expect(ok.body).toMatchObject({ replayable: true, events: 3, match: true, diffs: [] });
    await deps.ledger.entries.updateOne(
      { _id: `enterprise-${FAR}@2` },
      { $set: { 'data.newName': '改过的名称有限公司' } },
    );
    const bad = await get(`/v1/streams/enterprise-${FAR}/replay`, provinceAuditor);
    expect(bad.body).toMatchObject({
      match: false,
      diffs: [{ path: 'name', recorded: '平顶山市示例智能科技有限公司', replayed: '改过的名称有限公司' }],
    });
    const stream = await get(`/v1/streams/enterprise-${FAR}`, provinceAuditor);
    expect(stream.body.verification).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash-mismatch' });
    expect((await get('/v1/findings?check=hash-mismatch', provinceAuditor)).body.items).toEqual([
      expect.objectContaining({
        streamId: `enterprise-${FAR}`,
        version: 2,
        evidence: expect.objectContaining({ where: 'audit ledger' }),
      }),
    ]);
    expect((await get('/v1/findings?check=replay-mismatch', provinceAuditor)).body.items).toEqual([
      expect.objectContaining({ streamId: `enterprise-${FAR}` }),
    ]);
  });

  it('runs a region as a job with progress, visible to its requester', async () => {
    const started = await post('/v1/replays', provinceAuditor, {
      region: '410000',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe(`/v1/replays/${started.body.id}`);
    await deps.jobs.idle();
    const job = await get(`/v1/replays/${started.body.id}`, provinceAuditor);
    expect(job.body).toMatchObject({
      status: 'done',
      total: 2,
      done: 2,
      matched: 1,
      progress: 1,
      mismatched: [{ streamId: `enterprise-${FAR}` }],
    });
    expect((await get(`/v1/replays/${started.body.id}`, auditor)).status).toBe(404);
    expect((await post('/v1/replays', auditor, { region: '410000' })).status).toBe(403);
    expect((await post('/v1/replays', auditor, { from: 'yesterday' })).status).toBe(400);
  });
});

describe('export for offline verification', () => {
  it('exports a region that the standalone verifier accepts, and refuses with one byte altered', async () => {
    const r = await get('/v1/exports?region=410402', auditor);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/x-ndjson/);
    const text = r.text;
    const report = verifyBundle(text);
    expect(report).toMatchObject({ ok: true });
    expect(report.lines.join('\n')).toMatch(/1 streams, 3 events/);
    const altered = text.replace('平顶山市示例智能科技有限公司', '平顶山市示例智能科技有限公同');
    expect(verifyBundle(altered)).toMatchObject({
      ok: false,
      failure: expect.stringMatching(/hash-mismatch/),
    });
    expect((await get('/v1/exports?region=410300', auditor)).status).toBe(403);
  });
});

describe('POST /v1/service-checkpoints/verify', () => {
  it('holds a registry checkpoint against the ledger: a match, then a rewritten history as a finding', async () => {
    const { store } = historyOfE;
    const skey = signingKeyFromPem('ed25519', generateCheckpointKeyPem('ed25519'));
    const checkpoints = new MemoryCheckpointStore();
    await new CheckpointWriter({
      service: 'registry',
      store,
      checkpoints,
      key: skey,
      clock: new ManualClock('2026-03-05T00:00:00Z'),
    }).writeOnce();
    const checkpoint = (await checkpoints.latest())!;
    const heads: StreamHeadEntry[] = [];
    for await (const x of checkpoints.heads(checkpoint.id)) heads.push(x);
    const body = { checkpoint, heads, publicKey: exportSpki(skey.publicKey) };
    const ok = await post('/v1/service-checkpoints/verify', auditor, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, matched: 1, findings: [] });
    // The registry's store rewritten after signing: its checkpoint no longer matches what it published.
    await deps.ledger.entries.updateOne({ _id: `enterprise-${E}@3` }, { $set: { hash: 'c'.repeat(64) } });
    const bad = await post('/v1/service-checkpoints/verify', auditor, body);
    expect(bad.body.findings).toEqual([
      expect.objectContaining({ streamId: `enterprise-${E}`, version: 3, check: 'checkpoint-mismatch' }),
    ]);
    expect(
      (
        await post('/v1/service-checkpoints/verify', auditor, {
          ...body,
          publicKey: 'not a key at all, clearly not PEM text',
        })
      ).status,
    ).toBe(400);
    expect((await post('/v1/service-checkpoints/verify', county, body)).status).toBe(403);
  });
});

describe('the replay CLI', () => {
  it('starts a job on the service and draws its progress to the end', async () => {
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const token = h.as(provinceAuditor).Authorization.replace('Bearer ', '');
      const lines: string[] = [];
      const code = await replayMain(
        ['--region', '410000', '--url', `http://127.0.0.1:${port}`],
        { PEIYU_TOKEN: token },
        (l) => lines.push(l),
        20,
      );
      expect(code).toBe(1); // the stream edited above still differs
      expect(lines.join('\n')).toMatch(/\[█{30}\] 100% {2}2\/2 streams/);
      expect(lines.join('\n')).toMatch(/done; 1 match, 1 differ/);
      expect(progressBar(1, 4, 8)).toBe('[██░░░░░░]  25%  1/4 streams');
    } finally {
      server.close();
    }
  });
});
