import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CERTIFICATION_CERTIFICATE_TOPIC, newEventId } from '@peiyu/contracts';
import { toMessage, type RecordedEvent } from '@peiyu/eventstore';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';

// The money side through the local stack — embedded MongoDB and Kafka, registry, assessment and subsidy as their
// own processes: the example policies published with the real CLI, three tech SMEs entered by assessment (its
// SmeEntered reaches subsidy through Kafka), awards with their trace, approvals and payments by each level, a
// county budget short of the round reduced pro rata to the fen, then an HNTE certificate and its cancellation
// (the certification service has no shell on this branch: a test producer publishes its v2 events into the
// certification topic of the contracts' catalog), clawback per level, the R&D subsidy split 50/20/30, and a
// what-if checked against a hand computation. Every wait is on an event's effect, never a sleep.
// The local stack as `npm start` runs it, each service as its own process, driven over HTTP like any client.
const repoRoot = join(__dirname, '..', '..', '..');
const suite = useStackSuite({
  name: 'subsidy',
  startAt: '2026-09-21T09:00:00+08:00',
  only: ['registry', 'assessment', 'subsidy'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const subsidy = suite.client('subsidy');
const call = subsidy.call;
const YUAN = 100;
const year = 2026;
const E = [9401, 9402, 9403].map((n) => exampleUscc('410402', n));
const county = { role: 'county_reviewer' as const, region: '410402' };
const province = { role: 'province_reviewer' as const, region: '410000' };
const fin = (region: string) => ({ role: 'finance' as const, region });
const ent = (uscc: string) => ({ role: 'enterprise' as const, region: '410402', uscc });
const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'].map(
  (item) => ({ item, passed: true }),
);
const FORM = {
  employees: 40,
  techStaff: 12,
  salesRevenue: 30_000_000 * YUAN,
  totalAssets: 20_000_000 * YUAN,
  rdExpense: 2_000_000 * YUAN,
  totalCostExpense: 25_000_000 * YUAN,
  ipClassI: 1,
  ipClassII: 0,
  evidence: ['evidence/2026/form.pdf'],
};
const numbers: string[] = [];

beforeAll(async () => {
  for (const [i, uscc] of E.entries()) {
    const r = await registry.call('POST', '/v1/enterprises', county, {
      uscc,
      name: `平顶山市新华区补助示例${'一二三'[i]}有限公司`,
      countyCode: '410402',
      foundedOn: '2018-06-01',
      contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
    });
    expect(r.status).toBe(201);
  }
}, 120_000);

/** A test producer standing in for the certification service: its v2 events, as its relay would publish them. */
async function publishCertificationEvent(type: string, version: number, data: object): Promise<void> {
  // The runner's admin principal stands in for the certification service (Kafka is authenticated).
  const kafka = suite.stack().kafkaClient('subsidy-e2e');
  const producer = kafka.producer();
  await producer.connect();
  const now = new Date().toISOString();
  const e: RecordedEvent = {
    eventId: newEventId(),
    streamId: `hnte-enterprise-${E[0]}`,
    streamVersion: version,
    type,
    schemaVersion: 2,
    occurredAt: now,
    recordedAt: now,
    actor: { role: 'province_reviewer', id: 'e2e', region: '410000' },
    correlationId: `e2e-${type}`,
    causationId: null,
    data,
    position: version,
    prevHash: '',
    hash: '',
  };
  await producer.send({ topic: CERTIFICATION_CERTIFICATE_TOPIC, messages: [toMessage(e)] });
  await producer.disconnect();
}

const entitlement = (id: string, who: object = fin('410000')) =>
  eventually(
    () => call('GET', `/v1/entitlements/${id}`, who as never),
    (r) => r.status === 200 && r.body?.status === 'calculated',
  );

describe('the subsidy journey through the stack (issue 15)', () => {
  it('publishes the example policies with the CLI, refusing a broken version by its rule', async () => {
    const cli = join(repoRoot, 'services', 'subsidy', 'dist', 'cli', 'policy.js');
    const env = { ...process.env, PEIYU_HOME: suite.home, PEIYU_MODE: 'local' };
    const files = [
      'tsme-entry-award-city',
      'tsme-entry-award-county',
      'hnte-award-city',
      'hnte-award-county',
      'rd-subsidy',
    ].flatMap((f) => ['--file', join(repoRoot, 'services', 'subsidy', 'policies', `${f}.example.json`)]);
    const out = await promisify(execFile)(
      process.execPath,
      [cli, 'publish', ...files, '--url', suite.url('subsidy')],
      { env },
    );
    expect(out.stdout.match(/published \(EXAMPLE parameters\)/g)).toHaveLength(5);
    const policies = await call('GET', '/v1/policies', fin('410000'));
    expect(policies.body).toMatchObject({ total: 5 });
    const broken = await call(
      'POST',
      '/v1/policy-versions',
      { role: 'admin' },
      {
        ...((policies.body!.items as Array<{ policyId: string; versions: object[] }>).find(
          (p) => p.policyId === 'rd-subsidy',
        )!.versions[0] as object),
        versionId: 'rd-2030',
        effectiveFrom: '2030-01-01',
        funding: { kind: 'shared', province: '0.5', city: '0.3', ref: '超出上限的示例' },
        replaces: undefined,
        publishedOn: undefined,
      },
    );
    expect({ status: broken.status, code: broken.body!.code }).toEqual({
      status: 400,
      code: 'policy.funding',
    });
  }, 60_000);

  it('awards three entered tech SMEs with their trace; each level approves and pays its own share', async () => {
    const ids: string[] = [];
    for (const uscc of E) {
      const drafted = await eventually(
        () => assessment.call('POST', '/v1/sme-evaluations', ent(uscc), { year, form: FORM }),
        (x) => x.status !== 404, // the registry's event reaches assessment through Kafka
      );
      expect(drafted.status).toBe(201);
      ids.push(drafted.body!.evaluationId as string);
      expect(
        (await assessment.call('POST', `/v1/sme-evaluations/${uscc}/${year}/submit`, ent(uscc), {})).status,
      ).toBe(200);
      const reviewed = await assessment.call(
        'POST',
        `/v1/sme-evaluations/${uscc}/${year}/formal-review`,
        county,
        { checklist: PASS },
      );
      expect(reviewed.status).toBe(200);
    }
    const batch = await assessment.call('POST', '/v1/sme-batches', province, { year, evaluationIds: ids });
    expect(batch.status).toBe(201);
    const batchId = batch.body!.batchId as string;
    const opened = await assessment.call('POST', `/v1/sme-batches/${batchId}/notice/open`, province, {});
    const endsOn = (opened.body!.notice as { endsOn: string }).endsOn;
    const days = (Date.parse(endsOn) - Date.parse(assessment.clock.today())) / 86_400_000;
    advanceSharedClock(suite.clockFile, `${days + 1}d`);
    const closed = await eventually(
      () => assessment.call('POST', `/v1/sme-batches/${batchId}/notice/close`, province, {}),
      (r) => r.status !== 409, // the services re-read the moved clock file
    );
    expect(closed.status).toBe(200);
    for (const uscc of E) {
      const evaluation = await assessment.call('GET', `/v1/sme-evaluations/${uscc}/${year}`, ent(uscc));
      numbers.push(evaluation.body!.registrationNumber as string);
    }
    expect(numbers.every((n) => /^\d+$/.test(n))).toBe(true);

    // SmeEntered → the city's and the county's entry awards (each from its own funds), with the whole trace.
    const cityId = `tsme-entry-award.city-${numbers[0]}`;
    const award = await entitlement(cityId, ent(E[0]!));
    expect(award.body!.calculation).toMatchObject({
      policyId: 'tsme-entry-award/city',
      example: true,
      amount: 10_000 * YUAN,
      shares: { province: 0, city: 10_000 * YUAN, county: 0 },
      payers: { province: '410000', city: '410400', county: '410402' },
      budgetRule: { kind: 'pro-rata' },
    });
    expect((award.body!.explanation as string[]).length).toBeGreaterThan(2);
    const cityLedger = `city-410400-tsme-entry-award.city-${year}`;
    expect(
      (
        await call('POST', `/v1/ledgers/${cityLedger}/budget`, fin('410400'), {
          amount: 100_000 * YUAN,
          reference: '平财预〔2026〕8号',
        })
      ).status,
    ).toBe(200);
    const refused = await call('POST', `/v1/ledgers/${cityLedger}/approvals`, fin('410402'), {
      entitlementId: cityId,
    });
    expect({ status: refused.status, code: refused.body!.code }).toEqual({
      status: 403,
      code: 'finance.other-level',
    });
    expect(
      (await call('POST', `/v1/ledgers/${cityLedger}/approvals`, fin('410400'), { entitlementId: cityId }))
        .status,
    ).toBe(200);
    const paid = await call('POST', `/v1/ledgers/${cityLedger}/disbursements`, fin('410400'), {
      entitlementId: cityId,
      paymentRef: '平财付 2026-0001',
    });
    expect(paid.body!.budget).toMatchObject({ consumed: 10_000 * YUAN, disbursed: 10_000 * YUAN });
    const seen = await call('GET', `/v1/entitlements/${cityId}`, ent(E[0]!));
    expect((seen.body!.levels as Record<string, object>).city).toMatchObject({
      status: 'disbursed',
      paymentRef: '平财付 2026-0001',
    });
  }, 120_000);

  it('reduces the county round pro rata, exact to the fen, when its budget falls short', async () => {
    const countyLedger = `county-410402-tsme-entry-award.county-${year}`;
    for (const n of numbers) await entitlement(`tsme-entry-award.county-${n}`);
    await call('POST', `/v1/ledgers/${countyLedger}/budget`, fin('410402'), {
      amount: 20_000 * YUAN,
      reference: '新财预〔2026〕5号',
    });
    const queue = await call('GET', `/v1/ledgers/${countyLedger}/shares?status=pending`, fin('410402'));
    expect(queue.body!.total).toBe(3);
    const round = await call('POST', `/v1/ledgers/${countyLedger}/rounds`, fin('410402'), {});
    expect(round.status).toBe(200);
    // 2,000,000 fen over 3 × 1,000,000: ⌊2,000,000/3⌋ = 666,666 each, the 2 fen left to the two earliest ids.
    const approved = numbers.map(
      (n) =>
        (round.body!.shares as Record<string, { approved: number }>)[`tsme-entry-award.county-${n}`]!
          .approved,
    );
    expect(approved).toEqual([666_667, 666_667, 666_666]);
    expect(round.body!.budget).toMatchObject({ allocated: 2_000_000, consumed: 2_000_000, remaining: 0 });
    const pay = await call('POST', `/v1/ledgers/${countyLedger}/disbursements`, fin('410402'), {
      entitlementId: `tsme-entry-award.county-${numbers[0]}`,
      paymentRef: '新财付 2026-0001',
    });
    expect((pay.body!.budget as { disbursed: number }).disbursed).toBe(666_667);
  }, 60_000);

  it('awards an HNTE certificate at both levels and claws it back per level when cancelled', async () => {
    const cert = 'GR202641000777';
    await publishCertificationEvent('HnteCertified', 1, {
      uscc: E[0],
      certificateNumber: cert,
      field: 'electronic_information',
      issuedOn: assessment.clock.today(),
      validUntil: '2029-10-31',
      kind: 'first',
      latestYearRevenue: 30_000_000 * YUAN,
      countyCode: '410402',
      provinceCode: '410000',
      applicationId: null,
      ruleSetId: 'hnte-2016',
    });
    const ledgers = {
      city: `city-410400-hnte-award.city-${year}`,
      county: `county-410402-hnte-award.county-${year}`,
    };
    for (const [level, region] of [
      ['city', '410400'],
      ['county', '410402'],
    ] as const) {
      const id = `hnte-award.${level}-${cert}`;
      const award = await entitlement(id);
      // first certification, revenue ≤ 50,000,000 yuan: 150,000 yuan from each level (half of 300,000)
      expect(award.body!.calculation).toMatchObject({
        amount: 150_000 * YUAN,
        shares: { [level]: 150_000 * YUAN },
      });
      await call('POST', `/v1/ledgers/${ledgers[level]}/budget`, fin(region), {
        amount: 1_000_000 * YUAN,
        reference: `${level} HNTE 2026`,
      });
      expect(
        (await call('POST', `/v1/ledgers/${ledgers[level]}/approvals`, fin(region), { entitlementId: id }))
          .status,
      ).toBe(200);
      expect(
        (
          await call('POST', `/v1/ledgers/${ledgers[level]}/disbursements`, fin(region), {
            entitlementId: id,
            paymentRef: `${level}-HNTE-1`,
          })
        ).status,
      ).toBe(200);
    }
    await publishCertificationEvent('HnteCancelled', 2, {
      uscc: E[0],
      certificateNumber: cert,
      ground: 'application_fraud',
      effectiveFrom: `${year}-01-01`,
      effectiveYear: year,
      decidedOn: assessment.clock.today(),
      reason: '申报材料弄虚作假',
    });
    for (const [level, region] of [
      ['city', '410400'],
      ['county', '410402'],
    ] as const) {
      const ledger = await eventually(
        () => call('GET', `/v1/ledgers/${ledgers[level]}`, fin(region)),
        (r) => (r.body?.budget as { clawedBack?: number } | undefined)?.clawedBack === 150_000 * YUAN,
      );
      expect(ledger.body!.budget).toMatchObject({
        disbursed: 150_000 * YUAN,
        clawedBack: 150_000 * YUAN,
        recovered: 0,
      });
    }
    const back = await call('POST', `/v1/ledgers/${ledgers.city}/recoveries`, fin('410400'), {
      entitlementId: `hnte-award.city-${cert}`,
      amount: 150_000 * YUAN,
      reference: '缴回凭证 0001',
    });
    expect(back.body!.budget).toMatchObject({ recovered: 150_000 * YUAN });
  }, 60_000);

  it('splits the R&D subsidy province 50 % / city 20 % / county the rest; each level pays its own', async () => {
    const applied = await call('POST', '/v1/rd-subsidies', ent(E[1]!), {
      rdYear: 2025,
      acceptedRdExpense: 6_000_000 * YUAN,
      filingRef: '豫税加计〔2026〕0042',
      enterpriseTypes: ['tech-sme'],
    });
    expect(applied.status).toBe(201);
    const id = applied.body!.entitlementId as string;
    const verified = await call('POST', `/v1/entitlements/${id}/verification`, county, {
      outcome: 'verified',
      rdBudgetFiled: true,
      ipItemsLast3Years: 1,
      dishonest: false,
    });
    expect(verified.body!.calculation).toMatchObject({
      amount: 550_000 * YUAN,
      shares: { province: 275_000 * YUAN, city: 110_000 * YUAN, county: 165_000 * YUAN },
    });
    const ledger = `province-410000-rd-subsidy-${year}`;
    await call('POST', `/v1/ledgers/${ledger}/budget`, fin('410000'), {
      amount: 10_000_000 * YUAN,
      reference: '豫财科〔2026〕1号',
    });
    expect(
      (await call('POST', `/v1/ledgers/${ledger}/approvals`, fin('410000'), { entitlementId: id })).status,
    ).toBe(200);
    const paid = await call('POST', `/v1/ledgers/${ledger}/disbursements`, fin('410000'), {
      entitlementId: id,
      paymentRef: '豫财付 0001',
    });
    expect(paid.body!.budget).toMatchObject({ disbursed: 275_000 * YUAN });
  }, 60_000);

  it('answers a what-if over the history against a hand computation, writing nothing', async () => {
    const before = await call('GET', '/v1/entitlements?pageSize=1', fin('410000'));
    const r = await call('POST', '/v1/what-if', fin('410000'), {
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      overlay: { parameters: { 'tsme-entry-award/city': { amount: 20_000 * YUAN } } },
    });
    expect(r.status).toBe(200);
    // Three entries: the city award 3 × 10,000 yuan actually, 3 × 20,000 yuan under the overlay; the county award
    // unchanged (3 × 10,000); the HNTE award was calculated (2 × 150,000) though clawed back; the R&D subsidy's
    // fact date (2025-12-31) lies before the period.
    expect(r.body!.byPolicy).toMatchObject({
      'tsme-entry-award/city': {
        actual: { amount: 30_000 * YUAN, city: 30_000 * YUAN },
        simulated: { amount: 60_000 * YUAN, city: 60_000 * YUAN },
      },
      'tsme-entry-award/county': { actual: { amount: 30_000 * YUAN }, simulated: { amount: 30_000 * YUAN } },
    });
    expect(r.body!.total).toEqual({
      actual: { amount: 360_000 * YUAN, province: 0, city: 180_000 * YUAN, county: 180_000 * YUAN },
      simulated: { amount: 390_000 * YUAN, province: 0, city: 210_000 * YUAN, county: 180_000 * YUAN },
    });
    expect((r.body!.topChanges as Array<{ delta: number }>).map((c) => c.delta)).toEqual([
      1_000_000, 1_000_000, 1_000_000,
    ]);
    const after = await call('GET', '/v1/entitlements?pageSize=1', fin('410000'));
    expect(after.body!.total).toBe(before.body!.total);
  }, 30_000);
});
