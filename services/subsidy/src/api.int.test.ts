import { Writable } from 'node:stream';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import {
  planEvents,
  writeDocs,
  IdempotencyStore,
  KeyedSerialiser,
  ProjectionCatalog,
  StoreProjector,
  type EventEnvelope,
} from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import { createLogger, readSheet } from '@peiyu/service-kit';
import request from 'supertest';
import { buildSubsidyApp } from './app';
import { exampleVersionDrafts, type VersionDraft } from './domain';
import type { SubsidyDeps } from './http/deps';
import { reactToFacts } from './reactions/facts';
import { awardFactsProjection, enterprisesProjection } from './read-models/foreign';
import { ReadModels } from './read-models/read-models';
import { ownProjections, subsidyCodec } from './wiring';

// In-process API specs over the in-memory event store: the own read models from the store, and the facts of
// other services handed to the same reaction the Kafka consumer runs. The journey through Kafka is the e2e's.
let h: ApiHarness;
let app: ReturnType<typeof buildSubsidyApp>;
let deps: SubsidyDeps;
const YUAN = 100;
const A = exampleUscc('410402', 7001); // 新华区, 平顶山市
const B = exampleUscc('410402', 7002);
const C = exampleUscc('410402', 7003);
const RUZHOU = exampleUscc('410482', 7004); // 汝州市: 省直管县
const LUOYANG = exampleUscc('410302', 7005); // 老城区, 洛阳市
const admin = { role: 'admin' as const };
const fin = (region: string) => ({ role: 'finance' as const, region });
const ent = (uscc: string, region = '410402') => ({ role: 'enterprise' as const, region, uscc });
const countyReviewer = { role: 'county_reviewer' as const, region: '410402' };

let seq = 0;
const versions = new Map<string, number>();
function envelope(type: string, streamId: string, data: object, schemaVersion = 1): EventEnvelope {
  seq += 1;
  versions.set(streamId, (versions.get(streamId) ?? 0) + 1);
  return {
    eventId: `fact-${seq}`,
    streamId,
    streamVersion: versions.get(streamId)!,
    type,
    schemaVersion,
    occurredAt: '2026-03-01T00:00:00.000Z',
    recordedAt: '2026-03-01T00:00:00.000Z',
    actor: { role: 'system', id: 'test' },
    correlationId: `c-${seq}`,
    causationId: null,
    data,
  };
}
/** As the facts consumer does: the projection write (award facts), then the reaction. */
async function consume(events: EventEnvelope[]): Promise<void> {
  const p = awardFactsProjection();
  const coll = await new ProjectionCatalog(h.db).live(p.name);
  const docs = await coll.find({ _id: { $in: events.map((e) => e.streamId) } }).toArray();
  const plan = planEvents(p, new Map(docs.map((d) => [String(d._id), d as never])), events);
  await writeDocs(coll, plan.writes);
  await reactToFacts(deps, events);
}
const entered = (uscc: string, countyCode: string, n: number, year = 2026) =>
  envelope('SmeEntered', `sme-batch-b${year}`, {
    batchId: `b${year}`,
    evaluationId: `ev-${uscc}-${year}`,
    uscc,
    year,
    countyCode,
    registrationNumber: `${year}4104${String(n).padStart(6, '0')}`,
    enteredOn: `${year}-02-20`,
    validUntil: `${year + 1}-03-31`,
  });

beforeAll(async () => {
  h = await apiHarness('2026-03-02T01:00:00Z', subsidyCodec());
  const projector = new StoreProjector({ store: h.store, db: h.db, projections: ownProjections() });
  await projector.start();
  let ids = 0;
  deps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock),
    clock: h.clock,
    serialiser: new KeyedSerialiser(),
    projector,
    reads: new ReadModels(projector, new ProjectionCatalog(h.db)),
    logger: createLogger('subsidy-test', {}, new Writable({ write: (_c, _e, done) => done() })),
    newId: () => `round-${++ids}`,
    afterAppend: () => projector.catchUp(),
  };
  app = buildSubsidyApp(deps, h.verifier);
}, 30_000);
afterAll(() => h.close());

const call = (method: 'get' | 'post', path: string, who: object | null, payload?: object) => {
  let r = request(app)[method](path).set('Accept-Language', 'en');
  if (who) r = r.set(h.as(who as never));
  return payload === undefined ? r : r.send(payload);
};
async function eventCount(): Promise<number> {
  let n = 0;
  for await (const _ of h.store.readAll()) n += 1;
  return n;
}
const drafts = exampleVersionDrafts();
const draft = (policyId: string): VersionDraft => drafts.find((d) => d.policyId === policyId)!;

describe('policy publication (as data, refused with the rule named)', () => {
  it('awards facts recorded before their policy was published once it is (backfill)', async () => {
    await consume([entered(LUOYANG, '410302', 9)]);
    expect((await call('get', '/v1/entitlements?region=410302', admin)).body.total).toBe(0);
    await call('post', '/v1/policy-versions', admin, draft('tsme-entry-award/city'));
    const after = await call('get', '/v1/entitlements?region=410302', admin);
    expect(after.body.items).toMatchObject([{ policyId: 'tsme-entry-award/city', amount: 10_000 * YUAN }]);
  });

  it('publishes the example policies, marked as examples; the same version again changes nothing', async () => {
    for (const d of drafts.filter((x) => x.policyId !== 'tsme-entry-award/city')) {
      const r = await call('post', '/v1/policy-versions', admin, d);
      expect(r.status).toBe(201);
      expect(r.body.versions.at(-1)).toMatchObject({ versionId: d.versionId, example: true });
    }
    const again = await call('post', '/v1/policy-versions', fin('410000'), draft('rd-subsidy'));
    expect(again.status).toBe(201);
    expect(again.headers.etag).toBe('"1"');
    const list = await call('get', '/v1/policies', ent(A));
    expect(list.body).toMatchObject({ page: 1, total: 5 });
    // the public shape only: no read-model internals such as _id
    for (const item of list.body.items) expect(Object.keys(item).sort()).toEqual(['policyId', 'versions']);
    const one = await call('get', '/v1/policies/hnte-award.city', fin('410400'));
    expect(one.body.versions[0].versionId).toBe('hnte-award/city-example-2016');
  });

  it('refuses a ceiling broken, a blank reference, an overlap and an unknown policy, naming the rule', async () => {
    const rd = draft('rd-subsidy');
    const cases: Array<[VersionDraft, string]> = [
      [
        {
          ...rd,
          versionId: 'v-60',
          effectiveFrom: '2030-01-01',
          funding: { ...rd.funding, province: '0.6' } as never,
        },
        'policy.funding',
      ],
      [{ ...rd, versionId: 'v-ref', effectiveFrom: '2030-01-01', legalReference: ' ' }, 'policy.reference'],
      [
        { ...rd, versionId: 'v-old', effectiveFrom: '2017-01-01', effectiveTo: '2019-12-31' },
        'policy.overlap',
      ],
      [{ ...rd, policyId: 'moon-award', versionId: 'm1' }, 'policy.unknown'],
    ];
    for (const [body, code] of cases) {
      const r = await call('post', '/v1/policy-versions', admin, body);
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 400, code });
    }
    const zh = await request(app)
      .post('/v1/policy-versions')
      .set(h.as(admin))
      .set('Accept-Language', 'zh-CN')
      .send(cases[0]![0]);
    expect(zh.body.detail).toContain('省级不超过50%');
  });

  it('lets only the admin and finance publish', async () => {
    const r = await call('post', '/v1/policy-versions', countyReviewer, draft('rd-subsidy'));
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'role_not_allowed' });
    expect(
      (await call('post', '/v1/policy-versions', admin, { ...draft('rd-subsidy'), extra: 1 })).status,
    ).toBe(400);
  });
});

describe('entitlements from facts, approvals and payments per level', () => {
  const cityLedger = 'city-410400-tsme-entry-award.city-2026';
  const countyLedger = 'county-410402-tsme-entry-award.county-2026';
  const regA = '20264104000001';

  it('awards an entered tech SME under the city and county entry policies, each with its trace', async () => {
    const fact = entered(A, '410402', 1);
    await consume([fact]);
    await consume([fact]); // redelivered: nothing more
    const r = await call('get', `/v1/entitlements/tsme-entry-award.city-${regA}`, ent(A));
    expect(r.status).toBe(200);
    expect(r.body.calculation).toMatchObject({
      policyId: 'tsme-entry-award/city',
      example: true,
      amount: 10_000 * YUAN,
      shares: { province: 0, city: 10_000 * YUAN, county: 0 },
      payers: { province: '410000', city: '410400', county: '410402' },
    });
    expect(r.body.calculation.inputs[0]).toMatchObject({
      name: 'registrationNumber',
      sourceEventId: fact.eventId,
    });
    expect(r.body.explanation.join('')).toContain('10,000.00');
    expect(r.body.levels.city).toMatchObject({
      status: 'pending',
      requested: 10_000 * YUAN,
      ledgerId: `subsidy-ledger-${cityLedger}`,
    });
    const mine = await call('get', '/v1/entitlements', ent(A));
    expect(mine.body.total).toBe(2);
    expect((await call('get', `/v1/entitlements/tsme-entry-award.city-${regA}`, ent(B))).status).toBe(404);
  });

  it('has each level approve and pay its own share only, refusing another level by the rule', async () => {
    const alloc = await call('post', `/v1/ledgers/${cityLedger}/budget`, fin('410400'), {
      amount: 50_000 * YUAN,
      reference: '平财预〔2026〕1号',
    });
    expect(alloc.status).toBe(200);
    expect(alloc.body.budget).toMatchObject({ allocated: 50_000 * YUAN, remaining: 50_000 * YUAN });
    const queue = await call('get', `/v1/ledgers/${cityLedger}/shares?status=pending`, fin('410400'));
    expect(queue.body.items.map((s: { entitlementId: string }) => s.entitlementId)).toEqual([
      `tsme-entry-award.city-${regA}`,
    ]);
    const byCounty = await call('post', `/v1/ledgers/${cityLedger}/approvals`, fin('410402'), {
      entitlementId: `tsme-entry-award.city-${regA}`,
    });
    expect({ status: byCounty.status, code: byCounty.body.code }).toEqual({
      status: 403,
      code: 'finance.other-level',
    });
    const byOtherCity = await call('post', `/v1/ledgers/${cityLedger}/approvals`, fin('411700'), {
      entitlementId: `tsme-entry-award.city-${regA}`,
    });
    expect(byOtherCity.body.code).toBe('finance.other-region');
    const ok = await call('post', `/v1/ledgers/${cityLedger}/approvals`, fin('410400'), {
      entitlementId: `tsme-entry-award.city-${regA}`,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.budget).toMatchObject({ consumed: 10_000 * YUAN, remaining: 40_000 * YUAN });
    const paid = await call('post', `/v1/ledgers/${cityLedger}/disbursements`, fin('410400'), {
      entitlementId: `tsme-entry-award.city-${regA}`,
      paymentRef: 'PAY-001',
    });
    expect(paid.body.budget.disbursed).toBe(10_000 * YUAN);
    const twice = await call('post', `/v1/ledgers/${cityLedger}/disbursements`, fin('410400'), {
      entitlementId: `tsme-entry-award.city-${regA}`,
      paymentRef: 'PAY-002',
    });
    expect({ status: twice.status, code: twice.body.code }).toEqual({
      status: 409,
      code: 'share.already-disbursed',
    });
    const seen = await call('get', `/v1/entitlements/tsme-entry-award.city-${regA}`, ent(A));
    expect(seen.body.levels.city).toMatchObject({
      status: 'disbursed',
      disbursed: 10_000 * YUAN,
      paymentRef: 'PAY-001',
    });
    // The payment changed the answer but not the entitlement stream's ETag: never 304, and never stored.
    const revalidated = await request(app)
      .get(`/v1/entitlements/tsme-entry-award.city-${regA}`)
      .set(h.as(ent(A) as never))
      .set('If-None-Match', seen.headers['etag']!);
    expect([revalidated.status, revalidated.headers['cache-control']]).toEqual([200, 'no-store']);
    expect(revalidated.body.levels.city.paymentRef).toBe('PAY-001');
    expect(
      (await call('post', `/v1/ledgers/${cityLedger}/budget`, countyReviewer, { amount: 1, reference: 'x' }))
        .body.code,
    ).toBe('role_not_allowed');
    expect(
      (await call('post', `/v1/ledgers/nonsense/budget`, fin('410400'), { amount: 1, reference: 'x' }))
        .status,
    ).toBe(404);
  });

  it('reduces a round pro rata exactly to the fen when the budget falls short', async () => {
    const lastYear = entered(B, '410402', 12, 2025);
    await consume([lastYear]);
    await consume([entered(B, '410402', 2), entered(C, '410402', 3)]);
    // "entered two years in a row": the input cites last year's entry
    const b = await call('get', '/v1/entitlements/tsme-entry-award.county-20264104000002', fin('410402'));
    expect(b.body.calculation.inputs).toContainEqual({
      name: 'enteredPreviousYear',
      value: true,
      sourceEventId: lastYear.eventId,
    });
    await call('post', `/v1/ledgers/${countyLedger}/budget`, fin('410402'), {
      amount: 20_000 * YUAN,
      reference: '新财预〔2026〕2号',
    });
    const single = await call('post', `/v1/ledgers/${countyLedger}/approvals`, fin('410402'), {
      entitlementId: `tsme-entry-award.county-${regA}`,
    });
    expect(single.status).toBe(200); // fits
    await call('post', `/v1/ledgers/${countyLedger}/budget`, fin('410402'), {
      amount: 1,
      reference: '新财预〔2026〕3号',
    });
    // 10,000.01 yuan left for two shares of 10,000 yuan: 500,000 fen each and the odd fen to the earlier id.
    const round = await call('post', `/v1/ledgers/${countyLedger}/rounds`, fin('410402'), {});
    expect(round.status).toBe(200);
    expect(round.body.budget).toMatchObject({ allocated: 2_000_001, consumed: 2_000_001, remaining: 0 });
    const approved = Object.values(round.body.shares as Record<string, { approved: number }>).map(
      (s) => s.approved,
    );
    expect(approved.sort()).toEqual([1_000_000, 500_000, 500_001].sort());
    const reduced = await call('get', `/v1/ledgers/${countyLedger}/shares?status=reduced`, fin('410402'));
    expect(reduced.body.total).toBe(2);
  });

  it('lists ledgers and entitlements scoped by level and region; a city never sees a 省直管县', async () => {
    await consume([entered(RUZHOU, '410482', 4)]);
    const ruzhou = await call('get', '/v1/entitlements?region=410482', fin('410000'));
    expect(ruzhou.body.items.map((e: { policyId: string }) => e.policyId).sort()).toEqual([
      'tsme-entry-award/city',
      'tsme-entry-award/county',
    ]);
    // the city's award of a 省直管县 is paid by the county (its city share falls to the county)
    const cityAward = ruzhou.body.items.find(
      (e: { policyId: string }) => e.policyId === 'tsme-entry-award/city',
    );
    expect(cityAward.shares).toEqual({ province: 0, city: 0, county: 10_000 * YUAN });
    const cityList = await call('get', '/v1/entitlements', fin('410400'));
    expect(cityList.body.items.every((e: { countyCode: string }) => e.countyCode !== '410482')).toBe(true);
    expect((await call('get', '/v1/entitlements?region=410482', fin('410400'))).body.code).toBe(
      'outside_region',
    );
    const ledgers = await call('get', '/v1/ledgers?level=county', fin('410400'));
    expect(ledgers.body.items.map((l: { ledgerId: string }) => l.ledgerId)).toEqual([
      `subsidy-ledger-${countyLedger}`,
    ]);
    expect(ledgers.body.items[0].state).toBeUndefined();
    expect((await call('get', '/v1/ledgers', ent(A))).body.code).toBe('role_not_allowed');
    expect((await call('get', '/v1/entitlements?pageSize=1', fin('410402'))).body).toMatchObject({
      page: 1,
      pageSize: 1,
      total: 8, // A, B (2025 and 2026), C: each a city and a county award
    });
  });
  it('withdraws what was approved and not paid when an entry is revoked for fraud, and nothing otherwise', async () => {
    const revoked = (uscc: string, n: number, fraud: boolean) =>
      envelope('SmeEntryRevoked', `sme-evaluation-${uscc}-2026`, {
        evaluationId: `ev-${uscc}-2026`,
        uscc,
        year: 2026,
        registrationNumber: `20264104${String(n).padStart(6, '0')}`,
        revokedOn: '2026-03-02',
        ground: fraud ? 'serious_fraud' : 'no_longer_qualified',
        fraud,
        reason: fraud ? '材料造假' : '不再符合条件',
      });
    const ledger = 'county-410402-tsme-entry-award.county-2026';
    const before = await call('get', `/v1/ledgers/${ledger}`, fin('410402'));
    await consume([revoked(C, 3, false)]);
    expect((await call('get', `/v1/ledgers/${ledger}`, fin('410402'))).headers.etag).toBe(
      before.headers.etag,
    );
    await consume([revoked(B, 2, true)]);
    const after = await call('get', `/v1/ledgers/${ledger}`, fin('410402'));
    const bShare = (before.body.shares as Record<string, { approved: number }>)[
      'tsme-entry-award.county-20264104000002'
    ]!;
    expect(after.body.budget.consumed).toBe(before.body.budget.consumed - bShare.approved);
    const b = await call('get', '/v1/entitlements/tsme-entry-award.county-20264104000002', ent(B));
    expect(b.body.levels.county).toMatchObject({ status: 'withdrawn' });
    const pay = await call('post', `/v1/ledgers/${ledger}/disbursements`, fin('410402'), {
      entitlementId: 'tsme-entry-award.county-20264104000002',
      paymentRef: 'PAY-X',
    });
    expect({ status: pay.status, code: pay.body.code }).toEqual({
      status: 409,
      code: 'share.basis-cancelled',
    });
  });
});

describe('HNTE awards and clawback on cancellation', () => {
  const cert = 'GR202641000123';
  const id = `hnte-award.county-${cert}`;
  const countyLedger = 'county-410402-hnte-award.county-2026';

  it('awards a first certification by revenue tier, pays it, and orders it back when cancelled', async () => {
    await consume([
      envelope(
        'HnteCertified',
        `hnte-enterprise-${A}`,
        {
          uscc: A,
          certificateNumber: cert,
          field: 'electronic_information',
          issuedOn: '2026-02-25',
          validUntil: '2029-02-24',
          kind: 'first',
          latestYearRevenue: 40_000_000 * YUAN,
          countyCode: '410402',
          provinceCode: '410000',
          applicationId: 'app-1',
          ruleSetId: 'hnte-2016',
        },
        2,
      ),
    ]);
    const award = await call('get', `/v1/entitlements/${id}`, fin('410402'));
    expect(award.body.calculation).toMatchObject({
      amount: 150_000 * YUAN,
      shares: { county: 150_000 * YUAN },
    });
    await call('post', `/v1/ledgers/${countyLedger}/budget`, fin('410402'), {
      amount: 500_000 * YUAN,
      reference: 'B',
    });
    await call('post', `/v1/ledgers/${countyLedger}/approvals`, fin('410402'), { entitlementId: id });
    await call('post', `/v1/ledgers/${countyLedger}/disbursements`, fin('410402'), {
      entitlementId: id,
      paymentRef: 'PAY-H1',
    });
    await consume([
      envelope(
        'HnteCancelled',
        `hnte-enterprise-${A}`,
        {
          uscc: A,
          certificateNumber: cert,
          ground: 'application_fraud',
          effectiveFrom: '2026-01-01',
          effectiveYear: 2026,
          decidedOn: '2026-03-01',
          reason: '申报材料造假',
        },
        2,
      ),
    ]);
    const after = await call('get', `/v1/entitlements/${id}`, ent(A));
    expect(after.body.levels.county).toMatchObject({ status: 'clawback-ordered', clawback: 150_000 * YUAN });
    const over = await call('post', `/v1/ledgers/${countyLedger}/recoveries`, fin('410402'), {
      entitlementId: id,
      amount: 150_000 * YUAN + 1,
      reference: 'R',
    });
    expect(over.body.code).toBe('recovery.exceeds');
    const back = await call('post', `/v1/ledgers/${countyLedger}/recoveries`, fin('410402'), {
      entitlementId: id,
      amount: 150_000 * YUAN,
      reference: '退回凭证 1',
    });
    expect(back.body.budget).toMatchObject({ clawedBack: 150_000 * YUAN, recovered: 150_000 * YUAN });
  });
});

describe('the R&D subsidy by application, split province ≤ 50 % / city ≤ 20 % / county the rest', () => {
  const id = `rd-subsidy-${B}-2025`;
  it('is declared by the enterprise, verified by its county, and calculated with the split', async () => {
    const body = {
      rdYear: 2025,
      acceptedRdExpense: 6_000_000 * YUAN,
      filingRef: '豫税加计〔2026〕0001',
      enterpriseTypes: ['tech-sme'],
    };
    const applied = await call('post', '/v1/rd-subsidies', ent(B), body);
    expect(applied.status).toBe(201);
    expect(applied.headers.location).toBe(`/v1/entitlements/${id}`);
    expect((await call('post', '/v1/rd-subsidies', ent(B), body)).body.code).toBe('rd.already-applied');
    expect((await call('post', '/v1/rd-subsidies', ent(B), { ...body, rdYear: 2026 })).body.code).toBe(
      'rd.year',
    );
    const verification = { outcome: 'verified', rdBudgetFiled: true, ipItemsLast3Years: 2, dishonest: false };
    const otherCounty = await call(
      'post',
      `/v1/entitlements/${id}/verification`,
      { role: 'county_reviewer', region: '410403' },
      verification,
    );
    expect(otherCounty.status).toBe(403);
    const verified = await call('post', `/v1/entitlements/${id}/verification`, countyReviewer, verification);
    expect(verified.status).toBe(200);
    // 10 % of 5,000,000 + 5 % of 1,000,000 = 550,000 yuan; province 50 %, city 20 %, county the remainder.
    expect(verified.body.calculation).toMatchObject({
      amount: 550_000 * YUAN,
      shares: { province: 275_000 * YUAN, city: 110_000 * YUAN, county: 165_000 * YUAN },
      basis: { kind: 'rd-application', reference: '豫税加计〔2026〕0001' },
    });
    const provinceLedger = await call(
      'get',
      '/v1/ledgers/province-410000-rd-subsidy-2026/shares',
      fin('410000'),
    );
    expect(provinceLedger.body.total).toBe(1);
  });
});

describe('what-if (read-only)', () => {
  it('replays the recorded facts under an overlay and writes nothing', async () => {
    const before = await eventCount();
    const r = await call('post', '/v1/what-if', fin('410000'), {
      from: '2025-06-01',
      to: '2026-12-31',
      overlay: {
        shares: { province: '0.4', city: '0.2' },
        parameters: { 'tsme-entry-award/city': { amount: 20_000 * YUAN } },
      },
    });
    expect(r.status).toBe(200);
    // The R&D subsidy: province 40 % of 550,000 yuan; the city entry award doubled for A, B, C, 汝州 and 洛阳
    // (B's 2025 entry lies before the period).
    expect(r.body.byPolicy['rd-subsidy'].simulated).toMatchObject({
      amount: 550_000 * YUAN,
      province: 220_000 * YUAN,
      city: 110_000 * YUAN,
      county: 220_000 * YUAN,
    });
    expect(r.body.byPolicy['tsme-entry-award/city']).toEqual({
      actual: { amount: 50_000 * YUAN, province: 0, city: 40_000 * YUAN, county: 10_000 * YUAN },
      simulated: { amount: 100_000 * YUAN, province: 0, city: 80_000 * YUAN, county: 20_000 * YUAN },
    });
    expect(await eventCount()).toBe(before);
    const bad = await call('post', '/v1/what-if', fin('410000'), {
      from: '2025-06-01',
      to: '2026-12-31',
      overlay: { shares: { province: '0.6', city: '0.2' } },
    });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'policy.funding' });
    expect(
      (await call('post', '/v1/what-if', ent(A), { from: '2025-01-01', to: '2026-12-31', overlay: {} }))
        .status,
    ).toBe(403);
  });
});

describe("exports: a finance level's approval and payment lists as CSV and XLSX", () => {
  /** The body of a download as bytes, whatever its media type. */
  const download = (path: string, who: object) =>
    request(app)
      .get(path)
      .set('Accept-Language', 'en')
      .set(h.as(who as never))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    // the registry's enterprises view (a Kafka consumer in the service): the names the lists show
    const p = enterprisesProjection();
    const events = [
      [A, '平顶山市甲科技有限公司'],
      [B, '平顶山市乙新材料有限公司'],
      [C, '平顶山市丙智能装备有限公司'],
    ].map(([uscc, name]) =>
      envelope('EnterpriseRegistered', `enterprise-${uscc}`, { uscc, name, divisionCode: '410402' }),
    );
    const coll = await new ProjectionCatalog(h.db).live(p.name);
    await writeDocs(coll, planEvents(p, new Map(), events).writes);
  });

  it("exports the county's approval list as CSV with Chinese headers, exact yuan, scoped to its level", async () => {
    const r = await download(
      '/v1/exports/approvals?format=csv&budgetYear=2026&policyId=tsme-entry-award/county',
      fin('410402'),
    );
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toContain('filename="approvals-county-410402-2026.csv"');
    const rows = await readSheet(r.body as Buffer, 'csv');
    expect(rows[0]).toEqual(['县级财政（410402） 2026 年度 科技型中小企业入库奖励（县级） 补助审批清单']);
    expect(rows[1]).toEqual([
      '企业名称',
      '统一社会信用代码',
      '所在县（区）代码',
      '补助政策',
      '预算年度',
      '补助依据',
      '决定日期',
      '本级应承担金额（元）',
      '核定金额（元）',
      '状态',
    ]);
    // A approved alone; B and C reduced in a round (10,000.01 yuan for two: the odd fen to B), then B's
    // entry revoked for fraud: its approval withdrawn.
    expect(rows.slice(2, 5)).toEqual([
      [
        '平顶山市甲科技有限公司',
        A,
        '410402',
        '科技型中小企业入库奖励（县级）',
        '2026',
        '入库登记编号 20264104000001',
        '2026-02-20',
        '10000.00',
        '10000.00',
        '已核定',
      ],
      [
        '平顶山市乙新材料有限公司',
        B,
        '410402',
        '科技型中小企业入库奖励（县级）',
        '2026',
        '入库登记编号 20264104000002',
        '2026-02-20',
        '10000.00',
        '5000.01',
        '已撤回',
      ],
      [
        '平顶山市丙智能装备有限公司',
        C,
        '410402',
        '科技型中小企业入库奖励（县级）',
        '2026',
        '入库登记编号 20264104000003',
        '2026-02-20',
        '10000.00',
        '5000.00',
        '按预算核减',
      ],
    ]);
    expect(rows[5]).toEqual(['共 3 条。合计：本级应承担 30000.00 元，核定 20000.01 元。']);
    // the same filters and scope as the paginated list
    const page = await call(
      'get',
      '/v1/shares?budgetYear=2026&policyId=tsme-entry-award/county&status=reduced',
      fin('410402'),
    );
    expect(page.body).toMatchObject({ page: 1, total: 1, items: [{ uscc: C, approved: 500_000 }] });
    const pending = await download('/v1/exports/approvals?format=csv&status=pending', fin('410402'));
    const pendingRows = (await readSheet(pending.body as Buffer, 'csv')).slice(2, -3);
    expect(pendingRows.map((row) => [row[1], row[3], row[7], row[9]])).toEqual([
      [B, '科技型中小企业入库奖励（县级）', '10000.00', '待审批'], // the 2025 entry, never approved
      [B, '研发费用财政补助', '165000.00', '待审批'], // the county's 30 % of 550,000 yuan
    ]);
  });

  it("exports the county's payment list as XLSX: paid, clawed back and recovered, read back with readSheet", async () => {
    const r = await download('/v1/exports/payments?format=xlsx&budgetYear=2026', fin('410402'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const rows = await readSheet(r.body as Buffer, 'xlsx');
    expect(rows[0]).toEqual(['县级财政（410402） 2026 年度 补助拨付清单']);
    expect(rows[1]).toEqual([
      '企业名称',
      '统一社会信用代码',
      '所在县（区）代码',
      '补助政策',
      '预算年度',
      '补助依据',
      '核定金额（元）',
      '拨付金额（元）',
      '支付凭证号',
      '应追回金额（元）',
      '已追回金额（元）',
      '状态',
    ]);
    // the HNTE award of 150,000 yuan paid, then clawed back on cancellation and recovered (XLSX keeps yuan as
    // numbers: 150000 is 150,000.00 yuan)
    expect(rows.slice(2, -3)).toEqual([
      [
        '平顶山市甲科技有限公司',
        A,
        '410402',
        '高新技术企业认定奖励（县区级）',
        '2026',
        '高企证书编号 GR202641000123',
        '150000',
        '150000',
        'PAY-H1',
        '150000',
        '150000',
        '已追回',
      ],
    ]);
    expect(rows.at(-3)).toEqual([
      '共 1 条。合计：拨付 150000.00 元，应追回 150000.00 元，已追回 150000.00 元。',
    ]);
  });

  it("gives the city its own level's payments only (another level's list → 403 finance.other-level)", async () => {
    const city = await download('/v1/exports/payments?format=xlsx', fin('410400'));
    const rows = (await readSheet(city.body as Buffer, 'xlsx')).slice(2, -3);
    expect(rows.map((row) => [row[1], row[3], row[7], row[8], row[11]])).toEqual([
      [A, '科技型中小企业入库奖励（市级）', '10000', 'PAY-001', '已拨付'],
    ]);
    const otherLevel = await call('get', '/v1/exports/approvals?format=csv&level=county', fin('410400'));
    expect({ status: otherLevel.status, code: otherLevel.body.code }).toEqual({
      status: 403,
      code: 'finance.other-level',
    });
    const countyOfCity = await call(
      'get',
      '/v1/exports/payments?format=xlsx&region=410402&level=county',
      fin('410400'),
    );
    expect(countyOfCity.body.code).toBe('finance.other-level');
    expect((await call('get', '/v1/shares?level=province', fin('410402'))).body.code).toBe(
      'finance.other-level',
    );
    const otherCounty = await call('get', '/v1/exports/approvals?format=csv&region=410403', fin('410402'));
    expect({ status: otherCounty.status, code: otherCounty.body.code }).toEqual({
      status: 403,
      code: 'outside_region',
    });
    // a city never lists a 省直管县 (its city share falls to the county)
    expect(
      (await call('get', '/v1/exports/approvals?format=csv&region=410482', fin('410400'))).body.code,
    ).toBe('outside_region');
    expect((await call('get', '/v1/exports/approvals?format=csv', ent(A))).body.code).toBe(
      'role_not_allowed',
    );
    expect((await call('get', '/v1/exports/approvals?format=pdf', fin('410402'))).status).toBe(400);
    // an auditor of the province reads any level in its scope
    const audit = await download(
      '/v1/exports/approvals?format=csv&level=county&region=410402&policyId=rd-subsidy',
      { role: 'auditor', region: '410000' },
    );
    expect(audit.status).toBe(200);
  });

  it('declares both exports in the OpenAPI with their media types', async () => {
    const doc = (await call('get', '/openapi.json', null)).body;
    for (const path of ['/v1/exports/approvals', '/v1/exports/payments'])
      expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual([
        'text/csv; charset=utf-8',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]);
  });
});
