import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { goodForm } from '@peiyu/assessment/src/domain/test-support/fixtures';
import { linkHash, publicKeyFromPem } from '@peiyu/eventstore';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { credentialUri } from '@peiyu/mongo-lite';
import mongoose from 'mongoose';
import { verifyInclusion } from './domain/proof';

// The auditors' journey through the local stack: registry and assessment write, the audit's ledger reads
// every topic; an inclusion proof verifies; a stored event changed in a service's database (and re-published
// by its relay) is a fork finding; the audit's own ledger edited, or rehashed with a forged chain, is caught
// by re-verification (naming the check); an export verifies offline with the CLI and is refused altered.
// The local stack as `npm start` runs it, each service as its own process, driven over HTTP like any client.
process.env.AUDIT_CHECKPOINT_INTERVAL = '1h'; // checkpoints are sealed on request here
const repoRoot = join(__dirname, '..', '..', '..');
const suite = useStackSuite({
  name: 'audit',
  startAt: '2026-09-21T09:00:00+08:00',
  only: ['registry', 'assessment', 'audit'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const audit = suite.client('audit');
let conn: mongoose.Connection;
const E1 = exampleUscc('410402', 9601);
const E2 = exampleUscc('410402', 9602);
const county = { role: 'county_reviewer' as const, region: '410402' };
const auditor = { role: 'auditor' as const, region: '410402', sub: 'auditor-e2e' };
const ent = (uscc: string) => ({ role: 'enterprise' as const, region: '410402', uscc });
const year = 2026;
type LooseDoc = { _id: string } & Record<string, unknown>;
const db = (name: string) => conn.useDb(`peiyu-${name}`).db!;

const stream = (id: string) => audit.call('GET', `/v1/streams/${id}`, auditor);
const atVersion = (id: string, v: number) =>
  eventually(
    () => stream(id),
    (r) => r.status === 200 && (r.body!.version as number) >= v,
  );
const findingsOf = (id: string) =>
  audit
    .call('GET', `/v1/findings?streamId=${id}`, auditor)
    .then((r) => r.body!.items as Array<Record<string, unknown>>);

beforeAll(async () => {
  // The services' databases, as the local root user (the stack is authenticated like production).
  const root = suite.stack().credentials!.mongo.users.find((u) => u.user === 'root')!;
  conn = await mongoose.createConnection(credentialUri(suite.stack().mongoUrl, root)).asPromise();
  for (const [uscc, name] of [
    [E1, '平顶山市新华区审计示例一有限公司'],
    [E2, '平顶山市新华区审计示例二有限公司'],
  ] as const) {
    const r = await registry.call('POST', '/v1/enterprises', county, {
      uscc,
      name,
      countyCode: '410402',
      foundedOn: '2018-06-01',
      contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
    });
    expect(r.status).toBe(201);
  }
}, 120_000);

afterAll(() => conn?.close());

describe('the audit ledger through the stack (issue 16)', () => {
  it('takes in every service’s events, chained to the owners’ own hashes, on a timeline', async () => {
    const e1 = await atVersion(`enterprise-${E1}`, 1);
    expect(e1.body).toMatchObject({ service: 'registry', verification: { ok: true, checked: 1 } });
    const stored = await db('registry')
      .collection('events')
      .findOne({ streamId: `enterprise-${E1}`, streamVersion: 1 });
    expect((e1.body!.events as Array<{ hash: string }>)[0]!.hash).toBe(stored!.hash);

    const drafted = await eventually(
      () => assessment.call('POST', '/v1/sme-evaluations', ent(E1), { year, form: goodForm }),
      (x) => x.status !== 404,
    );
    expect(drafted.status).toBe(201);
    const ev = await atVersion(`sme-evaluation-${E1}-${year}`, 1);
    expect(ev.body).toMatchObject({ service: 'assessment', verification: { ok: true } });
    const timeline = await audit.call('GET', `/v1/enterprises/${E1}/timeline`, auditor);
    expect((timeline.body!.events as Array<{ service: string }>).map((e) => e.service)).toEqual([
      'registry',
      'assessment',
    ]);
  }, 60_000);

  it('proves an event included in a signed checkpoint', async () => {
    await atVersion(`enterprise-${E2}`, 1);
    const sealed = await audit.call('POST', '/v1/checkpoints', auditor, {});
    expect(sealed.status).toBe(200);
    const r = await audit.call('GET', `/v1/streams/enterprise-${E1}/events/1/proof`, auditor);
    expect(r.status).toBe(200);
    const key = publicKeyFromPem('ed25519', r.body!.publicKey as string);
    expect(verifyInclusion(r.body!.proof as never, key)).toMatchObject({ ok: true });
  }, 30_000);

  it.each([
    ['registry', () => `enterprise-${E2}`, 'data.name'],
    ['assessment', () => `sme-evaluation-${E1}-${year}`, 'data.form.employees'],
  ])(
    'one byte changed in a stored %s event (re-published by its relay) is a fork finding',
    async (service, id, field) => {
      const events = db(service).collection('events');
      const doc = await events.findOne({ streamId: id(), streamVersion: 1 });
      const path = field.split('.');
      const old = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc);
      const changed = typeof old === 'number' ? old + 1 : `${String(old).slice(0, -1)}X`;
      await events.updateOne({ _id: doc!._id }, { $set: { [field]: changed, published: false } });
      const found = await eventually(
        () => findingsOf(id()),
        (f) => f.some((x) => x.check === 'fork'),
      );
      expect(found).toEqual([
        expect.objectContaining({
          streamId: id(),
          version: 1,
          check: 'fork',
          evidence: expect.objectContaining({
            sameEventId: true,
            recorded: expect.objectContaining({ hash: doc!.hash }),
          }),
        }),
      ]);
      expect(suite.logs.some((l) => l.includes('audit.finding') && l.includes(id()))).toBe(true);
    },
    30_000,
  );

  it('catches edits of its own ledger: a changed byte, a deleted event, two events swapped, a forged rehash', async () => {
    const entries = db('audit').collection<LooseDoc>('ledger_entries');
    const streams = db('audit').collection<LooseDoc>('ledger_streams');
    const id = `enterprise-${E1}`;
    // A second event for E1, so there is something to swap and delete.
    const renamed = await registry.call('POST', `/v1/enterprises/${E1}/rename`, county, {
      newName: '平顶山市新华区审计示例改名有限公司',
      effectiveOn: '2026-09-21',
    });
    expect(renamed.status).toBe(200);
    await atVersion(id, 2);
    await audit.call('POST', '/v1/checkpoints', auditor, {});
    const original = await entries.find({ streamId: id }).sort({ streamVersion: 1 }).toArray();
    const restore = async () => {
      await entries.deleteMany({ streamId: id });
      await entries.insertMany(original);
      await streams.updateOne({ _id: id }, { $set: { version: 2, hash: original[1]!.hash } });
    };
    const check = async () =>
      (await stream(id)).body!.verification as { ok: boolean; reason?: string; brokenAt?: number };

    await entries.updateOne(
      { _id: `${id}@2` },
      { $set: { 'data.newName': '平顶山市新华区审计示例改名有限公同' } },
    );
    expect(await check()).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash-mismatch' });
    await restore();
    expect(await check()).toMatchObject({ ok: true });

    await entries.deleteOne({ _id: `${id}@2` });
    expect(await check()).toMatchObject({ ok: false, reason: 'head-mismatch' });
    await restore();

    await entries.updateOne({ _id: `${id}@1` }, { $set: { seq: original[1]!.seq } });
    await entries.updateOne({ _id: `${id}@2` }, { $set: { seq: original[0]!.seq } });
    expect(await check()).toMatchObject({ ok: false, brokenAt: 2, reason: 'order' });
    await restore();

    // The forger rewrites version 2 and recomputes its hash and the head: the chain holds, the signature not.
    const forged = { ...original[1]!, data: { ...(original[1]!.data as object), newName: '伪造有限公司' } };
    const hash = linkHash(original[1]!.prevHash as string, forged as never);
    await entries.updateOne({ _id: `${id}@2` }, { $set: { data: forged.data, hash } });
    await streams.updateOne({ _id: id }, { $set: { hash } });
    expect(await check()).toMatchObject({ ok: false, brokenAt: 2, reason: 'checkpoint-mismatch' });
    await restore();
    // Each was recorded as a finding naming its check. The same check may be recorded twice when a read races
    // the tampering on real Kafka (a redelivered event re-verifies the stream), so the checks are compared as a set.
    const checks = [...new Set((await findingsOf(id)).map((f) => f.check))].sort();
    expect(checks).toEqual(['checkpoint-mismatch', 'hash-mismatch', 'head-mismatch', 'order']);
  }, 60_000);

  it('exports a region that the standalone verifier accepts offline, and refuses it with one byte altered', async () => {
    await audit.call('POST', '/v1/checkpoints', auditor, {});
    const res = await fetch(`${suite.url('audit')}/v1/exports?region=410402`, {
      headers: { authorization: await bearer() },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const good = join(suite.home, 'bundle.jsonl');
    const bad = join(suite.home, 'bundle-altered.jsonl');
    writeFileSync(good, text);
    writeFileSync(bad, text.replace('审计示例二', '审计示例三'));
    const cli = join(repoRoot, 'services', 'audit', 'dist', 'cli.js');
    const run = (file: string) =>
      promisify(execFile)(process.execPath, [cli, 'verify', file]).then(
        (o) => ({ code: 0, out: o.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const ok = await run(good);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/VERIFIED/) });
    expect(ok.out).toMatch(/signature by key .* verifies/);
    const refused = await run(bad);
    expect(refused).toMatchObject({ code: 1, out: expect.stringMatching(/REFUSED: .*hash-mismatch/) });
  }, 30_000);
});

async function bearer(): Promise<string> {
  const { loadDevKeys, signLocalToken } = await import('@peiyu/service-kit');
  const keys = await loadDevKeys(join(suite.home, 'keys'));
  return `Bearer ${await signLocalToken(keys, { principal: { ...auditor }, ttlMs: 600_000, clock: audit.clock })}`;
}
