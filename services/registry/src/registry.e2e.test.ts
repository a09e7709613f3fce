import { enterpriseStreamId, REGISTRY_ENTERPRISE_TOPIC } from '@peiyu/contracts';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import type { Principal } from '@peiyu/service-kit';

// The local stack as `npm start` runs it, with the registry as its own process, driven over HTTP like any client.
const suite = useStackSuite({ name: 'registry', startAt: '2026-03-02T09:00:00+08:00', only: ['registry'] });
const { call } = suite.client('registry');

const E = exampleUscc('410402', 9001);
const OTHER = exampleUscc('410403', 9002);
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const registration = {
  uscc: E,
  name: '平顶山市新华区示例新材料科技有限公司',
  countyCode: '410402',
  foundedOn: '2018-06-01',
  hnteField: 'new_materials',
  contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
};

describe('registry through the local stack', () => {
  it('answers health and serves its OpenAPI document without a token', async () => {
    expect((await call('GET', '/healthz', null)).status).toBe(200);
    const doc = await call('GET', '/openapi.json', null);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body!.paths as object)).toContain('/v1/enterprises/{uscc}');
  });

  it('registers an enterprise (county bureau), reads it back with its ETag, and publishes the event to Kafka', async () => {
    const created = await call('POST', '/v1/enterprises', county('410402'), registration);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/enterprises/${E}`);
    expect(created.headers.get('etag')).toBe('"1"');

    const read = await call('GET', `/v1/enterprises/${E}`, { role: 'enterprise', region: '410402', uscc: E });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toMatchObject({
      uscc: E,
      name: registration.name,
      countyCode: '410402',
      status: 'active',
      contact: registration.contact,
    });

    const kafka = suite.stack().kafkaClient('e2e');
    const consumer = kafka.consumer({ groupId: 'e2e-registry-check' });
    await consumer.connect();
    await consumer.subscribe({ topic: REGISTRY_ENTERPRISE_TOPIC, fromBeginning: true });
    const seen = new Promise<{ key: string; type: string; data: { uscc: string } }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const envelope = JSON.parse(message.value!.toString()) as { data: { uscc: string } };
          if (envelope.data.uscc === E)
            resolve({
              key: message.key!.toString(),
              type: String(message.headers!.type),
              data: envelope.data,
            });
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error('no event on Kafka within 15 s')), 15_000);
    });
    const got = await Promise.race([seen, timeout]).finally(() => clearTimeout(timer));
    await consumer.disconnect();
    expect(got).toMatchObject({
      key: enterpriseStreamId(E),
      type: 'EnterpriseRegistered',
      data: { uscc: E, divisionCode: '410402' },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a wrong check character', { uscc: E.slice(0, 17) + (E[17] === '0' ? '1' : '0') }, '/body/uscc'],
    ['a malformed USCC', { uscc: 'ABC' }, '/body/uscc'],
    ['an unknown division', { countyCode: '419999' }, '/body/countyCode'],
    ['a city-level division', { countyCode: '410400' }, '/body/countyCode'],
    ['a founding date in the future', { foundedOn: '2999-01-01' }, '/body/foundedOn'],
    ['an over-long name', { name: '很'.repeat(101) }, '/body/name'],
    ['an unknown field', { extra: true }, '/body'],
    ['a bad contact email', { contact: { ...registration.contact, email: 'nope' } }, '/body/contact/email'],
  ])('refuses registration with %s: 400 naming the field', async (_label, patch, path) => {
    const body = { ...registration, uscc: exampleUscc('410402', 9100), ...patch };
    const r = await call('POST', '/v1/enterprises', county('410402'), body);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ type: expect.stringContaining('/problems/validation'), status: 400 });
    const paths = (r.body!.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths.some((p) => p.startsWith(path))).toBe(true);
  });

  it('refuses a USCC that is already registered with 409', async () => {
    const r = await call('POST', '/v1/enterprises', county('410402'), registration);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ type: expect.stringContaining('/problems/conflict') });
  });

  it('updates with If-Match, answers 412 on a stale version, and replays an Idempotency-Key', async () => {
    const me = { role: 'enterprise' as const, region: '410402', uscc: E };
    const ok = await call(
      'PATCH',
      `/v1/enterprises/${E}`,
      me,
      { industry: '化学原料和化学制品制造业' },
      { 'if-match': '"1"', 'idempotency-key': 'k-1' },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const replay = await call(
      'PATCH',
      `/v1/enterprises/${E}`,
      me,
      { industry: '化学原料和化学制品制造业' },
      { 'if-match': '"1"', 'idempotency-key': 'k-1' },
    );
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(ok.body);
    const stale = await call(
      'PATCH',
      `/v1/enterprises/${E}`,
      me,
      { industry: '专用设备制造业' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
  });

  it('lists enterprises in scope from the projection with contacts masked', async () => {
    const listed = await eventually(
      () => call('GET', '/v1/enterprises?region=410400&q=示例', { role: 'city_reviewer', region: '410400' }),
      (r) => r.status !== 200 || (r.body!.items as unknown[]).length > 0,
    );
    expect(listed.status).toBe(200);
    const items = listed.body!.items as Array<Record<string, unknown>>;
    expect(items).toEqual([
      expect.objectContaining({
        uscc: E,
        contact: { name: '张*', phone: '0375-***4567', email: 'z***@example.cn' },
      }),
    ]);
    const outside = await call('GET', '/v1/enterprises', county('410403'));
    expect(outside.status).toBe(200);
    expect((outside.body!.items as unknown[]).length).toBe(0);
  });

  // role × region × endpoint → status. E is registered in 新华区 410402 (平顶山 410400, 河南 410000).
  const sanction = {
    kind: 'business_anomaly_list',
    occurredOn: '2025-01-10',
    reference: '平市监〔2025〕1号',
  };
  it.each<[string, string, string, Omit<Principal, 'sub'> | null, unknown, number]>([
    ['anyone without a token', 'GET', `/v1/enterprises/${E}`, null, undefined, 401],
    [
      'the enterprise itself',
      'GET',
      `/v1/enterprises/${E}`,
      { role: 'enterprise', region: '410402', uscc: E },
      undefined,
      200,
    ],
    [
      'another enterprise',
      'GET',
      `/v1/enterprises/${E}`,
      { role: 'enterprise', region: '410403', uscc: OTHER },
      undefined,
      404,
    ],
    ['its county bureau', 'GET', `/v1/enterprises/${E}`, county('410402'), undefined, 200],
    ['another county bureau', 'GET', `/v1/enterprises/${E}`, county('410403'), undefined, 403],
    [
      'its city bureau',
      'GET',
      `/v1/enterprises/${E}`,
      { role: 'city_reviewer', region: '410400' },
      undefined,
      200,
    ],
    [
      'another city bureau',
      'GET',
      `/v1/enterprises/${E}`,
      { role: 'city_reviewer', region: '411700' },
      undefined,
      403,
    ],
    [
      'its province',
      'GET',
      `/v1/enterprises/${E}`,
      { role: 'province_reviewer', region: '410000' },
      undefined,
      200,
    ],
    [
      'another province',
      'GET',
      `/v1/enterprises/${E}`,
      { role: 'province_reviewer', region: '430000' },
      undefined,
      403,
    ],
    [
      'an auditor of the city',
      'GET',
      `/v1/enterprises/${E}/history`,
      { role: 'auditor', region: '410400' },
      undefined,
      200,
    ],
    [
      'an auditor elsewhere',
      'GET',
      `/v1/enterprises/${E}/history`,
      { role: 'auditor', region: '430600' },
      undefined,
      403,
    ],
    [
      'a county finance bureau (history)',
      'GET',
      `/v1/enterprises/${E}/history`,
      { role: 'finance', region: '410402' },
      undefined,
      403,
    ],
    ['an expert', 'GET', `/v1/enterprises/${E}`, { role: 'expert' }, undefined, 403],
    ['an admin', 'GET', `/v1/enterprises/${E}`, { role: 'admin' }, undefined, 200],
    [
      'the enterprise recording a sanction',
      'POST',
      `/v1/enterprises/${E}/sanctions`,
      { role: 'enterprise', region: '410402', uscc: E },
      sanction,
      403,
    ],
    [
      'a city bureau recording a sanction',
      'POST',
      `/v1/enterprises/${E}/sanctions`,
      { role: 'city_reviewer', region: '410400' },
      sanction,
      403,
    ],
    [
      'another county recording a sanction',
      'POST',
      `/v1/enterprises/${E}/sanctions`,
      county('410403'),
      sanction,
      403,
    ],
    [
      'its county recording a sanction',
      'POST',
      `/v1/enterprises/${E}/sanctions`,
      county('410402'),
      sanction,
      200,
    ],
    [
      'its province recording a sanction',
      'POST',
      `/v1/enterprises/${E}/sanctions`,
      { role: 'province_reviewer', region: '410000' },
      { ...sanction, kind: 'major_quality_accident' },
      200,
    ],
    [
      'a county listing another county',
      'GET',
      '/v1/enterprises?region=410403',
      county('410402'),
      undefined,
      403,
    ],
    [
      'a county registering outside its county',
      'POST',
      '/v1/enterprises',
      county('410402'),
      { ...registration, uscc: OTHER, countyCode: '410403' },
      403,
    ],
    [
      'an enterprise registering another USCC',
      'POST',
      '/v1/enterprises',
      { role: 'enterprise', region: '410402', uscc: E },
      { ...registration, uscc: OTHER, countyCode: '410403' },
      403,
    ],
    [
      'an enterprise registering itself',
      'POST',
      '/v1/enterprises',
      { role: 'enterprise', region: '410403', uscc: OTHER },
      { ...registration, uscc: OTHER, name: '平顶山市卫东区示例科技有限公司', countyCode: '410403' },
      201,
    ],
  ])('%s: %s %s → %i', async (_who, method, path, who, body, expected) => {
    const r = await call(method, path, who, body);
    expect(r.status).toBe(expected);
    if (expected >= 400) expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('shows the history with an intact hash chain', async () => {
    const h = await call('GET', `/v1/enterprises/${E}/history`, county('410402'));
    expect(h.status).toBe(200);
    expect(h.body!.integrity).toMatchObject({ ok: true });
    const types = (h.body!.events as Array<{ type: string; version: number }>).map(
      (e) => `${e.version}:${e.type}`,
    );
    expect(types).toEqual([
      '1:EnterpriseRegistered',
      '2:EnterpriseProfileUpdated',
      '3:SanctionRecorded',
      '4:SanctionRecorded',
    ]);
  });
});
