import type { ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import { exampleUscc } from '@peiyu/policy';
import type { Express } from 'express';
import request from 'supertest';
import { goodForm } from './domain/test-support/application-fixtures';
import { certificationApi } from './test-support/api';

// In-process API specs over the in-memory event store: own read models from the store, the registry's
// enterprises seeded as its consumer would write them. The journey through Kafka is the e2e suite's.
let h: ApiHarness;
let app: Express;
let logs: Array<Record<string, unknown>>;
const E = exampleUscc('430602', 7001); // 岳阳楼区
const E2 = exampleUscc('430602', 7002);
const BATCH = '43-2026-1';
const ent = (uscc: string) => ({ role: 'enterprise' as const, region: '430602', uscc });
const county = (region = '430602') => ({ role: 'county_reviewer' as const, region });
const province = { role: 'province_reviewer' as const, region: '430000' };
const admin = { role: 'admin' as const };
const expert = (sub: string) => ({ role: 'expert' as const, sub });
const app1 = `/v1/hnte-applications/${BATCH}/${E}`;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  const api = await certificationApi({ startAt: '2026-06-01T01:00:00Z' });
  ({ h, app, logs } = api);
  await api.seedEnterprise(E, '430602');
  await api.seedEnterprise(E2, '430602');
}, 30_000);
afterAll(() => h.close());

const call = (method: 'get' | 'post' | 'put', path: string, who: object | null, payload?: object) => {
  let r = request(app)[method](path);
  if (who) r = r.set(h.as(who as never));
  return payload === undefined ? r : r.send(payload);
};

const BATCH_BODY = {
  batchId: BATCH,
  provinceCode: '430000',
  year: 2026,
  title: '2026年第一批',
  applicationOpensOn: '2026-06-01',
  applicationClosesOn: '2026-06-30',
  recommendationDueOn: '2026-07-15',
};
const TECH = {
  role: 'technical',
  ip: { advancement: 7, coreSupport: 7, quantity: 8, acquisition: 5, bonus: 1 },
  conversion: 21,
  organisation: { management: 5, institution: 4, incentives: 3, training: 3 },
};
const FIN = { role: 'financial', netAssetGrowth: 5, salesGrowth: 6 };

describe('register and expert pool', () => {
  it('opens a batch (201); refuses a county, another province, a second batch with the same id', async () => {
    const opened = await call('post', '/v1/hnte-batches', admin, BATCH_BODY);
    expect([opened.status, opened.headers['location'], opened.body.batchId]).toEqual([
      201,
      `/v1/hnte-batches/${BATCH}`,
      BATCH,
    ]);
    const byCounty = await call('post', '/v1/hnte-batches', county(), { ...BATCH_BODY, batchId: 'x' });
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
    const otherProvince = await call(
      'post',
      '/v1/hnte-batches',
      { role: 'province_reviewer', region: '410000' },
      {
        ...BATCH_BODY,
        batchId: 'x',
      },
    );
    expect([otherProvince.status, otherProvince.body.code]).toEqual([403, 'outside_region']);
    const again = await call('post', '/v1/hnte-batches', province, {
      ...BATCH_BODY,
      year: 2027,
      applicationOpensOn: '2027-06-01',
      applicationClosesOn: '2027-06-30',
      recommendationDueOn: '2027-07-15',
    });
    expect([again.status, again.body.code]).toEqual([409, 'batch_exists']);
    const listed = await call('get', '/v1/hnte-batches?provinceCode=430000', null);
    expect(listed.body).toMatchObject({ page: 1, total: 1, items: [{ batchId: BATCH, year: 2026 }] });
  });

  it('enlists experts; the pool list masks names, logs the read and is the province’s only', async () => {
    const enlist = (expertId: string, expertise: object, org = '湖南大学') =>
      call('post', '/v1/hnte-expert-pools/430000/experts', province, {
        expertId,
        name: `专家${expertId}`,
        organisation: { name: org, uscc: null },
        expertise,
      });
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6'])
      expect((await enlist(id, { kind: 'technical', fields: ['new_materials'] })).status).toBe(201);
    expect((await enlist('f1', { kind: 'financial' }, '某会计师事务所')).status).toBe(201);
    const twice = await enlist('f1', { kind: 'financial' });
    expect([twice.status, twice.body.code]).toEqual([409, 'expert_exists']);
    const list = await call('get', '/v1/hnte-expert-pools/430000/experts?pageSize=2', province);
    expect(list.body).toMatchObject({ total: 7, pageSize: 2 });
    expect(list.body.items[0]).toMatchObject({ expertId: 'f1', name: '专***' }); // 专家f1;
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'personal_data_read', what: 'hnte_expert_pool' }),
    );
    const byCounty = await call('get', '/v1/hnte-expert-pools/430000/experts', county());
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
  });
});

describe('an application through the pipeline', () => {
  it('drafts (201, Location) and submits: the pre-check and the grade ranges are recorded', async () => {
    const drafted = await call('post', '/v1/hnte-applications', ent(E), { batchId: BATCH, form: goodForm });
    expect([drafted.status, drafted.headers['location'], drafted.body.status]).toEqual([201, app1, 'draft']);
    const empty = await call('post', `${app1}/submit`, ent(E));
    expect([empty.status, empty.body.code]).toEqual([400, 'body_required']);
    const submitted = await call('post', `${app1}/submit`, ent(E), {});
    expect([submitted.status, submitted.body.status, submitted.headers['etag']]).toEqual([
      200,
      'submitted',
      '"2"',
    ]);
    expect(submitted.body.submission).toMatchObject({
      countyCode: '430602',
      provinceCode: '430000',
      ruleSetId: 'hnte-2016-32',
      precheck: { ranges: { ipQuantity: { min: 7, max: 8 } } },
    });
    expect(submitted.body.submission.precheck.conditions).toHaveLength(8);
    expect((await call('get', app1, ent(E2))).status).toBe(404);
  });

  it('refuses a second enterprise naming the same Class II IP item, naming the earlier application', async () => {
    expect(
      (await call('post', '/v1/hnte-applications', ent(E2), { batchId: BATCH, form: goodForm })).status,
    ).toBe(201);
    const r = await call('post', `/v1/hnte-applications/${BATCH}/${E2}/submit`, ent(E2), {});
    expect([r.status, r.body.code]).toEqual([409, 'ip_item_used']);
    expect(r.body.detail).toContain('id-');
    const outside = await call('post', '/v1/hnte-applications', ent(E), { batchId: 'none', form: goodForm });
    expect(outside.status).toBe(404);
  });

  it('the county recommends in its county only; the province draws a reproducible panel', async () => {
    const other = await call('post', `${app1}/recommend`, county('430603'), {});
    expect([other.status, other.body.code]).toEqual([403, 'outside_region']);
    const byEnterprise = await call('post', `${app1}/recommend`, ent(E), {});
    expect([byEnterprise.status, byEnterprise.body.code]).toEqual([403, 'role_not_allowed']);
    expect((await call('post', `${app1}/recommend`, county(), { comment: '材料齐全' })).body.status).toBe(
      'recommended',
    );
    const drawn = await call('post', `${app1}/panel`, province, {});
    expect([drawn.status, drawn.body.status, drawn.body.panel.members]).toEqual([
      200,
      'under_review',
      expect.any(Array),
    ]);
    expect(drawn.body.panel.members).toHaveLength(5);
    expect(drawn.body.panel.members.filter((m: { role: string }) => m.role === 'financial')).toHaveLength(1);
  });

  it('experts score only their own application, within the ranges; the review passes on the exact average', async () => {
    const { body } = await call('get', app1, province);
    const members = body.panel.members as Array<{ expertId: string; role: string }>;
    const outsider = ['t1', 't2', 't3', 't4', 't5', 't6'].find(
      (t) => !members.some((m) => m.expertId === t),
    )!;
    expect((await call('get', app1, expert(outsider))).status).toBe(404);
    const notOnPanel = await call('post', `${app1}/scores`, expert(outsider), { sheet: TECH });
    expect(notOnPanel.status).toBe(404);
    const tech = members.find((m) => m.role === 'technical')!.expertId;
    const wide = await call('post', `${app1}/scores`, expert(tech), { sheet: { ...TECH, conversion: 30 } });
    expect([wide.status, wide.body.code]).toEqual([400, 'score_out_of_range']);
    expect(wide.body.detail).toMatch(/conversion/);
    for (const m of members) {
      const r = await call('post', `${app1}/scores`, expert(m.expertId), {
        sheet: m.role === 'financial' ? FIN : TECH,
      });
      expect(r.status).toBe(200);
      expect(Object.keys(r.body.scores)).toEqual([m.expertId]); // an expert sees its own sheet only
    }
    const byExpert = await call('get', '/v1/hnte-applications', expert(tech));
    expect(byExpert.body.items.map((i: { uscc: string }) => i.uscc)).toEqual([E]);
    const concluded = await call('post', `${app1}/review/conclude`, province, {});
    expect([concluded.body.status, concluded.body.review]).toEqual([
      'review_passed',
      { passed: true, average: '75' },
    ]);
  });

  it('runs the 公示 (10 working days) with an objection dismissed, then certifies with a GR number', async () => {
    const opened = await call('post', `${app1}/notice/open`, province, {});
    expect(opened.body).toMatchObject({ status: 'in_notice', notice: { endsOn: '2026-06-15' } });
    const notices = await call('get', '/v1/public/hnte-notices?provinceCode=430000', null);
    expect(notices.body).toMatchObject({ total: 1, items: [{ uscc: E, noticeEndsOn: '2026-06-15' }] });
    const lodged = await call('post', `${app1}/objections`, province, {
      objectorName: '李四',
      statementRef: 'objections/1.pdf',
      summary: '高新收入占比存疑',
    });
    const objectionId = Object.keys(lodged.body.notice.objections)[0]!;
    const early = await call('post', `${app1}/notice/close`, province, {});
    expect(early.status).toBe(409);
    expect(
      (
        await call('post', `${app1}/objections/${objectionId}/resolve`, province, {
          outcome: 'dismissed',
          finding: '经核实无误',
        })
      ).status,
    ).toBe(200);
    const tooEarly = await call('post', `${app1}/certify`, province, {});
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'application_not_approved']);
    h.clock.advance(15 * DAY);
    expect((await call('post', `${app1}/notice/close`, province, {})).body.status).toBe('approved');
    const certified = await call('post', `${app1}/certify`, province, {});
    expect(certified.status).toBe(200);
    expect(certified.body.certificates[0]).toMatchObject({
      certificateNumber: 'GR202643000001',
      kind: 'first',
      issuedOn: '2026-06-16',
      validUntil: '2029-06-15',
      status: 'valid',
    });
    const again = await call('post', `${app1}/certify`, province, {});
    expect([again.status, again.body.code]).toEqual([409, 'already_certified']);
    const register = await call('get', '/v1/hnte-registers/430000/2026', province);
    expect(register.body).toMatchObject({ lastSerial: 1 });
  });

  it('lists certificates publicly and by region, and marks a cancellation with the year it takes effect', async () => {
    const pub = await call('get', '/v1/public/hnte-certificates?provinceCode=430000&year=2026', null);
    expect(pub.body).toMatchObject({
      total: 1,
      items: [{ certificateNumber: 'GR202643000001', state: 'valid', uscc: E }],
    });
    const mine = await call('get', '/v1/hnte-certificates', county());
    expect(mine.body.total).toBe(1);
    expect((await call('get', '/v1/hnte-certificates?region=430603', county())).status).toBe(403);
    const cancelled = await call('post', `/v1/hnte-records/${E}/cancellation`, province, {
      ground: 'major_accident_or_environmental_violation',
      conductYear: 2026,
      reason: '发生重大安全事故',
    });
    expect(cancelled.status).toBe(200);
    const byCounty = await call('post', `/v1/hnte-records/${E}/cancellation`, county(), {
      ground: 'application_fraud',
      conductYear: 2026,
      reason: 'x',
    });
    expect([byCounty.status, byCounty.body.code]).toEqual([403, 'role_not_allowed']);
    const marked = await call('get', '/v1/public/hnte-certificates?provinceCode=430000', null);
    expect(marked.body.items[0]).toMatchObject({
      state: 'cancelled',
      stateLabel: '已撤销',
      cancelledFromYear: 2026,
    });
    const valid = await call('get', '/v1/public/hnte-certificates?provinceCode=430000&show=valid', null);
    expect(valid.body.total).toBe(0);
    const record = await call('get', `/v1/hnte-records/${E}`, ent(E));
    expect(record.body.cancellations).toEqual([
      expect.objectContaining({ certificateNumber: 'GR202643000001', effectiveYear: 2026 }),
    ]);
    expect((await call('get', `/v1/hnte-records/${E}`, ent(E2))).status).toBe(404);
  });

  it('lists applications by scope: a bureau never sees a draft; an unknown field is a 400', async () => {
    const byCounty = await call('get', `/v1/hnte-applications?batchId=${BATCH}`, county());
    expect(byCounty.body.items.map((i: { uscc: string }) => i.uscc)).toEqual([E]); // E2 is still a draft
    const own = await call('get', '/v1/hnte-applications', ent(E2));
    expect(own.body.items).toEqual([expect.objectContaining({ uscc: E2, status: 'draft' })]);
    const bad = await call('get', '/v1/hnte-applications?colour=red', county());
    expect(bad.status).toBe(400);
    // Server-side sort over the declared fields only (the kit's pagedQuery sort).
    const sorted = await call('get', `/v1/hnte-applications?batchId=${BATCH}&sort=-submittedOn`, county());
    expect([sorted.status, sorted.body.items.length]).toEqual([200, 1]);
    expect((await call('get', '/v1/hnte-applications?sort=application', county())).status).toBe(400);
  });
});
