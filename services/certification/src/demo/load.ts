import {
  advanceSharedClock,
  clockForMode,
  defaultClockFile,
  defaultKeyDir,
  loadDevKeys,
  peiyuMode,
  signLocalToken,
  type Principal,
} from '@peiyu/service-kit';
import { HNTE_FIELDS } from '@peiyu/contracts';
import { demoForm, demoSlots, stepsOf, type DemoSlot } from './plan';

/**
 * `npm start -- --demo` (after the registry's and assessment's loaders): 岳阳's first batch by county with the
 * seed's figures (plan.ts), in every state of the workflow, through the public APIs, each step by the role that
 * takes it. The enterprises are registered in the registry (REGISTRY_URL, default its manifest port 4001) and
 * reach certification through Kafka. The batch is opened in the stack's current year: a 2022 window can no
 * longer be opened on today's clock (the decider refuses a batch whose window has closed). Certifying needs a
 * closed 公示, so the demo moves the shared clock past the latest 公示's last day (the movable clock exists for
 * this) and says so.
 * Slots that already exist are left alone, so a re-run is harmless.
 */
const base = process.env.SERVICE_URL;
const registryUrl = process.env.REGISTRY_URL ?? 'http://127.0.0.1:4001';
const clock = clockForMode(peiyuMode());
const keysReady = loadDevKeys(defaultKeyDir());
const PROVINCE = '430000';

type Who = Omit<Principal, 'sub'> & { sub?: string };
const admin: Who = { role: 'admin' };
const province: Who = { role: 'province_reviewer', region: PROVINCE };
const county = (region: string): Who => ({ role: 'county_reviewer', region });
const enterprise = (s: DemoSlot): Who => ({ role: 'enterprise', region: s.countyCode, uscc: s.uscc });
const expert = (sub: string): Who => ({ role: 'expert', sub });

async function call(url: string, method: string, path: string, who: Who, body?: unknown) {
  const token = await signLocalToken(await keysReady, {
    principal: { sub: `demo-${who.role}-${who.region ?? ''}${who.uscc ?? ''}`, ...who } as Principal,
    clock,
    ttlMs: 10 * 60_000,
  });
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function must(method: string, path: string, who: Who, body?: unknown) {
  const r = await call(base!, method, path, who, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const FIELDS = HNTE_FIELDS.slice(0, 4);
const technicalIds = (field: string) => [1, 2, 3, 4].map((k) => `yy-${field}-${k}`);

async function registerEnterprises(slots: DemoSlot[]): Promise<void> {
  for (const s of slots) {
    const r = await call(registryUrl, 'POST', '/v1/enterprises', county(s.countyCode), {
      uscc: s.uscc,
      name: s.name,
      countyCode: s.countyCode,
      foundedOn: '2015-03-01',
      hnteField: s.field,
      contact: {
        name: '王经理',
        phone: `0730-${String(3000000 + s.serial).padStart(7, '0')}`,
        email: `hnte${s.serial}@example.cn`,
      },
    });
    if (r.status !== 201 && r.status !== 409)
      throw new Error(`registry: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
}

async function setUp(batchId: string, year: number): Promise<void> {
  const opened = await call(base!, 'POST', '/v1/hnte-batches', admin, {
    batchId,
    provinceCode: PROVINCE,
    year,
    title: `${year}年第一批（演示：岳阳2022年第一批各县区申报数）`,
    applicationOpensOn: clock.today(),
    applicationClosesOn: `${year}-12-31` > clock.today() ? `${year}-12-31` : clock.today(),
    recommendationDueOn: `${year + 1}-01-31`,
  });
  if (opened.status !== 201 && opened.status !== 409)
    throw new Error(`batch: ${JSON.stringify(opened.body)}`);
  const enlist = async (expertId: string, expertise: object, organisation: string) => {
    const r = await call(base!, 'POST', `/v1/hnte-expert-pools/${PROVINCE}/experts`, province, {
      expertId,
      name: `演示专家${expertId.slice(-1)}`,
      organisation: { name: organisation, uscc: null },
      expertise,
    });
    if (r.status !== 201 && r.status !== 409) throw new Error(`expert: ${JSON.stringify(r.body)}`);
  };
  for (const field of FIELDS)
    for (const id of technicalIds(field))
      await enlist(id, { kind: 'technical', fields: [field] }, '湖南大学');
  for (const id of ['yy-financial-1', 'yy-financial-2'])
    await enlist(id, { kind: 'financial' }, '某会计师事务所');
}

type Ranges = Record<string, { min: number; max: number; manualReview?: boolean }>;

function sheet(role: string, ranges: Ranges, pass: boolean) {
  const pick = (r: { min: number; max: number; manualReview?: boolean }, max: number) =>
    r.manualReview ? (pass ? max : 0) : pass ? r.max : r.min;
  if (role === 'financial')
    return {
      role,
      netAssetGrowth: pick(ranges.netAssetGrowth!, 10),
      salesGrowth: pick(ranges.salesGrowth!, 10),
    };
  const high = (n: number) => (pass ? n : 0);
  return {
    role,
    ip: {
      advancement: high(7),
      coreSupport: high(7),
      quantity: pick(ranges.ipQuantity!, 8),
      acquisition: pick(ranges.ipAcquisition!, 6),
      bonus: high(1),
    },
    conversion: pick(ranges.conversion!, 30),
    organisation: { management: high(5), institution: high(4), incentives: high(4), training: high(3) },
  };
}

/** Draft (retried until the registry's event has reached certification) and the steps before the 公示. */
async function prepare(s: DemoSlot, batchId: string, year: number): Promise<boolean> {
  const path = `/v1/hnte-applications/${batchId}/${s.uscc}`;
  if ((await call(base!, 'GET', path, enterprise(s))).status === 200) return false;
  for (let i = 0; ; i++) {
    const r = await call(base!, 'POST', '/v1/hnte-applications', enterprise(s), {
      batchId,
      form: demoForm(s, year),
    });
    if (r.status === 201) break;
    if (r.status !== 404 || i > 200)
      throw new Error(`draft ${s.uscc}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    await sleep(300); // the enterprise is still on its way from the registry (Kafka)
  }
  let ranges: Ranges = {};
  let members: Array<{ expertId: string; role: string }> = [];
  for (const step of stepsOf(s.target)) {
    if (step === 'submit') {
      const b = await must('POST', `${path}/submit`, enterprise(s), {});
      ranges = (b.submission as { precheck: { ranges: Ranges } }).precheck.ranges;
    }
    if (step === 'return')
      await must('POST', `${path}/return`, county(s.countyCode), {
        items: [{ section: 'financials', comment: '研发费用归集与专项审计报告不一致，请更正' }],
      });
    if (step === 'decline')
      await must('POST', `${path}/decline`, county(s.countyCode), { reason: '近一年发生重大安全事故' });
    if (step === 'withdraw')
      await must('POST', `${path}/withdraw`, enterprise(s), { reason: '企业决定下一批次再申报' });
    if (step === 'recommend')
      await must('POST', `${path}/recommend`, county(s.countyCode), { comment: '材料齐全，同意推荐' });
    if (step === 'panel') {
      const b = await must('POST', `${path}/panel`, province, {});
      members = (b.panel as { members: typeof members }).members;
    }
    if (step === 'score_pass' || step === 'score_fail')
      for (const m of members)
        await must('POST', `${path}/scores`, expert(m.expertId), {
          sheet: sheet(m.role, ranges, step === 'score_pass'),
        });
    if (step === 'conclude') await must('POST', `${path}/review/conclude`, province, {});
  }
  return true;
}

async function main(): Promise<void> {
  if (!base) throw new Error('SERVICE_URL is required');
  const year = Number(clock.today().slice(0, 4));
  const batchId = `43-${year}-1`;
  const slots = demoSlots();
  await registerEnterprises(slots);
  await setUp(batchId, year);
  const created: DemoSlot[] = [];
  for (const s of slots) if (await prepare(s, batchId, year)) created.push(s);
  const path = (s: DemoSlot) => `/v1/hnte-applications/${batchId}/${s.uscc}`;
  const toDecide = created.filter((s) => s.target === 'certified' || s.target === 'rejected');
  // The 公示's last day, as each open answered (10 working days: holidays decide it, not a fixed span).
  let lastNoticeDay = clock.today();
  for (const s of toDecide) {
    const opened = await must('POST', `${path(s)}/notice/open`, province, {});
    const endsOn = (opened.notice as { endsOn: string }).endsOn;
    if (endsOn > lastNoticeDay) lastNoticeDay = endsOn;
  }
  for (const s of created.filter((x) => x.target === 'rejected')) {
    const b = await must('POST', `${path(s)}/objections`, province, {
      objectorName: '张某某',
      statementRef: `objections/${s.uscc}.pdf`,
      summary: '知识产权权属存在争议',
    });
    const [id] = Object.keys((b.notice as { objections: object }).objections);
    await must('POST', `${path(s)}/objections/${id}/resolve`, province, {
      outcome: 'upheld',
      finding: '经核实，知识产权权属存在争议',
    });
  }
  if (toDecide.length > 0) {
    // A 公示 closes only after its last day: move to the day after the latest one, and say so.
    const days = daysBetween(clock.today(), lastNoticeDay) + 1;
    console.log(`demo: moving the shared clock ${days} days, past the 公示's last day ${lastNoticeDay}`);
    advanceSharedClock(defaultClockFile(), days * 86_400_000);
    for (const s of toDecide) {
      for (let i = 0; ; i++) {
        const r = await call(base, 'POST', `${path(s)}/notice/close`, province, {});
        if (r.status === 200) break;
        if (i > 100) throw new Error(`close ${s.uscc}: ${JSON.stringify(r.body)}`);
        await sleep(200); // the service re-reads the moved clock
      }
      if (s.target === 'certified') await must('POST', `${path(s)}/certify`, province, {});
    }
  }
  for (const s of created.filter((x) => x.target === 'in_notice'))
    await must('POST', `${path(s)}/notice/open`, province, {});
  console.log(
    `demo: ${created.length} HNTE applications in batch ${batchId} (${slots.length - created.length} already there)`,
  );
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

main().catch((err: Error) => {
  console.error(`certification demo: ${err.message}`);
  process.exit(1);
});
