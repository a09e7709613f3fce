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
import type { EnterpriseView, EvaluationStatus } from '../domain';
import { countySteps, demoForm, planCounty, type Slot } from './plan';

/**
 * `npm start -- --demo`: fills every demo county (the registry's demo enterprises, as they reached assessment
 * through Kafka) with evaluations in every status, through the public API, each step by the role that takes it.
 * Entering needs a closed public notice, so the demo moves the stack's shared clock to the day after the notice's last day
 * (the movable clock exists for this) and says so. Slots that already exist are left alone, so a re-run is
 * harmless.
 */
const PROVINCES = ['410000', '430000'];
const PASS = ['form_complete', 'consistent_with_evidence', 'signed_and_sealed', 'no_other_problem'];

const base = process.env.SERVICE_URL;
const clock = clockForMode(peiyuMode());
const keysReady = loadDevKeys(defaultKeyDir());

type Who = Omit<Principal, 'sub'>;
const admin: Who = { role: 'admin' };
const county = (region: string): Who => ({ role: 'county_reviewer', region });
const province = (region: string): Who => ({ role: 'province_reviewer', region });
const enterprise = (s: Slot): Who => ({ role: 'enterprise', region: s.countyCode, uscc: s.uscc });

async function call(method: string, path: string, who: Who, body?: unknown) {
  const token = await signLocalToken(await keysReady, {
    principal: { sub: `demo-${who.role}-${who.region ?? ''}${who.uscc ?? ''}`, ...who } as Principal,
    clock,
    ttlMs: 10 * 60_000,
  });
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function must(method: string, path: string, who: Who, body?: unknown) {
  const r = await call(method, path, who, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** The registry's demo runs first, but its events reach assessment through Kafka: wait until the count settles. */
type Listed = Pick<EnterpriseView, 'uscc' | 'name'> & { countyCode: string };

/** Every item of a paginated list (the one envelope: page, pageSize, total, items). */
async function everyItem(path: string): Promise<Listed[]> {
  const out: Listed[] = [];
  for (let page = 1; ; page++) {
    const r = await must('GET', `${path}&page=${page}&pageSize=100`, admin);
    out.push(...(r.items as Listed[]));
    if (out.length >= (r.total as number) || (r.items as unknown[]).length === 0) return out;
  }
}

async function enterprises(): Promise<Listed[]> {
  let last = -1;
  for (let i = 0; i < 120; i++) {
    const lists = await Promise.all(PROVINCES.map((p) => everyItem(`/v1/sme-enterprises?region=${p}`)));
    const all = lists.flat();
    if (all.length > 0 && all.length === last) return all;
    last = all.length;
    await sleep(1000);
  }
  throw new Error('no demo enterprises reached assessment within 2 minutes (did the registry demo run?)');
}

async function runCountySteps(s: Slot, evaluationPath: string): Promise<void> {
  for (const step of countySteps(s.target)) {
    if (step === 'submit') await must('POST', `${evaluationPath}/submit`, enterprise(s), {});
    if (step === 'withdraw')
      await must('POST', `${evaluationPath}/withdraw`, enterprise(s), { reason: '企业决定暂不申报' });
    if (step === 'pass' || step === 'return') {
      const checklist = PASS.map((item) =>
        step === 'return' && item === 'consistent_with_evidence'
          ? { item, passed: false, comment: '研发费用与佐证材料不一致，请补充专项审计报告' }
          : { item, passed: true },
      );
      await must('POST', `${evaluationPath}/formal-review`, county(s.countyCode), { checklist });
    }
  }
}

/** Creates the slot's evaluation and takes it through the county; returns its id, or null if it existed. */
async function prepare(s: Slot, seed: number): Promise<string | null> {
  const path = `/v1/sme-evaluations/${s.uscc}/${s.year}`;
  if ((await call('GET', path, enterprise(s))).status === 200) return null;
  const drafted = await must('POST', '/v1/sme-evaluations', enterprise(s), {
    year: s.year,
    form: demoForm(seed),
  });
  await runCountySteps(s, path);
  return drafted.evaluationId as string;
}

async function openBatch(provinceCode: string, year: number, ids: string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const batch = await must('POST', '/v1/sme-batches', province(provinceCode), { year, evaluationIds: ids });
  const id = batch.batchId as string;
  await must('POST', `/v1/sme-batches/${id}/notice/open`, province(provinceCode), {});
  return id;
}

async function main(): Promise<void> {
  if (!base) throw new Error('SERVICE_URL is required');
  const year = Number(clock.today().slice(0, 4));
  const byCounty = new Map<string, string[]>();
  for (const e of await enterprises())
    byCounty.set(e.countyCode, [...(byCounty.get(e.countyCode) ?? []), e.uscc]);
  const created: Array<Slot & { evaluationId: string }> = [];
  let existing = 0;
  let seed = 0;
  for (const [code, usccs] of [...byCounty].sort()) {
    for (const slot of planCounty(usccs, code, year)) {
      const id = await prepare(slot, seed++);
      if (id) created.push({ ...slot, evaluationId: id });
      else existing++;
    }
  }
  // Province part: one batch per (province, year, purpose), as a provincial office would form them.
  const toClose: Array<{ provinceCode: string; batchId: string }> = [];
  const toRevoke: Slot[] = [];
  for (const p of PROVINCES) {
    const mine = (t: EvaluationStatus) =>
      created.filter((s) => s.target === t && s.countyCode.startsWith(p.slice(0, 2)));
    for (const t of ['batched', 'rejected', 'entered', 'revoked'] as const) {
      const years = [...new Set(mine(t).map((s) => s.year))];
      for (const y of years) {
        const items = mine(t).filter((s) => s.year === y);
        const batchId = await openBatch(
          p,
          y,
          items.map((s) => s.evaluationId),
        );
        if (!batchId) continue;
        if (t === 'rejected') {
          for (const s of items) {
            const o = await must('POST', `/v1/sme-batches/${batchId}/objections`, province(p), {
              evaluationId: s.evaluationId,
              summary: '群众举报：科技人员数与社保缴纳记录不符',
            });
            await must(
              'POST',
              `/v1/sme-batches/${batchId}/objections/${String(o.objectionId)}/resolve`,
              province(p),
              {
                outcome: 'upheld',
                finding: '经核查举报属实，不予入库',
              },
            );
          }
        }
        if (t === 'entered' || t === 'revoked') toClose.push({ provinceCode: p, batchId });
        if (t === 'revoked') toRevoke.push(...items);
      }
    }
  }
  if (toClose.length > 0) {
    const first = await must('GET', `/v1/sme-batches/${toClose[0]!.batchId}`, admin);
    const endsOn = (first.notice as { endsOn: string }).endsOn;
    // A 公示 closes only after its last day (objections run through it): move to the day after endsOn.
    const days = Math.round((Date.parse(endsOn) - Date.parse(clock.today())) / 86_400_000) + 1;
    if (days > 0) {
      advanceSharedClock(defaultClockFile(), days * 86_400_000);
      console.log(
        `assessment demo: moved the shared clock ${days} days forward, past the notice's last day ${endsOn}, to close public notices`,
      );
      await sleep(500);
    }
    for (const b of toClose)
      await must('POST', `/v1/sme-batches/${b.batchId}/notice/close`, province(b.provinceCode), {});
    for (const s of toRevoke) {
      await must(
        'POST',
        `/v1/sme-evaluations/${s.uscc}/${s.year}/revoke`,
        province(`${s.countyCode.slice(0, 2)}0000`),
        {
          ground: 'failed_spot_check',
          reason: '抽查发现研发投入核算不实',
        },
      );
    }
  }
  console.log(
    `assessment demo: ${created.length} evaluations created in ${byCounty.size} counties, ${existing} already present`,
  );
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
