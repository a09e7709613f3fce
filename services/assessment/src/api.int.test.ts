import { Writable } from 'node:stream';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import {
  CalendarFeed,
  IdempotencyStore,
  KeyedSerialiser,
  ProjectionCatalog,
  StoreProjector,
  writeDocs,
  type EventEnvelope,
} from '@peiyu/eventstore';
import { allEvents } from '@peiyu/contracts';
import { exampleUscc } from '@peiyu/policy';
import { createLogger } from '@peiyu/service-kit';
import request from 'supertest';
import { buildAssessmentApp } from './app';
import { ASSESSMENT_SCOPE } from './http/access';
import type { AssessmentDeps } from './http/deps';
import { goodForm } from './domain/test-support/fixtures';
import { batchesProjection } from './read-models/batches';
import { ENTERPRISES, enterprisesProjection } from './read-models/enterprises';
import { evaluationsProjection } from './read-models/evaluations';
import { ReadModels } from './read-models/read-models';

// In-process API specs over the in-memory event store: own read models from the store, the registry's
// enterprises seeded as its consumer would write them. The whole journey (notice, numbers) is the e2e suite's.
let h: ApiHarness;
let app: ReturnType<typeof buildAssessmentApp>;
const E = exampleUscc('410402', 8001);
const RUZHOU = exampleUscc('410482', 8002); // 汝州市: 省直管县, reports to the province
const year = 2026;
const ent = (uscc: string, region: string) => ({ role: 'enterprise' as const, region, uscc });
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const city = { role: 'city_reviewer' as const, region: '410400' };
const province = { role: 'province_reviewer' as const, region: '410000' };
const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'].map(
  (item) => ({ item, passed: true }),
);

async function seedEnterprise(db: ApiHarness['db'], uscc: string, divisionCode: string): Promise<void> {
  const coll = await new ProjectionCatalog(db).live(ENTERPRISES);
  const e = { type: 'EnterpriseRegistered', data: { uscc, name: `示例 ${uscc.slice(-4)}`, divisionCode } };
  const { apply: fold } = enterprisesProjection(ASSESSMENT_SCOPE);
  const doc = fold(undefined, e as EventEnvelope)!;
  await writeDocs(
    coll,
    new Map([[uscc, { from: undefined, doc: { ...doc, _id: `enterprise-${uscc}`, _v: 1 } }]]),
  );
}

beforeAll(async () => {
  h = await apiHarness('2026-03-02T01:00:00Z', allEvents());
  const projector = new StoreProjector({
    store: h.store,
    db: h.db,
    projections: [evaluationsProjection(ASSESSMENT_SCOPE), batchesProjection()],
  });
  await projector.start();
  await seedEnterprise(h.db, E, '410402');
  await seedEnterprise(h.db, RUZHOU, '410482');
  let ids = 0;
  const deps: AssessmentDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock),
    clock: h.clock,
    serialiser: new KeyedSerialiser(),
    projector,
    reads: new ReadModels(projector, new ProjectionCatalog(h.db)),
    counters: h.db.collection('registration_number_counters'),
    registrationNumberFormat: () => '{year}{province}{seq:6}',
    logger: createLogger('assessment-test', {}, new Writable({ write: (_c, _e, done) => done() })),
    newId: () => `id-${++ids}`,
    afterAppend: () => projector.catchUp(),
    calendar: new CalendarFeed(),
  };
  app = buildAssessmentApp(deps, h.verifier);
}, 30_000);
afterAll(() => h.close());

const call = (method: 'get' | 'post' | 'put', path: string, who: object | null, payload?: object) => {
  let r = request(app)[method](path);
  if (who) r = r.set(h.as(who as never));
  return payload === undefined ? r : r.send(payload);
};
const path = (uscc: string) => `/v1/sme-evaluations/${uscc}/${year}`;

describe('evaluation commands through the pipeline', () => {
  it('drafts (201, Location), refuses a county drafting and an enterprise reading another', async () => {
    const drafted = await call('post', '/v1/sme-evaluations', ent(E, '410402'), { year, form: goodForm });
    expect([drafted.status, drafted.headers['location']]).toEqual([201, path(E)]);
    const byCounty = await call('post', '/v1/sme-evaluations', county('410402'), { year, form: goodForm });
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
    expect((await call('get', path(E), ent(RUZHOU, '410482'))).status).toBe(404);
    expect(
      (await call('post', '/v1/sme-evaluations', ent(RUZHOU, '410482'), { year, form: goodForm })).status,
    ).toBe(201);
  });

  // issue 11 §2 (contracts smeFormProblems): impossible inputs are refused at the API, field by field.
  it('refuses an impossible form with a field-level problem: more tech staff than employees, R&D above cost', async () => {
    const form = { ...goodForm, techStaff: goodForm.employees + 1, rdExpense: goodForm.totalCostExpense + 1 };
    const r = await call('post', '/v1/sme-evaluations', ent(RUZHOU, '410482'), { year: year + 1, form });
    expect(r.status).toBe(400);
    const paths = (r.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/form/techStaff', '/body/form/rdExpense']));
  });

  it('submits; an empty action body is named; a rule refusal keeps its code, in Chinese when asked', async () => {
    const empty = await call('post', `${path(E)}/submit`, ent(E, '410402'));
    expect([empty.status, empty.body.code]).toEqual([400, 'body_required']);
    const submitted = await call('post', `${path(E)}/submit`, ent(E, '410402'), {});
    expect([submitted.status, submitted.body.status, submitted.headers['etag']]).toEqual([
      200,
      'submitted',
      '"2"',
    ]);
    expect((await call('post', `${path(RUZHOU)}/submit`, ent(RUZHOU, '410482'), {})).status).toBe(200);
    const twice = await call('post', `${path(E)}/submit`, ent(E, '410402'), {}).set(
      'Accept-Language',
      'zh-CN',
    );
    expect([twice.status, twice.body.code, twice.body.detail]).toEqual([
      409,
      'wrong_status',
      '评价当前状态不允许此操作',
    ]);
  });

  it('reviews in its county only; a role refusal and a region refusal are told apart', async () => {
    const other = await call('post', `${path(E)}/formal-review`, county('410403'), { checklist: PASS });
    expect([other.status, other.body.code]).toEqual([403, 'outside_region']);
    const byProvince = await call('post', `${path(E)}/formal-review`, province, { checklist: PASS });
    expect([byProvince.status, byProvince.body.code]).toEqual([403, 'role_not_allowed']);
  });
});

describe('lists: one envelope, one scope', () => {
  it('the review queue of a city never holds a 省直管县 item; the province sees both', async () => {
    const cityQueue = await call('get', '/v1/sme-review-queue', city);
    expect(cityQueue.body).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    expect(cityQueue.body.items.map((i: { uscc: string }) => i.uscc)).toEqual([E]);
    const auditor = await call('get', '/v1/sme-review-queue', { role: 'auditor', region: '410400' });
    expect(auditor.body.items.map((i: { uscc: string }) => i.uscc)).toEqual([E]);
    const provinceQueue = await call('get', '/v1/sme-review-queue?pageSize=1', province);
    expect([provinceQueue.body.total, provinceQueue.body.items.length]).toEqual([2, 1]);
    const outside = await call('get', '/v1/sme-review-queue?region=410403', county('410402'));
    expect([outside.status, outside.body.code]).toEqual([403, 'outside_region']);
  });

  it('lists evaluations from the read model, paged, and refuses a role without read', async () => {
    const mine = await call('get', '/v1/sme-evaluations', ent(E, '410402'));
    expect(mine.body).toMatchObject({ total: 1, items: [{ uscc: E, status: 'submitted' }] });
    const byStatus = await call('get', `/v1/sme-evaluations?year=${year}&status=submitted`, province);
    expect(byStatus.body.total).toBe(2);
    const finance = await call('get', '/v1/sme-evaluations', { role: 'finance', region: '410000' });
    expect([finance.status, finance.body.code]).toEqual([403, 'role_not_allowed']);
    const missingYear = await call('get', '/v1/sme-entries', null);
    expect([missingYear.status, missingYear.body.detail]).toEqual([400, 'query parameter year is required']);
    expect((await call('get', `/v1/sme-entries?year=${year}`, null)).body).toEqual({
      page: 1,
      pageSize: 20,
      total: 0,
      items: [],
    });
  });
});

describe('batches', () => {
  it('forms a batch of forwarded items (201), reads it, and refuses a county', async () => {
    expect(
      (await call('post', `${path(E)}/formal-review`, county('410402'), { checklist: PASS })).status,
    ).toBe(200);
    const evaluationId = (await call('get', path(E), ent(E, '410402'))).body.evaluationId as string;
    const byCounty = await call('post', '/v1/sme-batches', county('410402'), {
      year,
      evaluationIds: [evaluationId],
    });
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
    const formed = await call('post', '/v1/sme-batches', province, { year, evaluationIds: [evaluationId] });
    expect(formed.status).toBe(201);
    expect(formed.headers['location']).toBe(`/v1/sme-batches/${formed.body.batchId as string}`);
    expect((await call('get', path(E), ent(E, '410402'))).body.status).toBe('batched');
    const listed = await call('get', '/v1/sme-batches', province);
    expect(listed.body).toMatchObject({ total: 1, items: [{ batchId: formed.body.batchId, items: 1 }] });
    const hunan = await call('get', `/v1/sme-batches/${formed.body.batchId as string}`, {
      role: 'province_reviewer',
      region: '430000',
    });
    expect([hunan.status, hunan.body.code]).toEqual([403, 'outside_region']);
  });
});
