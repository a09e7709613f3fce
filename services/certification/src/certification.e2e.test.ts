import { randomUUID } from 'node:crypto';
import {
  CERTIFICATION_APPLICATION_TOPIC,
  CERTIFICATION_CERTIFICATE_TOPIC,
  hnteApplicationStreamId,
  hnteEnterpriseStreamId,
  type SmeForm,
} from '@peiyu/contracts';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';
import { goodForm } from './domain/test-support/application-fixtures';

// The HNTE journey of issue 14 through the local stack as `npm start` runs it — embedded MongoDB and Kafka;
// registry, assessment and certification as their own processes — on free ports, in a throwaway home (keys,
// movable clock), driven over HTTP like any client. Every wait is on an event reaching a view, never a sleep.
// Pinned: Monday 1 June 2026, so the 10-working-day 公示 ends on Monday 15 June.
const suite = useStackSuite({
  name: 'certification',
  startAt: '2026-06-01T09:00:00+08:00',
  only: ['registry', 'assessment', 'certification'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const certification = suite.client('certification');
const call = certification.call;

const E = exampleUscc('430602', 9401); // 岳阳楼区
const BATCH = '43-2026-e2e';
const APP = `/v1/hnte-applications/${BATCH}/${E}`;
const county = { role: 'county_reviewer' as const, region: '430602' };
const province = { role: 'province_reviewer' as const, region: '430000' };
const ent = { role: 'enterprise' as const, region: '430602', uscc: E };
const expert = (sub: string) => ({ role: 'expert' as const, sub });
const TECH = {
  role: 'technical',
  ip: { advancement: 7, coreSupport: 7, quantity: 8, acquisition: 5, bonus: 1 },
  conversion: 21,
  organisation: { management: 5, institution: 4, incentives: 3, training: 3 },
};
const FIN = { role: 'financial', netAssetGrowth: 5, salesGrowth: 6 };
/** A tech-SME form (assessment's) worth 20 points only: it qualifies only directly, by a valid HNTE certificate. */
const weakForm: SmeForm = {
  employees: 40,
  techStaff: 12,
  salesRevenue: 30_000_000 * 100,
  totalAssets: 20_000_000 * 100,
  rdExpense: 0,
  totalCostExpense: 25_000_000 * 100,
  ipClassI: 0,
  ipClassII: 0,
  evidence: ['evidence/2026/form.pdf'],
};

beforeAll(async () => {
  const r = await registry.call('POST', '/v1/enterprises', county, {
    uscc: E,
    name: '岳阳示例新材料有限公司',
    countyCode: '430602',
    foundedOn: '2015-03-01',
    hnteField: 'new_materials',
    contact: { name: '张三', phone: '0730-1234567', email: 'zhang.san@example.cn' },
  });
  expect(r.status).toBe(201);
}, 120_000);

/** Waits until the services read the moved clock (they re-read the shared clock file). */
async function moveClock(by: string, today: string): Promise<void> {
  advanceSharedClock(suite.clockFile, by);
  expect(certification.clock.today()).toBe(today);
}

describe('HNTE recognition end to end (issue 14)', () => {
  it('batch → application → county → panel → scores → 公示 → GR number → direct qualification → after care → cancellation', async () => {
    // The recognition body opens the batch and fills its expert pool.
    const batch = await call(
      'POST',
      '/v1/hnte-batches',
      { role: 'admin' },
      {
        batchId: BATCH,
        provinceCode: '430000',
        year: 2026,
        title: '2026年第一批（e2e）',
        applicationOpensOn: '2026-06-01',
        applicationClosesOn: '2026-06-30',
        recommendationDueOn: '2026-07-15',
      },
    );
    expect(batch.status).toBe(201);
    for (const id of ['t1', 't2', 't3', 't4', 't5', 't6', 'f1']) {
      const r = await call('POST', '/v1/hnte-expert-pools/430000/experts', province, {
        expertId: id,
        name: `专家${id}`,
        organisation: { name: id === 'f1' ? '某会计师事务所' : '湖南大学', uscc: null },
        expertise: id === 'f1' ? { kind: 'financial' } : { kind: 'technical', fields: ['new_materials'] },
      });
      expect(r.status).toBe(201);
    }

    // The enterprise applies once the registry's event has reached certification (registry → Kafka → view).
    const drafted = await eventually(
      () => call('POST', '/v1/hnte-applications', ent, { batchId: BATCH, form: goodForm }),
      (r) => r.status !== 404,
    );
    expect(drafted.status).toBe(201);
    const submitted = await call('POST', `${APP}/submit`, ent, {});
    expect(submitted.body).toMatchObject({ status: 'submitted', submission: { countyCode: '430602' } });
    expect((await call('POST', `${APP}/recommend`, county, { comment: '材料齐全' })).body).toMatchObject({
      status: 'recommended',
    });

    // The panel: five experts, one financial, drawn from the pool with a recorded seed.
    const drawn = await call('POST', `${APP}/panel`, province, {});
    const members = (drawn.body!.panel as { members: Array<{ expertId: string; role: string }> }).members;
    expect(members).toHaveLength(5);
    const outsider = ['t1', 't2', 't3', 't4', 't5', 't6'].find(
      (t) => !members.some((m) => m.expertId === t),
    )!;
    expect((await call('GET', APP, expert(outsider))).status).toBe(404);

    // Five experts score; a score outside its data-derived range is refused, naming item and range.
    const first = members.find((m) => m.role === 'technical')!.expertId;
    const wide = await call('POST', `${APP}/scores`, expert(first), { sheet: { ...TECH, conversion: 30 } });
    expect([wide.status, wide.body!.code]).toEqual([400, 'score_out_of_range']);
    for (const m of members) {
      const r = await call('POST', `${APP}/scores`, expert(m.expertId), {
        sheet: m.role === 'financial' ? FIN : TECH,
      });
      expect(r.status).toBe(200);
    }
    const concluded = await call('POST', `${APP}/review/conclude`, province, {});
    expect(concluded.body).toMatchObject({
      status: 'review_passed',
      review: { passed: true, average: '75' },
    });

    // The 公示: 10 working days, public; an objection under a real name, verified and dismissed.
    const notice = await call('POST', `${APP}/notice/open`, province, {});
    expect(notice.body).toMatchObject({ status: 'in_notice', notice: { endsOn: '2026-06-15' } });
    const listed = await call('GET', '/v1/public/hnte-notices?provinceCode=430000', null);
    expect(listed.body!.items).toEqual([
      expect.objectContaining({ uscc: E, name: '岳阳示例新材料有限公司' }),
    ]);
    const lodged = await call('POST', `${APP}/objections`, province, {
      objectorName: '李四',
      statementRef: 'objections/e2e.pdf',
      summary: '高新技术产品收入占比存疑',
    });
    const objectionId = Object.keys((lodged.body!.notice as { objections: object }).objections)[0]!;
    const resolved = await call('POST', `${APP}/objections/${objectionId}/resolve`, province, {
      outcome: 'dismissed',
      finding: '经核实专项审计报告无误',
    });
    expect(resolved.status).toBe(200);

    // The day after its last day, the province closes the notice and certifies: GR + year + 43 + serial.
    await moveClock('15d', '2026-06-16');
    const closed = await eventually(
      () => call('POST', `${APP}/notice/close`, province, {}),
      (r) => r.status === 200,
    );
    expect(closed.body).toMatchObject({ status: 'approved' });
    const certified = await call('POST', `${APP}/certify`, province, {});
    expect(certified.status).toBe(200);
    expect((certified.body!.certificates as object[])[0]).toMatchObject({
      certificateNumber: 'GR202643000001',
      kind: 'first',
      issuedOn: '2026-06-16',
      validUntil: '2029-06-15',
    });
    const pub = await call('GET', '/v1/public/hnte-certificates?provinceCode=430000&year=2026', null);
    expect(pub.body!.items).toEqual([
      expect.objectContaining({ certificateNumber: 'GR202643000001', state: 'valid' }),
    ]);

    // Assessment reacts to HnteCertified (certification → Kafka → assessment): direct qualification of a tech
    // SME whose figures alone would not qualify it.
    const sme = `/v1/sme-evaluations/${E}/2026`;
    expect(
      (await assessment.call('POST', '/v1/sme-evaluations', ent, { year: 2026, form: weakForm })).status,
    ).toBe(201);
    const qualified = await eventually(
      () => assessment.call('POST', `${sme}/submit`, ent, {}),
      (r) => r.status === 200,
    );
    expect(qualified.body).toMatchObject({
      validHnteCertificate: true,
      score: { eligible: true, qualifiedBy: 'direct' },
    });

    // After care in 2027: the annual report on 2026, a name change re-issued with the same validity, then a
    // cancellation on a stated ground, effective from the year of the conduct.
    await moveClock('258d', '2027-03-01');
    const record = `/v1/hnte-records/${E}`;
    const report = await eventually(
      () =>
        call('POST', `${record}/annual-reports`, ent, {
          reportYear: 2026,
          figures: {
            ipClassI: 1,
            ipClassII: 1,
            employees: 100,
            techStaff: 20,
            rdExpense: 220_000_000,
            salesRevenue: 3_600_000_000,
            totalRevenue: 3_700_000_000,
          },
        }),
      (r) => r.status === 200,
    );
    expect(report.status).toBe(200);
    const renamed = await call('POST', `${record}/major-changes`, province, {
      change: 'name_change',
      description: '企业更名',
      changedOn: '2027-02-15',
      stillQualified: true,
      newName: '岳阳新材料科技股份有限公司',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: '岳阳新材料科技股份有限公司',
      certificates: [{ certificateNumber: 'GR202643000001', validUntil: '2029-06-15', status: 'valid' }],
    });
    const cancelled = await call('POST', `${record}/cancellation`, province, {
      ground: 'major_accident_or_environmental_violation',
      conductYear: 2027,
      reason: '2027年2月发生重大安全事故',
    });
    expect(cancelled.body).toMatchObject({
      cancellations: [{ certificateNumber: 'GR202643000001', effectiveYear: 2027 }],
    });
    const marked = await call('GET', '/v1/public/hnte-certificates?provinceCode=430000', null);
    expect(marked.body!.items).toEqual([
      expect.objectContaining({
        state: 'cancelled',
        cancelledFromYear: 2027,
        name: '岳阳新材料科技股份有限公司',
      }),
    ]);

    // Kafka carries every transition, in order, keyed by stream.
    const certificates = await readTopic(CERTIFICATION_CERTIFICATE_TOPIC, 6);
    expect(certificates.map((m) => [m.key, m.type, m.version])).toEqual([
      [hnteEnterpriseStreamId(E), 'HnteCertified', 1],
      [hnteEnterpriseStreamId(E), 'AnnualReportFiled', 2],
      [hnteEnterpriseStreamId(E), 'MajorChangeReported', 3],
      [hnteEnterpriseStreamId(E), 'CertificateReissued', 4],
      [hnteEnterpriseStreamId(E), 'HnteCertified', 5],
      [hnteEnterpriseStreamId(E), 'HnteCancelled', 6],
    ]);
    expect(certificates.map((m) => m.schemaVersion)).toEqual(['2', '1', '1', '1', '2', '2']);
    const application = await readTopic(CERTIFICATION_APPLICATION_TOPIC, 15);
    expect(application.every((m) => m.key === hnteApplicationStreamId(BATCH, E))).toBe(true);
    expect(application.map((m) => m.type)).toEqual([
      'HnteApplicationDrafted',
      'HnteApplicationSubmitted',
      'CountyRecommended',
      'PanelDrawn',
      ...members.map(() => 'ExpertScoreRecorded'),
      'ReviewConcluded',
      'HntePublicNoticeOpened',
      'HnteObjectionLodged',
      'HnteObjectionResolved',
      'HntePublicNoticeClosed',
    ]);
  }, 180_000);
});

/** Reads a topic from the beginning until `count` messages have arrived (or 15 s pass). */
async function readTopic(topic: string, count: number) {
  const kafka = suite.stack().kafkaClient('e2e'); // the runner's admin principal (Kafka is authenticated)
  const consumer = kafka.consumer({ groupId: `e2e-certification-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const seen: Array<{ key: string; type: string; version: number; schemaVersion: string }> = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 15_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          key: message.key!.toString(),
          type: String(message.headers!.type),
          version: Number(String(message.headers!.streamVersion)),
          schemaVersion: String(message.headers!.schemaVersion),
        });
        if (seen.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}
