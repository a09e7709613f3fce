import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import { IdempotencyStore, StoreProjector } from '@peiyu/eventstore';
import { enterpriseStreamId } from '@peiyu/contracts';
import { exampleUscc } from '@peiyu/policy';
import { createLogger } from '@peiyu/service-kit';
import request from 'supertest';
import { Writable } from 'node:stream';
import { buildRegistryApp } from './app';
import type { RegistryDeps } from './http/deps';
import { enterpriseDirectory } from './read-models/enterprise-directory';
import { createRegions } from './regions';

// In-process API specs: every endpoint, its happy path and its refusals, over the in-memory event store (read
// models and idempotency records in an in-process mongo-lite). No Kafka: own read models come from the store.
let h: ApiHarness;
let app: ReturnType<typeof buildRegistryApp>;
const E = exampleUscc('410402', 7001);
const RUZHOU = exampleUscc('410482', 7002); // 汝州市: 省直管县
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const city = { role: 'city_reviewer' as const, region: '410400' };
const province = { role: 'province_reviewer' as const, region: '410000' };
const self = { role: 'enterprise' as const, region: '410402', uscc: E };
const body = (uscc: string, countyCode: string) => ({
  uscc,
  name: '平顶山市示例科技有限公司',
  countyCode,
  foundedOn: '2019-05-20',
  contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
});

beforeAll(async () => {
  h = await apiHarness();
  const regions = createRegions();
  const projector = new StoreProjector({
    store: h.store,
    db: h.db,
    projections: [enterpriseDirectory({ provinciallyAdministered: regions.provinciallyAdministered })],
  });
  await projector.start();
  const silent = new Writable({ write: (_c, _e, done) => done() });
  const deps: RegistryDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock, { leaseMs: 5_000 }),
    clock: h.clock,
    projector,
    regions,
    logger: createLogger('registry-test', {}, silent),
    afterAppend: () => projector.catchUp(),
  };
  app = buildRegistryApp(deps, h.verifier);
}, 30_000);
afterAll(() => h.close());

const post = (path: string, who: object, payload?: object, headers: Record<string, string> = {}) => {
  const r = request(app)
    .post(path)
    .set({ ...h.as(who as never), ...headers });
  return payload === undefined ? r : r.send(payload);
};

describe('POST /v1/enterprises', () => {
  it('registers (201, Location, ETag) and refuses outside the county, a duplicate, and another USCC', async () => {
    const created = await post('/v1/enterprises', county('410402'), body(E, '410402'));
    expect([created.status, created.headers['location'], created.headers['etag']]).toEqual([
      201,
      `/v1/enterprises/${E}`,
      '"1"',
    ]);
    expect(created.body).toMatchObject({ uscc: E, countyCode: '410402', version: 1 });
    const outside = await post(
      '/v1/enterprises',
      county('410403'),
      body(exampleUscc('410402', 7003), '410402'),
    );
    expect([outside.status, outside.body.code]).toEqual([403, 'outside_region']);
    const again = await post('/v1/enterprises', county('410402'), body(E, '410402'));
    expect([again.status, again.body.code]).toEqual([409, 'already_registered']);
    // Finding 12: held in another county, the USCC is refused as any out-of-scope record is — never 409.
    const elsewhere = await post('/v1/enterprises', county('410403'), body(E, '410403'));
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'outside_region']);
    const other = await post('/v1/enterprises', self, body(exampleUscc('410402', 7004), '410402'));
    expect([other.status, other.body.code]).toEqual([403, 'role_not_allowed']);
    const city410400 = await post('/v1/enterprises', city, body(exampleUscc('410402', 7005), '410402'));
    expect([city410400.status, city410400.body.code]).toEqual([403, 'role_not_allowed']);
    expect((await post('/v1/enterprises', county('410482'), body(RUZHOU, '410482'))).status).toBe(201);
  });

  it('names the field of a bad county in Chinese when asked, and says a body is needed', async () => {
    const bad = await post('/v1/enterprises', county('410402'), body(exampleUscc('410402', 7006), '410400'), {
      'Accept-Language': 'zh-CN',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'not_county_level',
      detail: '企业须登记在县级行政区划（区、县、县级市）',
    });
    expect(bad.body.errors[0].path).toBe('/body/countyCode');
    const empty = await post(`/v1/enterprises/${E}/deregister`, county('410402'));
    expect([empty.status, empty.body.code]).toEqual([400, 'body_required']);
  });
});

describe('GET /v1/enterprises/:uscc and /history', () => {
  it('reads with an exact ETag; hides it from another enterprise (404), refuses another county (403)', async () => {
    const read = await request(app).get(`/v1/enterprises/${E}`).set(h.as(self));
    expect([read.status, read.headers['etag']]).toEqual([200, '"1"']);
    const notMine = { role: 'enterprise' as const, region: '410402', uscc: exampleUscc('410402', 7009) };
    expect((await request(app).get(`/v1/enterprises/${E}`).set(h.as(notMine))).status).toBe(404);
    const other = await request(app)
      .get(`/v1/enterprises/${E}`)
      .set(h.as(county('410403')));
    expect([other.status, other.body.code]).toEqual([403, 'outside_region']);
    expect((await request(app).get(`/v1/enterprises/${E}`)).status).toBe(401);
    const history = await request(app).get(`/v1/enterprises/${E}/history`).set(h.as(province));
    expect(history.status).toBe(200);
    expect(history.body.events).toHaveLength(1);
    const finance = { role: 'finance' as const, region: '410000' };
    const f = await request(app).get(`/v1/enterprises/${E}/history`).set(h.as(finance));
    expect([f.status, f.body.code]).toEqual([403, 'role_not_allowed']);
  });
});

describe('commands on an enterprise', () => {
  it('PATCH, rename, relocate, sanction, lift, deregister: each answers the record with the next ETag', async () => {
    const patch = await request(app)
      .patch(`/v1/enterprises/${E}`)
      .set(h.as(self))
      .send({ industry: '新材料' });
    expect([patch.status, patch.headers['etag']]).toEqual([200, '"2"']);
    const renamed = await post(`/v1/enterprises/${E}/rename`, county('410402'), {
      newName: '平顶山市新名科技有限公司',
      effectiveOn: '2026-03-01',
    });
    expect([renamed.status, renamed.body.name]).toEqual([200, '平顶山市新名科技有限公司']);
    const sanction = await post(`/v1/enterprises/${E}/sanctions`, province, {
      kind: 'major_quality_accident',
      occurredOn: '2026-03-01',
      reference: '平市监〔2026〕1号',
    });
    expect(sanction.status).toBe(200);
    const sanctionId = sanction.body.sanctions[0].sanctionId as string;
    const byEnterprise = await post(`/v1/enterprises/${E}/sanctions/${sanctionId}/lift`, self, {
      reason: 'x',
    });
    expect([byEnterprise.status, byEnterprise.body.code]).toEqual([403, 'role_not_allowed']);
    expect(
      (await post(`/v1/enterprises/${E}/sanctions/${sanctionId}/lift`, province, { reason: '信用修复' }))
        .status,
    ).toBe(200);
    // Another county is outside a county's scope: the relocation is a transfer request that 410403 accepts.
    const requested = await post(`/v1/enterprises/${E}/relocate`, county('410402'), {
      countyCode: '410403',
      effectiveOn: '2026-03-02',
    });
    expect([
      requested.status,
      requested.body.countyCode,
      requested.body.pendingTransfer?.toDivisionCode,
    ]).toEqual([202, '410402', '410403']);
    const moved = await post(`/v1/enterprises/${E}/transfer/accept`, county('410403'), {});
    expect([moved.status, moved.body.countyCode, moved.body.pendingTransfer]).toEqual([200, '410403', null]);
    const stale = await post(
      `/v1/enterprises/${E}/deregister`,
      county('410403'),
      { effectiveOn: '2026-03-02', reason: 'x' },
      {
        'If-Match': '"1"',
      },
    );
    expect(stale.status).toBe(412);
    const gone = await post(`/v1/enterprises/${E}/deregister`, county('410403'), {
      effectiveOn: '2026-03-02',
      reason: '注销',
    });
    expect([gone.status, gone.body.status]).toEqual([200, 'deregistered']);
    const after = await post(`/v1/enterprises/${E}/rename`, county('410403'), {
      newName: 'x',
      effectiveOn: '2026-03-02',
    });
    expect([after.status, after.body.code]).toEqual([409, 'deregistered']);
  });
});

describe('GET /v1/enterprises (the one list envelope and scope)', () => {
  it('pages the directory; a city never sees a 省直管县; a region outside yours is 403', async () => {
    const mine = await request(app)
      .get('/v1/enterprises?pageSize=1')
      .set(h.as({ role: 'admin' as const }));
    expect(mine.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(mine.body.items).toHaveLength(1);
    const cityList = await request(app).get('/v1/enterprises').set(h.as(city));
    expect(cityList.body.items.map((i: { uscc: string }) => i.uscc)).toEqual([E]);
    const provinceList = await request(app).get('/v1/enterprises').set(h.as(province));
    expect(provinceList.body.total).toBe(2);
    const outside = await request(app).get('/v1/enterprises?region=430000').set(h.as(city));
    expect([outside.status, outside.body.code]).toEqual([403, 'outside_region']);
  });
});

describe("transfers (issue 12, finding 3): outside the actor's scope nothing moves until the destination answers", () => {
  const T = exampleUscc('410402', 7020);
  const hunan = county('430102'); // 长沙市芙蓉区
  beforeAll(async () => {
    expect((await post('/v1/enterprises', county('410402'), body(T, '410402'))).status).toBe(201);
  });

  it('a county pushing an enterprise into Hunan records a request; Hunan lists it, refuses it, and it stays', async () => {
    const asked = await post(`/v1/enterprises/${T}/relocate`, county('410402'), {
      countyCode: '430102',
      effectiveOn: '2026-03-01',
    });
    expect([asked.status, asked.body.countyCode]).toEqual([202, '410402']);
    // Still its county's: readable there, not in Hunan; a second relocation waits for the answer.
    expect(
      (
        await request(app)
          .get(`/v1/enterprises/${T}`)
          .set(h.as(county('410402')))
      ).body.countyCode,
    ).toBe('410402');
    expect((await request(app).get(`/v1/enterprises/${T}`).set(h.as(hunan))).status).toBe(403);
    const again = await post(`/v1/enterprises/${T}/relocate`, county('410402'), {
      countyCode: '410403',
      effectiveOn: '2026-03-01',
    });
    expect([again.status, again.body.code]).toEqual([409, 'transfer_pending']);
    // The destination sees it in its paginated list; the origin's county and another county do not.
    const list = await request(app).get('/v1/enterprise-transfers?pageSize=10').set(h.as(hunan));
    expect(list.body).toMatchObject({ page: 1, pageSize: 10, total: 1 });
    expect(list.body.items[0]).toMatchObject({ uscc: T, fromCountyCode: '410402', toCountyCode: '430102' });
    const origin = await request(app)
      .get('/v1/enterprise-transfers')
      .set(h.as(county('410402')));
    expect(origin.body.total).toBe(0);
    const hunanProvince = { role: 'province_reviewer' as const, region: '430000' };
    expect((await request(app).get('/v1/enterprise-transfers').set(h.as(hunanProvince))).body.total).toBe(1);
    const ent = await request(app)
      .get('/v1/enterprise-transfers')
      .set(h.as({ role: 'enterprise', region: '410402', uscc: T }));
    expect([ent.status, ent.body.code]).toEqual([403, 'role_not_allowed']);
    // Only the destination answers: the origin county and a third county are outside its region.
    const byOrigin = await post(`/v1/enterprises/${T}/transfer/accept`, county('410402'), {});
    expect([byOrigin.status, byOrigin.body.code]).toEqual([403, 'outside_region']);
    const refused = await post(`/v1/enterprises/${T}/transfer/refuse`, hunan, { reason: '不在本区经营' });
    expect([refused.status, refused.body.countyCode, refused.body.pendingTransfer]).toEqual([
      200,
      '410402',
      null,
    ]);
    expect((await request(app).get('/v1/enterprise-transfers').set(h.as(hunan))).body.total).toBe(0);
    const late = await post(`/v1/enterprises/${T}/transfer/accept`, county('410402'), {});
    expect([late.status, late.body.code]).toEqual([409, 'no_pending_transfer']);
    const types = (await h.store.readStream(`enterprise-${T}`)).map((e) => e.type);
    expect(types).toEqual([
      'EnterpriseRegistered',
      'EnterpriseTransferRequested',
      'EnterpriseTransferRefused',
    ]);
  });

  it('an enterprise relocating itself asks; a province within its province moves it at once', async () => {
    const self7020 = { role: 'enterprise' as const, region: '410402', uscc: T };
    const asked = await post(`/v1/enterprises/${T}/relocate`, self7020, {
      countyCode: '410403',
      effectiveOn: '2026-03-01',
    });
    expect([asked.status, asked.body.countyCode]).toEqual([202, '410402']);
    expect(
      (await post(`/v1/enterprises/${T}/transfer/refuse`, county('410403'), { reason: '\u200b' })).status,
    ).toBe(400);
    expect((await post(`/v1/enterprises/${T}/transfer/accept`, county('410403'), {})).body.countyCode).toBe(
      '410403',
    );
    const moved = await post(`/v1/enterprises/${T}/relocate`, province, {
      countyCode: '410402',
      effectiveOn: '2026-03-02',
    });
    expect([moved.status, moved.body.countyCode]).toEqual([200, '410402']);
  });
});

describe('Idempotency-Key in the pipeline', () => {
  it('replays to the same principal only after authorising it, never across regions', async () => {
    const U = exampleUscc('410402', 7010);
    const key = { 'Idempotency-Key': 'reg-7010' };
    const first = await post('/v1/enterprises', county('410402'), body(U, '410402'), key);
    const again = await post('/v1/enterprises', county('410402'), body(U, '410402'), key);
    expect([first.status, again.status, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(again.headers['etag']).toBe('"1"');
    // Same subject and role, another region: authorisation refuses before any replay is considered.
    const otherRegion = await post('/v1/enterprises', county('410403'), body(U, '410402'), key);
    expect([otherRegion.status, otherRegion.headers['idempotent-replayed']]).toEqual([403, undefined]);
  });
});

describe('the API description', () => {
  it('declares every route once, with its roles, and serves the viewer', async () => {
    const doc = await request(app).get('/openapi.json');
    const op = doc.body.paths['/v1/enterprises/{uscc}/deregister'].post;
    expect(op['x-roles']).toEqual(['county_reviewer', 'province_reviewer', 'admin']);
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '412', '503']),
    );
    expect((await request(app).get('/docs')).status).toBe(200);
  });
});

describe('PUT/GET /v1/calendars/{year} (issue 11: the working-day calendar as published data)', () => {
  const admin = { role: 'admin' as const };
  const put = (who: object, payload: object) =>
    request(app)
      .put('/v1/calendars/2027')
      .set(h.as(who as never))
      .send(payload);
  const A2027 = {
    holidays: ['2027-01-01', '2027-01-04'],
    workdays: [],
    reference: 'EXAMPLE — not an official notice',
  };

  it('answers a provisional year before publication, then the published one; only an admin publishes', async () => {
    const before = await request(app)
      .get('/v1/calendars/2027')
      .set(h.as(county('410402')));
    expect(before.body).toMatchObject({ year: 2027, source: 'provisional', provisional: true, version: 0 });
    expect(before.body.holidays).toContain('2027-01-01');
    const refused = await put(province, A2027);
    expect([refused.status, refused.body.code]).toEqual([403, 'role_not_allowed']);
    const published = await put(admin, A2027);
    expect([published.status, published.body.source, published.body.provisional]).toEqual([
      201,
      'published',
      false,
    ]);
    const after = await request(app).get('/v1/calendars/2027').set(h.as(self));
    expect(after.body).toMatchObject({
      source: 'published',
      holidays: A2027.holidays,
      reference: A2027.reference,
    });
  });

  it('refuses an invalid file field by field, a different arrangement without a correction, and takes one with it', async () => {
    const invalid = await put(admin, { holidays: ['2028-01-01'], workdays: ['2027-01-06'], reference: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'calendar.date-outside-year',
      'calendar.workday-not-weekend',
    ]);
    const same = await put(admin, A2027);
    expect([same.status, same.body.version]).toEqual([200, 1]);
    const other = { ...A2027, holidays: ['2027-01-01'], reference: 'EXAMPLE 2' };
    const conflict = await put(admin, other);
    expect([conflict.status, conflict.body.code]).toEqual([409, 'calendar_already_published']);
    const corrected = await put(admin, { ...other, correction: { reason: 'the notice was misread' } });
    expect([corrected.status, corrected.body.corrections, corrected.body.reference]).toEqual([
      200,
      1,
      'EXAMPLE 2',
    ]);
  });
});

describe('a registration decided before its stream is read (createsStream)', () => {
  it('decides a registration without reading the stream it creates, and reads it when it exists', async () => {
    // issue 19 §2: the kit's pipeline (createsStream) lets the append tell whether the stream was there
    const reads = jest.spyOn(h.store, 'readStreamVerified');
    try {
      const uscc = exampleUscc('410402', 7090);
      expect((await post('/v1/enterprises', county('410402'), body(uscc, '410402'))).status).toBe(201);
      expect(reads).not.toHaveBeenCalled();
      const again = await post('/v1/enterprises', county('410402'), body(uscc, '410402'));
      expect([again.status, again.body.code]).toEqual([409, 'already_registered']);
      const elsewhere = await post('/v1/enterprises', county('410403'), body(uscc, '410403'));
      expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'outside_region']);
      expect(reads.mock.calls.map(([id]) => id)).toEqual([
        enterpriseStreamId(uscc),
        enterpriseStreamId(uscc),
      ]);
      // with an Idempotency-Key the stream is read first, as every keyed command reads it
      const keyed = exampleUscc('410402', 7091);
      const first = await post('/v1/enterprises', county('410402'), body(keyed, '410402'), {
        'Idempotency-Key': 'reg-7091',
      });
      expect(first.status).toBe(201);
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
    }
  });
});
