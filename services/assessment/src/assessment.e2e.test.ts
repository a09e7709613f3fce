import { randomUUID } from 'node:crypto';
import {
  allEvents,
  ASSESSMENT_BATCH_TOPIC,
  CERTIFICATION_CERTIFICATE_TOPIC,
  newEventId,
  ASSESSMENT_EVALUATION_TOPIC,
  smeBatchStreamId,
  smeEvaluationStreamId,
} from '@peiyu/contracts';
import { eventually, type Who } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { addWorkingDays, exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';
import { goodForm, weakForm } from './domain/test-support/fixtures';

// The local stack as `npm start` runs it, each service as its own process, driven over HTTP like any client.
// The stack's clock starts at a pinned instant, so the run does not depend on the day it happens: the week
// before National Day 2026, so the 10-working-day notice spans the holiday and its adjusted working days.
const suite = useStackSuite({
  name: 'assessment',
  startAt: '2026-09-21T09:00:00+08:00',
  only: ['registry', 'assessment'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const call = assessment.call;

const E1 = exampleUscc('410402', 9101);
const E2 = exampleUscc('410402', 9102);
const E3 = exampleUscc('410402', 9103);
const OTHER = exampleUscc('410403', 9104);
const E4 = exampleUscc('410402', 9105);
/** 汝州市: a county-level city administered by the province directly, not by 平顶山. */
const RUZHOU = exampleUscc('410482', 9106);
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const province = (region: string) => ({ role: 'province_reviewer' as const, region });
const ent = (uscc: string, region = '410402') => ({ role: 'enterprise' as const, region, uscc });
const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'].map(
  (item) => ({ item, passed: true }),
);
// The campaign year is the year of the stack's (pinned) clock.
const year = Number(assessment.clock.today().slice(0, 4));
const evaluationIds: Record<string, string> = {};

async function register(uscc: string, divisionCode: string, name: string): Promise<void> {
  const r = await registry.call('POST', '/v1/enterprises', county(divisionCode), {
    uscc,
    name,
    countyCode: divisionCode,
    foundedOn: '2018-06-01',
    hnteField: 'new_materials',
    contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
  });
  expect(r.status).toBe(201);
}

/** Drafts once the enterprise has reached assessment's view (registry → Kafka → projection). */
async function draft(uscc: string, region = '410402') {
  const r = await eventually(
    () => call('POST', '/v1/sme-evaluations', ent(uscc, region), { year, form: goodForm }),
    (x) => x.status !== 404,
  );
  expect(r.status).toBe(201);
  evaluationIds[uscc] = r.body!.evaluationId as string;
  return r;
}

const path = (uscc: string) => `/v1/sme-evaluations/${uscc}/${year}`;

beforeAll(async () => {
  await register(E1, '410402', '平顶山市新华区示例新材料科技有限公司');
  await register(E2, '410402', '平顶山市新华区示例智能装备有限公司');
  await register(E3, '410402', '平顶山市新华区示例生物医药有限公司');
  await register(OTHER, '410403', '平顶山市卫东区示例信息技术有限公司');
  await register(E4, '410402', '平顶山市新华区示例节能环保有限公司');
  await register(RUZHOU, '410482', '汝州市示例新材料科技有限公司');
}, 90_000);

describe('assessment through the local stack', () => {
  it('serves health, its OpenAPI document and the preview (scoreTechSme input → result with trace)', async () => {
    expect((await call('GET', '/healthz', null)).status).toBe(200);
    const doc = await call('GET', '/openapi.json', null);
    expect(Object.keys(doc.body!.paths as object)).toContain('/v1/sme-batches/{batchId}/notice/close');
    const { evidence: _e, ...input } = goodForm;
    const preview = await call('POST', `/v1/sme-evaluations/preview?year=${year}`, ent(E1), input);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      eligible: true,
      qualifiedBy: 'score',
      points: { total: expect.any(Number) },
      trace: { ruleSetId: expect.any(String) },
    });
    const bad = await call('POST', '/v1/sme-evaluations/preview', ent(E1), { ...input, techStaff: 41 });
    expect(bad.status).toBe(400);
  });

  it('runs draft → submit → returned → corrected → resubmitted → passed, with the county queue', async () => {
    await draft(E1);
    const again = await call('POST', '/v1/sme-evaluations', ent(E1), { year, form: goodForm });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'one_live_evaluation' });

    const submitted = await call('POST', `${path(E1)}/submit`, ent(E1), {});
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submissions: 1, countyCode: '410402' });
    expect(submitted.body!.ruleSetId).toBe('tsme-2017-115/2023');
    // 5 working days by the policy calendar (holidays and worked weekends honoured).
    expect(submitted.body!.dueOn).toBe(addWorkingDays(assessment.clock.today(), 5).date);

    const queue = await call('GET', '/v1/sme-review-queue', county('410402'));
    expect(queue.status).toBe(200);
    expect(queue.body!.items).toEqual([
      expect.objectContaining({ uscc: E1, dueOn: submitted.body!.dueOn, overdue: false }),
    ]);
    expect((await call('GET', '/v1/sme-review-queue', county('410403'))).body!.items).toEqual([]);

    const failed = PASS.map((x) =>
      x.item === 'signed_and_sealed' ? { ...x, passed: false, comment: '信息表未加盖公章' } : x,
    );
    const returned = await call('POST', `${path(E1)}/formal-review`, county('410402'), { checklist: failed });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      corrections: [{ item: 'signed_and_sealed', comment: '信息表未加盖公章' }],
    });
    const form = { ...goodForm, evidence: [...goodForm.evidence, 'evidence/sealed.pdf'] };
    const edited = await call('PUT', `${path(E1)}/form`, ent(E1), { form }, { 'if-match': `"${3}"` });
    expect(edited.status).toBe(200);
    const resubmitted = await call('POST', `${path(E1)}/submit`, ent(E1), {});
    expect(resubmitted.body).toMatchObject({ status: 'submitted', submissions: 2 });
    const passed = await call('POST', `${path(E1)}/formal-review`, county('410402'), { checklist: PASS });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'forwarded' });
  });

  it('refuses illegal transitions with 409 naming the rule', async () => {
    await draft(E3);
    // A stale If-Match is refused; a retried request with the same Idempotency-Key gets the first answer.
    const stale = await call('POST', `${path(E3)}/withdraw`, ent(E3), {}, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const withdraw = () =>
      call('POST', `${path(E3)}/withdraw`, ent(E3), { reason: '暂不申报' }, { 'idempotency-key': 'w-1' });
    const first = await withdraw();
    expect(first.status).toBe(200);
    const replay = await withdraw();
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const review = await call('POST', `${path(E3)}/formal-review`, county('410402'), { checklist: PASS });
    expect(review.status).toBe(409);
    expect(review.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(review.body).toMatchObject({ code: 'evaluation_withdrawn' });
    expect(String(review.body!.detail)).toContain('withdrawn');
  });

  it('batches, runs the notice with objections, closes after its last day and enters with a number', async () => {
    await draft(E2);
    expect((await call('POST', `${path(E2)}/submit`, ent(E2), {})).status).toBe(200);
    const flag = { reasons: ['reviewer_judgement'], note: '研发场地待实地核实' };
    const flagged = await call('POST', `${path(E2)}/on-site-check`, county('410402'), flag);
    expect(flagged.body).toMatchObject({ onSiteCheck: { reasons: ['reviewer_judgement'] } });
    const review = () => call('POST', `${path(E2)}/formal-review`, county('410402'), { checklist: PASS });
    // issue 11 §2: a flagged evaluation passes only once the on-site result is recorded (its own event).
    expect((await review()).body).toMatchObject({ status: 409, code: 'on_site_check_pending' });
    const result = {
      checkedOn: assessment.clock.today(),
      outcome: 'consistent',
      note: '研发场地与人员经实地核实，与填报一致',
      inspector: '李明',
    };
    const recorded = await call('POST', `${path(E2)}/on-site-check/result`, county('410402'), result);
    expect(recorded.body).toMatchObject({
      onSiteCheck: { result: { outcome: 'consistent', inspector: '李明' } },
    });
    expect((await review()).status).toBe(200);
    // The province sends it back to the county, which passes it again.
    const back = await call('POST', `${path(E2)}/send-back`, province('410000'), { reason: '请补充核查' });
    expect(back.body).toMatchObject({ status: 'submitted' });
    expect((await review()).body).toMatchObject({ status: 'forwarded' });

    const ids = [evaluationIds[E1]!, evaluationIds[E2]!];
    const batch = await call('POST', '/v1/sme-batches', province('410000'), { year, evaluationIds: ids });
    expect(batch.status).toBe(201);
    const batchId = batch.body!.batchId as string;
    expect((await call('GET', path(E1), ent(E1))).body).toMatchObject({ status: 'batched', batchId });
    // Once forwarded and batched, the enterprise can no longer pull it back.
    expect((await call('POST', `${path(E1)}/withdraw`, ent(E1), {})).status).toBe(409);

    const listed = await call('GET', `/v1/sme-batches?year=${year}`, province('410000'));
    expect(listed.body!.items).toEqual([expect.objectContaining({ batchId, status: 'forming', items: 2 })]);
    expect((await call('GET', '/v1/sme-batches', province('430000'))).body!.items).toEqual([]);
    const opened = await call('POST', `/v1/sme-batches/${batchId}/notice/open`, province('410000'), {});
    expect(opened.status).toBe(200);
    const endsOn = (opened.body!.notice as { endsOn: string }).endsOn;
    expect(endsOn).toBe(addWorkingDays(assessment.clock.today(), 10).date); // the opening day not counted
    // The 公示 is public: no token needed to read it.
    const notices = await call('GET', `/v1/sme-notices?year=${year}&status=in_notice`, null);
    expect(notices.status).toBe(200);
    expect(notices.body!.items).toEqual([
      expect.objectContaining({
        batchId,
        notice: opened.body!.notice,
        enterprises: expect.arrayContaining([
          { name: '平顶山市新华区示例新材料科技有限公司', uscc: E1, countyCode: '410402' },
        ]),
      }),
    ]);
    const early = await call('POST', `/v1/sme-batches/${batchId}/notice/close`, province('410000'), {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'notice_not_ended' });

    const lodge = (evaluationId: string, summary: string) =>
      call('POST', `/v1/sme-batches/${batchId}/objections`, province('410000'), { evaluationId, summary });
    const o1 = await lodge(ids[0]!, '举报研发人员数不实');
    // Anyone may object through the public form, without a token, under a real name with a contact.
    const o2 = await call('POST', `/v1/sme-notices/${batchId}/objections`, null, {
      uscc: E2,
      name: '王小明',
      contact: '13912345678',
      summary: '举报知识产权系受让且已失效',
    });
    expect([o1.status, o2.status]).toEqual([201, 201]);
    const inBatch = await call('GET', `/v1/sme-batches/${batchId}`, province('410000'));
    expect(inBatch.body!.objections).toEqual([
      expect.objectContaining({ channel: 'written', objector: null }),
      expect.objectContaining({ channel: 'public_form', objector: { name: '王**', contact: '139****5678' } }),
    ]);
    const resolve = (id: unknown, outcome: string) =>
      call('POST', `/v1/sme-batches/${batchId}/objections/${String(id)}/resolve`, province('410000'), {
        outcome,
        finding: outcome === 'upheld' ? '核实属实' : '经核查不属实',
      });
    expect((await resolve(o1.body!.objectionId, 'dismissed')).status).toBe(200);
    expect((await resolve(o2.body!.objectionId, 'upheld')).status).toBe(200);
    expect((await call('GET', path(E2), ent(E2))).body).toMatchObject({ status: 'rejected' });

    // Move the shared clock (every service reads it) to the notice's last day: objections still run, so the
    // notice cannot close (公示 closes only after its last day); the day after, it closes.
    const days = (Date.parse(endsOn) - Date.parse(assessment.clock.today())) / 86_400_000;
    advanceSharedClock(suite.clockFile, `${days}d`);
    expect(assessment.clock.today()).toBe(endsOn);
    const onLastDay = await call('POST', `/v1/sme-batches/${batchId}/notice/close`, province('410000'), {});
    expect(onLastDay.body).toMatchObject({ code: 'notice_not_ended' });
    advanceSharedClock(suite.clockFile, '1d');
    const enteredOn = assessment.clock.today();
    const closed = await eventually(
      () => call('POST', `/v1/sme-batches/${batchId}/notice/close`, province('410000'), {}),
      (r) => r.status !== 409, // the service re-reads the clock file when it changes
      5_000,
    );
    expect(closed.status).toBe(200);
    const items = closed.body!.items as Array<{ evaluationId: string; status: string }>;
    expect(items.map((i) => i.status)).toEqual(['entered', 'rejected']);

    const mine = await call('GET', path(E1), ent(E1));
    const number = `${year}41${'000001'}`;
    expect(mine.body).toMatchObject({
      status: 'entered',
      registrationNumber: number,
      validUntil: `${year + 1}-03-31`,
    });
    const list = await call('GET', `/v1/sme-entries?year=${year}&region=410400`, null);
    expect(list.status).toBe(200);
    expect(list.body!.items).toEqual([
      {
        name: '平顶山市新华区示例新材料科技有限公司',
        uscc: E1,
        registrationNumber: number,
        countyCode: '410402',
        enteredOn,
        validUntil: `${year + 1}-03-31`,
        state: 'valid',
        stateLabel: '有效',
      },
    ]);
    expect((await call('GET', `/v1/sme-entries?year=${year}&region=430000`, null)).body!.items).toEqual([]);

    // Kafka carries every transition, in order, keyed by stream.
    const seen = await readTopics([ASSESSMENT_EVALUATION_TOPIC, ASSESSMENT_BATCH_TOPIC], 23);
    const of = (key: string) => seen.filter((m) => m.key === key).map((m) => m.type);
    expect(of(smeEvaluationStreamId(E1, year))).toEqual([
      'SmeEvaluationDrafted',
      'SmeEvaluationSubmitted',
      'ReturnedForCorrection',
      'SmeEvaluationUpdated',
      'SmeEvaluationSubmitted',
      'FormalReviewPassed',
    ]);
    expect(of(smeEvaluationStreamId(E2, year))).toEqual([
      'SmeEvaluationDrafted',
      'SmeEvaluationSubmitted',
      'OnSiteCheckFlagged',
      'OnSiteCheckRecorded',
      'FormalReviewPassed',
      'SentBackByProvince',
      'FormalReviewPassed',
    ]);
    expect(of(smeBatchStreamId(batchId))).toEqual([
      'AddedToBatch',
      'PublicNoticeOpened',
      'ObjectionLodged',
      'PublicObjectionLodged',
      'ObjectionResolved',
      'ObjectionResolved',
      'PublicNoticeClosed',
      'SmeEntered',
    ]);
  });

  it('records a spot check of an entered item, once', async () => {
    const mine = await call('GET', path(E1), ent(E1));
    const batchId = mine.body!.batchId as string;
    const batch = await call('GET', `/v1/sme-batches/${batchId}`, province('410000'));
    expect(batch.body!.spotCheckSample).toEqual({ random: [evaluationIds[E1]], flagged: [] });
    const check = {
      evaluationId: evaluationIds[E1],
      selection: 'random',
      outcome: 'passed',
      findings: '资料齐全',
    };
    const url = `/v1/sme-batches/${batchId}/spot-checks`;
    expect((await call('POST', url, province('410000'), check)).status).toBe(200);
    const twice = await call('POST', url, province('410000'), check);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'already_checked' });
  });

  // role × region × endpoint → status. E1 (新华区 410402, 平顶山 410400, 河南 410000) is entered by now.
  it.each<[string, string, string, Who, unknown, number]>([
    ['no token', 'GET', path(E1), null, undefined, 401],
    ['the public list without a token', 'GET', `/v1/sme-entries?year=${year}`, null, undefined, 200],
    ['the enterprise itself', 'GET', path(E1), ent(E1), undefined, 200],
    ['another enterprise', 'GET', path(E1), ent(OTHER, '410403'), undefined, 404],
    ['its county', 'GET', path(E1), county('410402'), undefined, 200],
    ['another county', 'GET', path(E1), county('410403'), undefined, 403],
    ['its city', 'GET', path(E1), { role: 'city_reviewer', region: '410400' }, undefined, 200],
    ['another city', 'GET', path(E1), { role: 'city_reviewer', region: '411700' }, undefined, 403],
    ['its province', 'GET', path(E1), province('410000'), undefined, 200],
    ['another province', 'GET', path(E1), province('430000'), undefined, 403],
    ['an auditor of its city', 'GET', path(E1), { role: 'auditor', region: '410400' }, undefined, 200],
    ['an expert', 'GET', path(E1), { role: 'expert' }, undefined, 403],
    [
      'the city, for a provincially administered county',
      'GET',
      path(RUZHOU),
      { role: 'city_reviewer', region: '410400' },
      undefined,
      403,
    ],
    [
      'the province, for a provincially administered county',
      'GET',
      path(RUZHOU),
      province('410000'),
      undefined,
      404,
    ],
    ['an admin', 'GET', path(E1), { role: 'admin' }, undefined, 200],
    [
      'the enterprise reviewing itself',
      'POST',
      `${path(E1)}/formal-review`,
      ent(E1),
      { checklist: PASS },
      403,
    ],
    [
      'another county reviewing',
      'POST',
      `${path(E1)}/formal-review`,
      county('410403'),
      { checklist: PASS },
      403,
    ],
    [
      'a province reviewing formally',
      'POST',
      `${path(E1)}/formal-review`,
      province('410000'),
      { checklist: PASS },
      403,
    ],
    [
      'a county revoking',
      'POST',
      `${path(E1)}/revoke`,
      county('410402'),
      { ground: 'serious_fraud', reason: '虚报' },
      403,
    ],
    [
      'another province revoking',
      'POST',
      `${path(E1)}/revoke`,
      province('430000'),
      { ground: 'serious_fraud', reason: '虚报' },
      403,
    ],
    [
      'another county requesting revocation',
      'POST',
      `${path(E1)}/revocation-request`,
      county('410403'),
      { ground: 'failed_spot_check', reason: '抽查不合格' },
      403,
    ],
    [
      'a county forming a batch',
      'POST',
      '/v1/sme-batches',
      county('410402'),
      { year, evaluationIds: ['x'] },
      403,
    ],
    [
      'a county reading another queue',
      'GET',
      '/v1/sme-review-queue?region=410403',
      county('410402'),
      undefined,
      403,
    ],
    [
      'a city listing another city',
      'GET',
      '/v1/sme-evaluations?region=411700',
      { role: 'city_reviewer', region: '410400' },
      undefined,
      403,
    ],
    ['a county drafting', 'POST', '/v1/sme-evaluations', county('410402'), { year, form: goodForm }, 403],
    [
      'its county requesting revocation',
      'POST',
      `${path(E1)}/revocation-request`,
      county('410402'),
      { ground: 'failed_spot_check', reason: '抽查不合格' },
      200,
    ],
    [
      'its province revoking',
      'POST',
      `${path(E1)}/revoke`,
      province('410000'),
      { ground: 'failed_spot_check', reason: '抽查不合格' },
      200,
    ],
  ])('%s: %s %s', async (_who, method, to, who, body, expected) => {
    const r = await call(method, to, who, body);
    expect(r.status).toBe(expected);
    if (expected >= 400) expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('keeps a revoked entry on the public list, marked, and bars a new evaluation that year', async () => {
    const list = await call('GET', `/v1/sme-entries?year=${year}`, null);
    expect(list.body!.items).toEqual([
      expect.objectContaining({
        uscc: E1,
        state: 'revoked',
        stateLabel: '已撤销',
        revokedOn: expect.any(String),
        ground: expect.any(String),
      }),
    ]);
    const again = await call('POST', '/v1/sme-evaluations', ent(E1), { year, form: goodForm });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'revoked_this_year' });
  });
});

describe("reacting to the registry's events", () => {
  it('moves a submitted item to the new county queue when the enterprise relocates', async () => {
    await draft(OTHER, '410403');
    expect((await call('POST', `${path(OTHER)}/submit`, ent(OTHER, '410403'), {})).status).toBe(200);
    const queue = (c: string) => call('GET', '/v1/sme-review-queue', county(c));
    const usccsOf = (r: { body: Record<string, unknown> | undefined }) =>
      (r.body!.items as Array<{ uscc: string }>).map((i) => i.uscc);
    expect(usccsOf(await queue('410403'))).toEqual([OTHER]);
    const moved = await registry.call('POST', `/v1/enterprises/${OTHER}/relocate`, province('410000'), {
      countyCode: '410402',
      effectiveOn: assessment.clock.today(),
    });
    expect(moved.status).toBe(200);
    const after = await eventually(
      () => queue('410402'),
      (r) => usccsOf(r).includes(OTHER),
    );
    expect(usccsOf(after)).toEqual([OTHER]);
    // Overdue from the day after its due date (5 working days from submission).
    const first = () => (after.body!.items as Array<{ dueOn: string; overdue: boolean }>)[0]!;
    expect(first().overdue).toBe(false);
    const late = (Date.parse(first().dueOn) - Date.parse(assessment.clock.today())) / 86_400_000 + 1;
    advanceSharedClock(suite.clockFile, `${late}d`);
    const overdue = await eventually(
      () => queue('410402'),
      (r) => (r.body!.items as Array<{ overdue: boolean }>)[0]?.overdue === true,
      5_000,
    );
    expect(overdue.body!.items).toEqual([expect.objectContaining({ uscc: OTHER, overdue: true })]);
    expect(usccsOf(await queue('410403'))).toEqual([]);
    // The old county can no longer review it; the new one can.
    const review = (c: string) =>
      call('POST', `${path(OTHER)}/formal-review`, county(c), { checklist: PASS });
    expect((await review('410403')).status).toBe(403);
    expect((await review('410402')).status).toBe(200);
  });

  it('refuses submission when a sanction in the window arrives from the registry', async () => {
    const sanction = await registry.call('POST', `/v1/enterprises/${E3}/sanctions`, county('410402'), {
      kind: 'major_quality_accident',
      occurredOn: assessment.clock.today(),
      reference: '平市监〔2026〕9号',
    });
    expect(sanction.status).toBe(200);
    // Wait until assessment's view of the enterprise carries the sanction (registry → Kafka → projection).
    const view = await eventually(
      () => call('GET', '/v1/sme-enterprises?region=410402', county('410402')),
      (r) => JSON.stringify(r.body).includes('major_quality_accident'),
    );
    const e3 = (view.body!.items as Array<{ uscc: string; sanctions: unknown[] }>).find((e) => e.uscc === E3);
    expect(e3!.sanctions).toEqual([
      expect.objectContaining({ kind: 'major_quality_accident', liftedOn: null }),
    ]);
    await draft(E3);
    const submit = await call('POST', `${path(E3)}/submit`, ent(E3), {});
    expect(submit.status).toBe(409);
    expect(submit.body).toMatchObject({ code: 'sanctioned_in_window' });
  });
});

describe("reacting to the certification service's events", () => {
  it('qualifies directly once a valid HNTE certificate arrives', async () => {
    await draft(E4);
    await call('PUT', `${path(E4)}/form`, ent(E4), { form: weakForm });
    const before = await call('POST', `${path(E4)}/submit`, ent(E4), {});
    expect(before.status).toBe(400);
    expect(before.body!.errors).toEqual([expect.objectContaining({ code: 'not_eligible' })]);

    // Published as the certification service's outbox would (that service does not exist yet).
    const certified = {
      uscc: E4,
      certificateNumber: `GR${year - 1}41000123`,
      field: 'new_materials',
      issuedOn: `${year - 1}-12-01`,
      validUntil: `${year + 2}-11-30`,
    };
    allEvents().validate({ type: 'HnteCertified', schemaVersion: 1, data: certified });
    const at = assessment.clock.now().toISOString();
    const envelope = {
      eventId: newEventId(assessment.clock.now()),
      streamId: `hnte-certificate-${certified.certificateNumber}`,
      streamVersion: 1,
      type: 'HnteCertified',
      schemaVersion: 1,
      occurredAt: at,
      recordedAt: at,
      actor: { role: 'system', id: 'e2e-certification' },
      correlationId: 'e2e',
      causationId: null,
      data: certified,
    };
    const kafka = suite.stack().kafkaClient('e2e');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: CERTIFICATION_CERTIFICATE_TOPIC,
      messages: [
        {
          key: envelope.streamId,
          value: JSON.stringify(envelope),
          headers: { type: envelope.type, schemaVersion: '1', eventId: envelope.eventId, streamVersion: '1' },
        },
      ],
    });
    await producer.disconnect();

    const after = await eventually(
      () => call('POST', `${path(E4)}/submit`, ent(E4), {}),
      (r) => r.status === 200,
    );
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      status: 'submitted',
      validHnteCertificate: true,
      score: { eligible: true, qualifiedBy: 'direct' },
    });
  });
});

/** Reads the topics from the beginning until `count` messages have arrived (or 15 s pass). */
async function readTopics(topics: string[], count: number) {
  const kafka = suite.stack().kafkaClient('e2e');
  const consumer = kafka.consumer({ groupId: `e2e-assessment-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const seen: Array<{ key: string; type: string; version: number }> = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 15_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          key: message.key!.toString(),
          type: String(message.headers!.type),
          version: Number(String(message.headers!.streamVersion)),
        });
        if (seen.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  // Partitions interleave; within one stream (one key → one partition) the order is the stream's.
  return seen;
}
