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
let deps: AssessmentDeps;
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
  deps = {
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

// issue 11 §2: a flagged evaluation passes the formal review only on a recorded on-site result (115号 第十条).
describe('on-site check result before the formal pass', () => {
  const result = {
    checkedOn: '2026-03-02',
    outcome: 'consistent',
    note: '现场核实研发人员与场地',
    inspector: '李明',
  };
  it('refuses the pass while the flagged check has no result, records it (county only), then passes', async () => {
    const c = county('410482');
    expect((await call('post', `${path(RUZHOU)}/on-site-check/result`, c, result)).body.code).toBe(
      'not_flagged',
    );
    const flag = { reasons: ['reviewer_judgement'], note: '厂房存疑' };
    expect((await call('post', `${path(RUZHOU)}/on-site-check`, c, flag)).status).toBe(200);
    const pending = await call('post', `${path(RUZHOU)}/formal-review`, c, { checklist: PASS }).set(
      'Accept-Language',
      'zh-CN',
    );
    expect([pending.status, pending.body.code, pending.body.detail]).toEqual([
      409,
      'on_site_check_pending',
      '已标记实地核查，须先登记核查结果，形式审查方可通过',
    ]);
    const byProvince = await call('post', `${path(RUZHOU)}/on-site-check/result`, province, result);
    expect([byProvince.status, byProvince.body.code]).toEqual([403, 'role_not_allowed']);
    const future = await call('post', `${path(RUZHOU)}/on-site-check/result`, c, {
      ...result,
      checkedOn: '2026-03-09',
    });
    expect([future.status, future.body.code]).toEqual([400, 'checked_on_out_of_range']);
    const recorded = await call('post', `${path(RUZHOU)}/on-site-check/result`, c, result);
    expect([recorded.status, recorded.body.onSiteCheck.result]).toEqual([
      200,
      { ...result, recordedOn: '2026-03-02' },
    ]);
    const passed = await call('post', `${path(RUZHOU)}/formal-review`, c, { checklist: PASS });
    expect([passed.status, passed.body.status]).toEqual([200, 'forwarded']);
  });
});

// issue 11 §2: the 公示 is public, with an objection form for anyone (real name and contact, masked in reads).
describe('public objection form', () => {
  let batchId: string;
  const objection = {
    uscc: E,
    name: '张三丰',
    contact: '13800138000',
    summary: '该企业研发人员数与实际不符',
  };

  beforeAll(async () => {
    batchId = ((await call('get', '/v1/sme-batches', province)).body.items[0] as { batchId: string }).batchId;
  });

  it('is refused before the notice opens, and for an enterprise not under the notice', async () => {
    const early = await call('post', `/v1/sme-notices/${batchId}/objections`, null, objection);
    expect([early.status, early.body.code]).toEqual([409, 'outside_notice_window']);
    expect((await call('post', `/v1/sme-batches/${batchId}/notice/open`, province, {})).status).toBe(200);
    const other = await call('post', `/v1/sme-notices/${batchId}/objections`, null, {
      ...objection,
      uscc: RUZHOU,
    });
    expect([other.status, other.body.code]).toEqual([404, 'not_in_batch']);
    const unknown = await call('post', '/v1/sme-notices/no-such-batch/objections', null, objection);
    expect(unknown.status).toBe(404);
  });

  it('takes an objection without a token, needs a real name and a valid contact, and never echoes it', async () => {
    const bad = await call('post', `/v1/sme-notices/${batchId}/objections`, null, {
      ...objection,
      contact: 'call me',
    });
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, '/body/contact']);
    const noName = await call('post', `/v1/sme-notices/${batchId}/objections`, null, {
      ...objection,
      name: ' ',
    });
    expect(noName.status).toBe(400);
    const lodged = await call('post', `/v1/sme-notices/${batchId}/objections`, null, objection);
    expect(lodged.status).toBe(201);
    expect(lodged.body).toEqual({ batchId, objectionId: expect.any(String), lodgedOn: '2026-03-02' });
    expect(JSON.stringify(lodged.body)).not.toContain('13800138000');
  });

  it('shows the objector masked in the batch read, in full (logged) to the province only; the province resolves it', async () => {
    const read = await call('get', `/v1/sme-batches/${batchId}`, { role: 'auditor', region: '410000' });
    const o = (read.body.objections as Array<Record<string, unknown>>).find(
      (x) => x['channel'] === 'public_form',
    )!;
    expect(o).toMatchObject({ outcome: 'open', objector: { name: '张**', contact: '138****8000' } });
    const id = o['objectionId'] as string;
    const full = await call('get', `/v1/sme-batches/${batchId}/objections/${id}`, province);
    expect([full.status, full.body.objector]).toEqual([200, { name: '张三丰', contact: '13800138000' }]);
    const byCity = await call('get', `/v1/sme-batches/${batchId}/objections/${id}`, {
      role: 'auditor',
      region: '410000',
    });
    expect([byCity.status, byCity.body.code]).toEqual([403, 'role_not_allowed']);
    const resolved = await call('post', `/v1/sme-batches/${batchId}/objections/${id}/resolve`, province, {
      outcome: 'dismissed',
      finding: '经核实，研发人员数与社保记录一致',
    });
    expect([resolved.status, resolved.body.objections[0].outcome]).toEqual([200, 'dismissed']);
    expect(resolved.body.objections[0].objector).toEqual({ name: '张**', contact: '138****8000' });
  });

  it('limits submissions per address (the kit’s express-rate-limit), answering 429 with Retry-After', async () => {
    const limits = { windowMs: 60_000, authFailures: 1000, publicRequests: 1000, publicSubmissions: 1 };
    const tight = buildAssessmentApp({ ...deps, rateLimits: limits }, h.verifier);
    const first = await request(tight).post(`/v1/sme-notices/${batchId}/objections`).send(objection);
    expect(first.status).toBe(201);
    const second = await request(tight).post(`/v1/sme-notices/${batchId}/objections`).send(objection);
    expect([second.status, second.headers['retry-after'] !== undefined]).toEqual([429, true]);
    // reading the notice is not a submission
    expect((await request(tight).get('/v1/sme-notices')).status).toBe(200);
  });
});

// issue 11 §2: an entry past its validity (policy entryValidOn; campaign 2026 → 2027-03-31) shows as expired in
// the public list (valid=all only) and in every list and read of the evaluation.
describe('entries that expire', () => {
  it('is valid through validUntil and expired the day after, in the public list and in the lists', async () => {
    const batchId = ((await call('get', '/v1/sme-batches', province)).body.items[0] as { batchId: string })
      .batchId;
    const batch = await call('get', `/v1/sme-batches/${batchId}`, province);
    for (const o of batch.body.objections as Array<{ objectionId: string; outcome: string }>) {
      if (o.outcome !== 'open') continue;
      const r = await call(
        'post',
        `/v1/sme-batches/${batchId}/objections/${o.objectionId}/resolve`,
        province,
        {
          outcome: 'dismissed',
          finding: '重复异议，已一并核查',
        },
      );
      expect(r.status).toBe(200);
    }
    h.clock.set(`${(batch.body.notice as { endsOn: string }).endsOn}T01:00:00Z`);
    h.clock.advance(86_400_000); // the 公示 closes only after its last day
    const closed = await call('post', `/v1/sme-batches/${batchId}/notice/close`, province, {});
    expect([closed.status, closed.body.statusLabel]).toEqual([200, '公示结束']);

    const entered = await call('get', path(E), ent(E, '410402'));
    expect(entered.body).toMatchObject({
      status: 'entered',
      statusLabel: '已入库',
      validUntil: '2027-03-31',
      entryState: 'valid',
      entryStateLabel: '有效',
    });
    const listedNow = await call('get', `/v1/sme-entries?year=${year}`, null);
    expect(listedNow.body.items).toMatchObject([{ uscc: E, state: 'valid', stateLabel: '有效' }]);

    h.clock.set('2027-03-31T15:00:00Z'); // the last day of validity (UTC+8: still 31 March)
    expect((await call('get', `/v1/sme-entries?year=${year}`, null)).body.total).toBe(1);

    h.clock.set('2027-04-01T01:00:00Z');
    const now = await call('get', `/v1/sme-entries?year=${year}`, null);
    expect(now.body).toMatchObject({ total: 0, items: [] });
    const all = await call('get', `/v1/sme-entries?year=${year}&valid=all`, null);
    expect(all.body.items).toMatchObject([
      { uscc: E, validUntil: '2027-03-31', state: 'expired', stateLabel: '已过期' },
    ]);
    const read = await call('get', path(E), ent(E, '410402'));
    expect(read.body).toMatchObject({ status: 'entered', entryState: 'expired', entryStateLabel: '已过期' });
    const list = await call('get', `/v1/sme-evaluations?year=${year}&status=entered`, province);
    expect(list.body.items).toMatchObject([{ uscc: E, entryState: 'expired', entryStateLabel: '已过期' }]);
  });
});

// issue 11 §3: the OpenAPI document says units and meanings (fen, ISO dates, working days) and the roles.
describe('OpenAPI', () => {
  it('documents money in fen, ISO dates, working-day deadlines, the public objection form and roles', async () => {
    const doc = (await request(app).get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { description: string; requestBody?: unknown; responses: object }>
      >;
    };
    const draft = JSON.stringify(doc.paths['/v1/sme-evaluations']!['post']!.requestBody);
    expect(draft).toContain('integer fen (分)');
    expect(draft).toContain('科技人员数');
    const result = doc.paths['/v1/sme-evaluations/{uscc}/{year}/on-site-check/result']!['post']!;
    expect(JSON.stringify(result.requestBody)).toContain('ISO date YYYY-MM-DD');
    expect(result.description).toContain('Roles: county_reviewer');
    const submit = doc.paths['/v1/sme-evaluations/{uscc}/{year}/submit']!['post']!;
    expect(JSON.stringify(submit.responses)).toContain('working days');
    const form = doc.paths['/v1/sme-notices/{batchId}/objections']!['post']!;
    expect(form.description).toContain('Roles: public (no token)');
    expect(Object.keys(form.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '429']));
  });
});
