import { exampleUscc } from '@peiyu/policy';
import request from 'supertest';
import { goodForm } from '../domain/test-support/fixtures';
import { assessmentApi, type AssessmentApi } from '../test-support/api';

/**
 * Issue 12, the security review's findings reproduced at assessment's API: each test sends what the review
 * sent and asserts the safe answer (docs/security.md, "Findings: before → after"). The registry's share, and
 * the findings that are not assessment's (1, 4, 6, 9, 10, 11, 14, 15), are in services/registry/src/security/.
 */
let a: AssessmentApi;
beforeAll(async () => {
  a = await assessmentApi();
}, 30_000);
afterAll(() => a.close());

const year = 2026;
const ent = (uscc: string, region: string) => ({ role: 'enterprise' as const, region, uscc });
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const city = { role: 'city_reviewer' as const, region: '410400' };
const province = { role: 'province_reviewer' as const, region: '410000' };
const path = (uscc: string) => `/v1/sme-evaluations/${uscc}/${year}`;
const call = (
  method: 'get' | 'post' | 'put',
  p: string,
  who: object | null,
  payload?: unknown,
  headers: Record<string, string> = {},
) => {
  let r = request(a.app)[method](p).set(headers);
  if (who) r = r.set(a.h.as(who as never));
  return payload === undefined ? r : r.send(payload as object);
};
const registered = (uscc: string, divisionCode: string) =>
  a.registryEvent(uscc, 'EnterpriseRegistered', { uscc, name: `示例 ${uscc.slice(-4)}`, divisionCode });
/** An enterprise of `county` with a submitted evaluation, waiting in its county's review queue. */
async function submitted(uscc: string, countyCode: string): Promise<void> {
  await registered(uscc, countyCode);
  const who = ent(uscc, countyCode);
  expect((await call('post', '/v1/sme-evaluations', who, { year, form: goodForm })).status).toBe(201);
  expect((await call('post', `${path(uscc)}/submit`, who, {})).status).toBe(200);
}
const queue = async (who: object) =>
  ((await call('get', '/v1/sme-review-queue?pageSize=100', who)).body.items as Array<{ uscc: string }>).map(
    (i) => i.uscc,
  );

describe('finding 2 — the review queue follows the one list scope (省直管县 outside a city’s)', () => {
  it('a city reviewer or auditor of 410400 without county= never receives 汝州 (410482) items', async () => {
    const E = exampleUscc('410402', 9201);
    const RUZHOU = exampleUscc('410482', 9202);
    await submitted(E, '410402');
    await submitted(RUZHOU, '410482');
    expect(await queue(city)).toContain(E);
    expect(await queue(city)).not.toContain(RUZHOU);
    expect(await queue({ role: 'auditor', region: '410400' })).not.toContain(RUZHOU);
    expect(await queue(province)).toEqual(expect.arrayContaining([E, RUZHOU]));
  });
});

describe('finding 3 — a transfer request moves no pending review; only the accepted move does', () => {
  it('the review stays in the origin county’s queue until the destination county accepts', async () => {
    const T = exampleUscc('410402', 9301);
    await submitted(T, '410402');
    const move = { uscc: T, fromDivisionCode: '410402', toDivisionCode: '430102' };
    await a.registryEvent(T, 'EnterpriseTransferRequested', {
      ...move,
      effectiveOn: '2026-03-01',
      requestedOn: '2026-03-02',
    });
    // Before: the relocation itself was applied, and the review went to Hunan with it.
    expect(await queue(county('410402'))).toContain(T);
    expect(await queue(county('430102'))).not.toContain(T);
    expect((await call('get', path(T), county('430102'))).status).toBe(403);
    await a.registryEvent(T, 'EnterpriseTransferAccepted', { ...move, acceptedOn: '2026-03-02' });
    await a.registryEvent(T, 'EnterpriseRelocated', { ...move, effectiveOn: '2026-03-01' });
    expect(await queue(county('410402'))).not.toContain(T);
    expect(await queue(county('430102'))).toContain(T);
  });
});

describe('finding 5 — evaluation history masked and logged', () => {
  it('reviewers’ account ids are masked; the read is a personal_data_read line', async () => {
    const E = exampleUscc('410402', 9501);
    await submitted(E, '410402');
    const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'].map(
      (item) => ({ item, passed: true }),
    );
    expect(
      (await call('post', `${path(E)}/formal-review`, county('410402'), { checklist: PASS })).status,
    ).toBe(200);
    const res = await call('get', `${path(E)}/history`, province);
    expect(res.status).toBe(200);
    expect(res.body.integrity).toMatchObject({ ok: true });
    expect(res.body.events.map((e: { actor: { id: string } }) => e.actor.id)).toEqual([
      'en***',
      'en***',
      'co***',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/county_reviewer-1|enterprise-1/);
    const line = a.logs.find(
      (l) => l['event'] === 'personal_data_read' && l['what'] === 'evaluation history',
    );
    expect(line).toMatchObject({ why: 'history read', masked: true, by: { sub: 'province_reviewer-1' } });
    // Another enterprise learns nothing, as on every read of the record (404, not 403).
    expect((await call('get', `${path(E)}/history`, ent(exampleUscc('410402', 9502), '410402'))).status).toBe(
      404,
    );
  });
});

describe('findings 7 and 13 — human text at every text field of assessment: 400 naming the field', () => {
  const E = exampleUscc('410402', 9701);
  beforeAll(() => submitted(E, '410402'));
  it.each<[string, 'post' | 'put', string, object, string]>([
    ['send-back reason', 'post', 'send-back', { reason: 'A\uD800' }, '/body/reason'],
    ['withdraw reason', 'post', 'withdraw', { reason: '\u200B\u2060' }, '/body/reason'],
    [
      'formal-review comment',
      'post',
      'formal-review',
      { checklist: [{ item: 'form_complete', passed: false, comment: '请补充\u202E' }] },
      '/body/checklist/0/comment',
    ],
    ['on-site note', 'post', 'on-site-check', { note: 'a\u0000b' }, '/body/note'],
    ['evidence', 'put', 'form', { form: { ...goodForm, evidence: ['\uDC00'] } }, '/body/form/evidence/0'],
  ])('%s', async (_l, method, action, payload, field) => {
    const res = await call(method, `${path(E)}/${action}`, province, payload);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('batch bodies: ids are ids, summaries human text; a lone surrogate in the raw JSON is a 400', async () => {
    const ids = await call('post', '/v1/sme-batches', province, { year, evaluationIds: ['\uD800'] });
    expect([ids.status, ids.body.errors[0].path]).toEqual([400, '/body/evaluationIds/0']);
    const raw = await request(a.app)
      .post('/v1/sme-batches/b-1/objections')
      .set({
        ...a.h.as({ role: 'enterprise', region: '410402', uscc: E }),
        'Content-Type': 'application/json',
      })
      .send('{"evaluationId":"id-1","summary":"\\udfff"}');
    expect([raw.status, raw.body.errors?.[0]?.path]).toEqual([400, '/body/summary']);
  });
});

describe('finding 8 — a replay is served only after authorisation, keyed by the whole principal', () => {
  it('another enterprise reusing the key is answered as itself, never with the stored answer', async () => {
    const E = exampleUscc('410402', 9801);
    const O = exampleUscc('410402', 9802);
    await registered(E, '410402');
    await registered(O, '410402');
    const key = { 'Idempotency-Key': 'sec-8-assessment' };
    const first = await call('post', '/v1/sme-evaluations', ent(E, '410402'), { year, form: goodForm }, key);
    const other = await call('post', '/v1/sme-evaluations', ent(O, '410402'), { year, form: goodForm }, key);
    expect([first.status, other.status, other.headers['idempotent-replayed'], other.body.uscc]).toEqual([
      201,
      201,
      undefined,
      O,
    ]);
  });
});
