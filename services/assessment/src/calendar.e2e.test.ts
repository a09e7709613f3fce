import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '@peiyu/local';
import { useStackSuite } from '@peiyu/local/src/test-support/stack-suite';
import { exampleUscc } from '@peiyu/policy';
import { advanceSharedClock } from '@peiyu/service-kit';
import { goodForm } from './domain/test-support/fixtures';

// The newcomer's walk of issue 11: the local stack, the clock moved 40 days (into 2027, a year without the
// official arrangement), an enterprise submits and the province opens a 公示 — both succeed, flagged
// provisional — then `npm run calendar -- publish 2027 --file …` (the real CLI) publishes the year and every
// open provisional deadline moves later, through Kafka, without a restart.
// The local stack as `npm start` runs it, each service as its own process, driven over HTTP like any client.
const repoRoot = join(__dirname, '..', '..', '..');
const suite = useStackSuite({
  name: 'calendar',
  startAt: '2026-11-30T09:00:00+08:00',
  only: ['registry', 'assessment'],
});
const registry = suite.client('registry');
const assessment = suite.client('assessment');
const call = assessment.call;
const E1 = exampleUscc('410402', 9301);
const E2 = exampleUscc('410402', 9302);
const county = { role: 'county_reviewer' as const, region: '410402' };
const province = { role: 'province_reviewer' as const, region: '410000' };
const ent = (uscc: string) => ({ role: 'enterprise' as const, region: '410402', uscc });
const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'].map(
  (item) => ({ item, passed: true }),
);

beforeAll(async () => {
  for (const [uscc, name] of [
    [E1, '平顶山市新华区日历示例一有限公司'],
    [E2, '平顶山市新华区日历示例二有限公司'],
  ] as const) {
    const r = await registry.call('POST', '/v1/enterprises', county, {
      uscc,
      name,
      countyCode: '410402',
      foundedOn: '2018-06-01',
      contact: { name: '张三', phone: '0375-1234567', email: 'zhang.san@example.cn' },
    });
    expect(r.status).toBe(201);
  }
}, 90_000);

async function submit(uscc: string, year: number) {
  const drafted = await eventually(
    () => call('POST', '/v1/sme-evaluations', ent(uscc), { year, form: goodForm }),
    (x) => x.status !== 404,
  );
  expect(drafted.status).toBe(201);
  const submitted = await call('POST', `/v1/sme-evaluations/${uscc}/${year}/submit`, ent(uscc), {});
  expect(submitted.status).toBe(200);
  return submitted.body!;
}

describe('the working-day calendar through the stack (issue 11 §1)', () => {
  it('flags provisional deadlines in 2027 and moves them later when the arrangement is published', async () => {
    advanceSharedClock(suite.clockFile, '40d'); // as `npm run clock -- --advance 40d`
    const today = assessment.clock.today();
    expect(today).toBe('2027-01-09');
    // 2027 has no official data: both deadlines are counted provisionally, and say so.
    const e1 = await eventually(
      () => submit(E1, 2027),
      (b) => b.submittedOn === today, // the service re-reads the moved clock file
    );
    expect(e1).toMatchObject({ status: 'submitted', dueOn: '2027-01-15', dueOnProvisional: true });
    const e2 = await submit(E2, 2027);
    const ev2 = e2.evaluationId as string;
    expect(
      (await call('POST', `/v1/sme-evaluations/${E2}/2027/formal-review`, county, { checklist: PASS }))
        .status,
    ).toBe(200);
    const batch = await call('POST', '/v1/sme-batches', province, { year: 2027, evaluationIds: [ev2] });
    expect(batch.status).toBe(201);
    const batchId = batch.body!.batchId as string;
    const opened = await call('POST', `/v1/sme-batches/${batchId}/notice/open`, province, {});
    expect(opened.status).toBe(200);
    expect(opened.body!.notice).toMatchObject({ openedOn: today, endsOn: '2027-01-22', provisional: true });

    // The admin publishes 2027 with the CLI; Tuesday 12 January off moves both deadlines one working day.
    const file = join(suite.home, 'arrangement-2027.json');
    const arrangement = { holidays: ['2027-01-01', '2027-01-12'], workdays: [], reference: 'EXAMPLE (test)' };
    writeFileSync(file, JSON.stringify({ _comment: 'test arrangement', year: 2027, ...arrangement }));
    const cli = join(repoRoot, 'packages', 'service-kit', 'dist', 'cli', 'calendar.js');
    const env = { ...process.env, PEIYU_HOME: suite.home, PEIYU_MODE: 'local' };
    const out = await promisify(execFile)(
      process.execPath,
      [cli, 'publish', '2027', '--file', file, '--url', suite.url('registry')],
      { env },
    );
    expect(out.stdout).toMatch(/2027: published/);

    const moved = await eventually(
      () => call('GET', `/v1/sme-evaluations/${E1}/2027`, county),
      (r) => r.body?.dueOn !== '2027-01-15',
    );
    expect(moved.body).toMatchObject({ dueOn: '2027-01-18', dueOnProvisional: false });
    const notice = await eventually(
      () => call('GET', `/v1/sme-batches/${batchId}`, province),
      (r) => (r.body?.notice as { endsOn?: string } | undefined)?.endsOn !== '2027-01-22',
    );
    expect(notice.body!.notice).toMatchObject({ endsOn: '2027-01-25', provisional: false });
    // A deadline counted now uses the published days and is not provisional.
    const shown = await registry.call('GET', '/v1/calendars/2027', county);
    expect(shown.body).toMatchObject({ source: 'published', provisional: false });
  }, 120_000);
});
