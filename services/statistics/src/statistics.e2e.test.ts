import {
  allEvents,
  CERTIFICATION_CERTIFICATE_TOPIC,
  hnteEnterpriseStreamId,
  newEventId,
} from '@peiyu/contracts';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';

// Issue 17's loop through the local stack (registry, assessment and statistics as `npm start` runs them): the
// city sets 2026 targets for two counties of 平顶山 and its ranking method; enterprises registered in the
// registry are entered as tech SMEs by assessment (draft → county review → batch → 公示 → entry), and a
// certificate arrives on the certification topic — produced here as the certification service's outbox would
// (that service is built in parallel and not part of this stack). Statistics counts them from the events,
// ranks the counties for Q1 and Q2, and flags 卫东区, bottom twice, for 约谈. Every wait is on an event's
// effect (`eventually`), never a sleep.
// The local stack as `npm start` runs it, each service as its own process, driven over HTTP like any client.
const suite = useStackSuite({
  name: 'statistics',
  startAt: '2026-03-20T09:00:00+08:00',
  only: ['registry', 'assessment', 'statistics'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const statistics = suite.client('statistics');
const call = statistics.call;
const year = 2026;
const PDS = '410400';
const XINHUA = '410402';
const WEIDONG = '410403';
const E1 = exampleUscc(XINHUA, 9401);
const E2 = exampleUscc(XINHUA, 9402);
const E3 = exampleUscc(WEIDONG, 9403);
const city = { role: 'city_reviewer' as const, region: PDS };
const province = { role: 'province_reviewer' as const, region: '410000' };
const county = (region: string) => ({ role: 'county_reviewer' as const, region });
const ent = (uscc: string) => ({ role: 'enterprise' as const, region: XINHUA, uscc });
/** An SME form that scores well (the form is assessment's concern; here it only has to pass). */
const goodForm = {
  employees: 40,
  techStaff: 12,
  salesRevenue: 30_000_000 * 100,
  totalAssets: 20_000_000 * 100,
  rdExpense: 2_000_000 * 100,
  totalCostExpense: 25_000_000 * 100,
  ipClassI: 1,
  ipClassII: 0,
  evidence: ['evidence/2026/form.pdf'],
};
const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'].map(
  (item) => ({ item, passed: true }),
);

beforeAll(async () => {
  for (const [uscc, countyCode, name] of [
    [E1, XINHUA, '平顶山市新华区统计示例一有限公司'],
    [E2, XINHUA, '平顶山市新华区统计示例二有限公司'],
    [E3, WEIDONG, '平顶山市卫东区统计示例三有限公司'],
  ] as const) {
    const r = await registry.call('POST', '/v1/enterprises', county(countyCode), {
      uscc,
      name,
      countyCode,
      foundedOn: '2018-06-01',
      contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
    });
    expect(r.status).toBe(201);
  }
}, 120_000);

/** Publishes an HNTE certificate as the certification service's outbox would (HnteCertified v2). */
async function publishCertificate(uscc: string, countyCode: string, issuedOn: string): Promise<void> {
  const data = {
    uscc,
    certificateNumber: `GR${year}41009403`,
    field: 'new_materials',
    issuedOn,
    validUntil: `${year + 3}${issuedOn.slice(4)}`,
    kind: 'first',
    latestYearRevenue: 80_000_000_00,
    countyCode,
    provinceCode: '410000',
    applicationId: null,
    ruleSetId: 'hnte-2016-32',
  };
  allEvents().validate({ type: 'HnteCertified', schemaVersion: 2, data });
  const at = statistics.clock.now().toISOString();
  const envelope = {
    eventId: newEventId(statistics.clock.now()),
    streamId: hnteEnterpriseStreamId(uscc),
    streamVersion: 1,
    type: 'HnteCertified',
    schemaVersion: 2,
    occurredAt: at,
    recordedAt: at,
    actor: { role: 'system', id: 'e2e-certification' },
    correlationId: 'e2e',
    causationId: null,
    data,
  };
  // The runner's admin principal stands in for the certification service (the topic's owner).
  const kafka = suite.stack().kafkaClient('e2e-certification');
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: CERTIFICATION_CERTIFICATE_TOPIC,
    messages: [
      {
        key: envelope.streamId,
        value: JSON.stringify(envelope),
        headers: { type: envelope.type, schemaVersion: '2', eventId: envelope.eventId, streamVersion: '1' },
      },
    ],
  });
  await producer.disconnect();
}

/** Two enterprises of 新华区 through assessment to entry (the 公示 closes the day after its last day). */
async function enterThroughAssessment(): Promise<string> {
  const ids: string[] = [];
  for (const uscc of [E1, E2]) {
    const drafted = await eventually(
      () => assessment.call('POST', '/v1/sme-evaluations', ent(uscc), { year, form: goodForm }),
      (r) => r.status !== 404, // the registry's event reaches assessment through Kafka
    );
    expect(drafted.status).toBe(201);
    ids.push(drafted.body!.evaluationId as string);
    const path = `/v1/sme-evaluations/${uscc}/${year}`;
    expect((await assessment.call('POST', `${path}/submit`, ent(uscc), {})).status).toBe(200);
    const reviewed = await assessment.call('POST', `${path}/formal-review`, county(XINHUA), {
      checklist: PASS,
    });
    expect(reviewed.status).toBe(200);
  }
  const batch = await assessment.call('POST', '/v1/sme-batches', province, { year, evaluationIds: ids });
  expect(batch.status).toBe(201);
  const batchId = batch.body!.batchId as string;
  const opened = await assessment.call('POST', `/v1/sme-batches/${batchId}/notice/open`, province, {});
  expect(opened.status).toBe(200);
  const endsOn = (opened.body!.notice as { endsOn: string }).endsOn;
  const days = (Date.parse(endsOn) - Date.parse(assessment.clock.today())) / 86_400_000 + 1;
  advanceSharedClock(suite.clockFile, `${days}d`);
  const closed = await eventually(
    () => assessment.call('POST', `/v1/sme-batches/${batchId}/notice/close`, province, {}),
    (r) => r.status !== 409, // the service re-reads the moved clock file
  );
  expect(closed.status).toBe(200);
  return assessment.clock.today();
}

const rows = (body: Record<string, unknown> | undefined) =>
  (body?.rows ?? []) as Array<{ countyCode: string; rank: number; mark: string | null; talk: boolean }>;

describe('statistics through the local stack (issue 17)', () => {
  it('sets targets, counts entries and certificates from the events, ranks two quarters and flags 约谈', async () => {
    // The city's targets and method, with who and when.
    for (const c of [XINHUA, WEIDONG]) {
      const set = await call('PUT', `/v1/county-targets/${c}/${year}`, city, {
        targets: {
          newTechSmesEntered: 10,
          newHnteCertified: 2,
          validHnte: null,
          techContractTurnoverYuan: '3000000',
          innovationPlatforms: null,
        },
        reference: '平顶山市2026年科技创新目标（测试）',
      });
      expect([set.status, set.body!.setBy]).toEqual([
        201,
        expect.objectContaining({ role: 'city_reviewer' }),
      ]);
    }
    const method = await call('PUT', `/v1/ranking-methods/${PDS}/${year}`, city, {
      method: {
        kind: 'weighted',
        weights: [
          { indicator: 'newTechSmesEntered', weight: 60 },
          { indicator: 'newHnteCertified', weight: 40 },
        ],
      },
    });
    expect(method.status).toBe(201);

    const enteredOn = await enterThroughAssessment();
    expect(enteredOn > `${year}-03-31`).toBe(true); // the entries fall in Q2
    await publishCertificate(E3, WEIDONG, enteredOn);

    // Counted from the events as they arrive: 2 entries in 新华区, 1 certificate in 卫东区 (located by the
    // registry's event).
    const q2Counts = `/v1/county-counts?year=${year}&quarter=2&region=${PDS}&pageSize=100`;
    const counts = await eventually(
      () => call('GET', q2Counts, city),
      (r) => {
        const items = (r.body?.items ?? []) as Array<Record<string, number | string>>;
        const x = items.find((i) => i.countyCode === XINHUA);
        const w = items.find((i) => i.countyCode === WEIDONG);
        return x?.techSmesEntered === 2 && w?.hnteCertified === 1;
      },
      30_000,
    );
    const byCounty = new Map(
      (counts.body!.items as Array<{ countyCode: string }>).map((i) => [i.countyCode, i]),
    );
    expect(byCounty.get(XINHUA)).toMatchObject({ techSmesEntered: 2, validTechSmes: 2, hnteCertified: 0 });
    expect(byCounty.get(WEIDONG)).toMatchObject({ techSmesEntered: 0, hnteCertified: 1, validHnte: 1 });
    // As of a date in Q1, nothing had been entered yet.
    const q1 = await call('GET', `/v1/county-counts?year=${year}&quarter=1&region=${XINHUA}`, county(XINHUA));
    expect(q1.body!.items).toEqual([expect.objectContaining({ countyCode: XINHUA, techSmesEntered: 0 })]);

    // Q1 ranking (after the quarter): both at zero, the tie broken by county code; 卫东区 criticised.
    const first = await call('POST', `/v1/rankings/${PDS}/${year}/1/publish`, city, {});
    expect([first.status, first.body!.groupSize]).toEqual([201, 1]);
    expect(rows(first.body).map((r) => [r.countyCode, r.mark, r.talk])).toEqual([
      [XINHUA, 'top', false],
      [WEIDONG, 'bottom', false],
    ]);

    // A county reports its Q2 turnover (yuan in, fen kept).
    const report = await call('PUT', `/v1/indicator-reports/${XINHUA}/${year}/2`, county(XINHUA), {
      techContractTurnoverYuan: '1250000.50',
      provincialPlatforms: 1,
      cityPlatforms: 2,
      evidence: ['技术合同登记表（测试）'],
    });
    expect([report.status, report.body!.techContractTurnoverFen]).toEqual([201, 125_000_050]);

    // Q2 after its end: 新华区 (two entries) ahead of 卫东区 (one certificate); 卫东区 bottom twice → 约谈.
    advanceSharedClock(
      suite.clockFile,
      `${(Date.parse(`${year}-07-02`) - Date.parse(statistics.clock.today())) / 86_400_000}d`,
    );
    const second = await eventually(
      () => call('POST', `/v1/rankings/${PDS}/${year}/2/publish`, city, {}),
      (r) => r.status !== 409, // the service re-reads the moved clock file
    );
    expect(second.status).toBe(201);
    expect(rows(second.body).map((r) => [r.countyCode, r.rank, r.mark, r.talk])).toEqual([
      [XINHUA, 1, 'top', false],
      [WEIDONG, 2, 'bottom', true],
    ]);
    const xinhua = (second.body!.rows as Array<{ countyCode: string; figures: object }>)[0]!;
    expect(xinhua.figures).toMatchObject({
      newTechSmesEntered: 2,
      techContractTurnoverFen: 125_000_050,
      innovationPlatforms: 3,
    });

    // The county reads its city's bulletin; the published quarter recomputes to the same figures.
    const bulletin = await call('GET', `/v1/rankings/${PDS}/${year}/2/bulletin`, county(WEIDONG));
    expect(bulletin.body).toMatchObject({ title: `平顶山市${year}年第二季度科技创新工作通报` });
    expect((bulletin.body!.rows as Array<Record<string, unknown>>)[1]).toMatchObject({
      county: '卫东区',
      mark: '通报批评',
      talk: '约谈',
    });
    const recomputed = await call('GET', `/v1/rankings/${PDS}/${year}/2/recomputed`, city);
    expect(recomputed.body).toMatchObject({ matches: true, differences: [] });
    const listed = await call('GET', `/v1/rankings?year=${year}`, county(WEIDONG));
    expect(listed.body!.items).toEqual([
      expect.objectContaining({ quarter: 2, talk: [WEIDONG] }),
      expect.objectContaining({ quarter: 1, bottom: [WEIDONG] }),
    ]);
  }, 180_000);
});
