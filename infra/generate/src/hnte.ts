import {
  applicationDecider,
  enterpriseHnteDecider,
  expertPoolDecider,
  poolSnapshot,
  registerDecider,
  batchView,
  type Application,
  type ApplicationPorts,
  type ApplicationState,
  type EnterpriseView,
} from '@peiyu/certification';
import {
  HNTE_FIELDS,
  hnteApplicationStreamId,
  hnteEnterpriseStreamId,
  hnteExpertPoolStreamId,
  hnteRegisterStreamId,
  type HnteApplicationForm,
  type HnteField,
} from '@peiyu/contracts';
import { addWorkingDays, HNTE_RULE_SETS } from '@peiyu/policy';
import { countyActor, enterpriseActor, provinceActor, type Actor, type Append } from './append';
import { DecidedStream } from './decide';
import { addDays, minDate, workingDays } from './dates';
import { enterpriseAppends } from './enterprise';
import type { EnterpriseSlot } from './fate';
import { Rng } from './rng';

/**
 * HNTE recognition (高新技术企业认定, hnte.md; 32号 and its guide 195号) of one province and year, driven
 * through the certification service's own deciders: two batches and the expert pool (set-up unit), each
 * county's applications from draft to the closed 公示 (one unit per county), then the certificate numbers
 * of the register and the certificates on the enterprises' HNTE records (one unit per province).
 * Rates: ≈ 1/3 of the year's tech-SME evaluations apply (tech-sme.md / hnte.md: 0.15–0.25 M applications
 * against ≈ 0.7 M evaluations); the outcomes follow from the deciders (pre-check of the eight conditions,
 * expert scores, objections).
 */
export const HNTE_APPLY_RATE = 1 / 3;
const RULE_SET = Object.keys(HNTE_RULE_SETS)[0]!;
const YUAN = 100;
const M = 1_000_000 * YUAN;

/** The two batches of a year: windows, the county's deadline, the day the province opens the 公示. */
export function batchesOf(province: string, year: number) {
  const p = province.slice(0, 2);
  return [
    {
      batchId: `${p}-${year}-1`,
      title: `${year}年第一批`,
      openedOn: `${year}-04-20`,
      applicationOpensOn: `${year}-05-06`,
      applicationClosesOn: `${year}-06-30`,
      recommendationDueOn: `${year}-07-15`,
      noticeOn: `${year}-08-24`,
    },
    {
      batchId: `${p}-${year}-2`,
      title: `${year}年第二批`,
      openedOn: `${year}-06-22`,
      applicationOpensOn: `${year}-07-01`,
      applicationClosesOn: `${year}-08-31`,
      recommendationDueOn: `${year}-09-15`,
      noticeOn: `${year}-10-26`,
    },
  ];
}

/** Technical experts per field and financial experts in the province's pool. */
export function poolSize(scale: string): { perField: number; financial: number } {
  return scale === 'city' ? { perField: 6, financial: 8 } : { perField: 20, financial: 24 };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const UNIS = ['郑州大学', '河南大学', '河南理工大学', '中国科学院', '华中科技大学', '武汉大学'];

/** The province's register (two batches opened) and expert pool, each a decided stream. */
export function hnteSetup(seed: number, year: number, province: string, scale: string, ids: Rng) {
  const r = new Rng(seed, `hnte-setup:${province}:${year}`);
  const admin: Actor = { role: 'admin', id: 'admin-hnte' };
  const register = new DecidedStream(hnteRegisterStreamId(province, year), registerDecider);
  for (const b of batchesOf(province, year)) {
    const { noticeOn: _n, openedOn, ...batch } = b;
    register.step(ids, openedOn, admin, {
      type: 'OpenHnteBatch',
      provinceCode: province,
      year,
      ruleSetId: RULE_SET,
      ...batch,
    });
  }
  const pool = new DecidedStream(hnteExpertPoolStreamId(province), expertPoolDecider);
  const { perField, financial } = poolSize(scale);
  const total = HNTE_FIELDS.length * perField + financial;
  let k = 0;
  // Enlisted through March, in order (a day per share of the pool).
  const enlist = (expertId: string, expertise: object, organisation: string) => {
    const on = addDays(`${year}-03-02`, Math.floor((k++ * 25) / total));
    pool.step(ids, on, provinceActor(province), {
      type: 'EnlistExpert',
      provinceCode: province,
      expertId,
      name: `${r.pick(SURNAMES)}专家${expertId.slice(-3)}`,
      organisation: { name: organisation, uscc: null },
      expertise: expertise as never,
      relations: [],
    });
  };
  HNTE_FIELDS.forEach((field, f) => {
    for (let i = 1; i <= perField; i++)
      enlist(
        `${province}-t${f}-${String(i).padStart(3, '0')}`,
        { kind: 'technical', fields: [field] },
        r.pick(UNIS),
      );
  });
  for (let i = 1; i <= financial; i++)
    enlist(
      `${province}-f-${String(i).padStart(3, '0')}`,
      { kind: 'financial' },
      `${r.pick(SURNAMES)}信会计师事务所`,
    );
  return { register, pool };
}

/** Whether an evaluating enterprise applies for HNTE this year, and to which batch. */
export function appliesTo(seed: number, year: number, slot: EnterpriseSlot): number | null {
  if (!slot.evaluates) return null;
  const r = new Rng(seed, `hnte-applies:${slot.uscc}:${year}`);
  if (!r.chance(HNTE_APPLY_RATE)) return null;
  return r.chance(0.6) ? 0 : 1;
}

/** The enterprise as the certification service's local view knows it (from the registry's events). */
export function enterpriseView(seed: number, registeredIn: number, slot: EnterpriseSlot): EnterpriseView {
  const appends = enterpriseAppends(seed, registeredIn, slot, new Rng(seed, 'view'));
  const reg = appends[0]!.events[0]!.data as { name: string; foundedOn: string; divisionCode: string };
  return {
    uscc: slot.uscc,
    name: reg.name,
    divisionCode: reg.divisionCode,
    foundedOn: reg.foundedOn,
    status: 'active',
  };
}

/**
 * An HNTE application form: sales 15–400 M yuan (log-uniform), growing; R&D 4–9 % of sales, high-tech
 * revenue 58–95 %, tech staff 8–35 %: some miss a condition (the pre-check records which, the review fails).
 */
export function hnteForm(r: Rng, uscc: string, year: number, field: HnteField): HnteApplicationForm {
  const sales = r.logInt(15, 400);
  const growth = 1.02 + r.float() * 0.3;
  const rd = 0.04 + r.float() * 0.05;
  const highTech = 0.58 + r.float() * 0.37;
  const fy = (k: number, conversions: number) => {
    const s = Math.round((sales / growth ** (2 - k)) * M);
    return {
      year: year - 3 + k,
      salesRevenue: s,
      totalRevenue: Math.round(s * 1.04),
      cost: Math.round(s * 0.72),
      rdExpenseDomestic: Math.round(s * rd),
      rdExpenseAbroad: 0,
      totalAssets: Math.round(s * (1.1 + 0.1 * k)),
      liabilities: Math.round(s * 0.5),
      highTechRevenue: Math.round(s * highTech),
      conversions,
    };
  };
  const employees = r.logInt(30, 800);
  const classI = r.int(0, 4);
  const ipItems = [
    ...Array.from({ length: classI }, (_, i) => ({
      kind: 'invention_patent' as const,
      number: `ZL${year - 4 + i}1${uscc}.${i}`,
      ipClass: 'I' as const,
      acquiredBy: 'own_rd' as const,
      inForce: true,
      coreSupport: true,
    })),
    ...Array.from({ length: classI > 0 ? r.int(1, 5) : r.int(3, 8) }, (_, i) => ({
      kind: r.pick(['utility_model', 'software_copyright'] as const),
      number: `ZL${year - 3}2${uscc}.${i}`,
      ipClass: 'II' as const,
      acquiredBy: 'own_rd' as const,
      inForce: true,
      coreSupport: true,
    })),
  ];
  return {
    financials: [fy(0, r.int(3, 8)), fy(1, r.int(3, 10)), fy(2, r.int(4, 12))],
    employees,
    techStaff: Math.max(1, Math.round(employees * (0.08 + r.float() * 0.27))),
    ipItems,
    rdProjects: [
      {
        code: `RD${year - 1}-01`,
        title: '核心技术研发项目',
        budget: Math.round(sales * rd * M * 0.4),
        year: year - 1,
      },
    ],
    field,
    selfStatement: '研发组织管理制度健全，设有研发中心，建立了成果转化激励制度。',
    auditReports: [`audit/${uscc}/${year - 1}/rd.pdf`, `audit/${uscc}/${year - 1}/high-tech-revenue.pdf`],
    majorIncidentLastYear: r.chance(0.005),
  };
}

type Ranges = Record<string, { min: number; max: number; manualReview: boolean }>;

/** An expert's sheet within the ranges the pre-check derived: a strong file scores high, a weak one low. */
function sheetFor(r: Rng, role: 'technical' | 'financial', ranges: Ranges, strong: boolean) {
  const pick = (g: { min: number; max: number; manualReview?: boolean }, max: number) =>
    g.manualReview
      ? strong
        ? r.int(Math.floor(max / 2), max)
        : r.int(0, Math.floor(max / 2))
      : strong
        ? g.max
        : r.int(g.min, g.max);
  const item = (max: number) => (strong ? r.int(max - 2, max) : r.int(0, Math.ceil(max / 2)));
  if (role === 'financial')
    return {
      role,
      netAssetGrowth: pick(ranges.netAssetGrowth!, 10),
      salesGrowth: pick(ranges.salesGrowth!, 10),
    };
  return {
    role,
    ip: {
      advancement: item(7),
      coreSupport: item(7),
      quantity: pick(ranges.ipQuantity!, 8),
      acquisition: pick(ranges.ipAcquisition!, 6),
      bonus: r.int(0, 1),
    },
    conversion: pick(ranges.conversion!, 30),
    organisation: { management: item(5), institution: item(4), incentives: item(4), training: item(3) },
  };
}

export interface ProvinceHnte {
  ports: ApplicationPorts;
  setup: ReturnType<typeof hnteSetup>;
}

/** The lookups the application decider reads, as the certification service's views hold them. */
export function hntePorts(
  setup: ReturnType<typeof hnteSetup>,
  enterprise: (uscc: string) => EnterpriseView | null,
): ApplicationPorts {
  const snapshot = poolSnapshot(setup.pool.state, setup.pool.streamId);
  return {
    batch: (batchId) => batchView(setup.register.state, batchId),
    enterprise,
    cancellations: () => [],
    // Item numbers carry the enterprise's USCC and an enterprise applies once a year: no other application
    // claims them (decided.unit.test.ts decides every submission again against the stored claims).
    ipClaims: () => [],
    expertPool: () => snapshot,
    addWorkingDays: (date, n) => {
      const d = addWorkingDays(date, n);
      return { date: d.date, provisional: d.provisional };
    },
  };
}

export interface ApplicationOutcome {
  application: Application;
  closedOn: string;
}

/**
 * One application stream, command by command: draft (20 % edited), 2 % left as drafts and 2 % withdrawn
 * as drafts; submission; the county returns 10 % (resubmitted), declines 3 %, 2 % are withdrawn, the rest
 * recommended by the batch's deadline; a panel drawn, every member's sheet (85 % of files strong), the
 * review concluded; the passed in the batch's 公示 (10 working days), 2 % objected (40 % upheld), closed.
 */
export function applicationFlow(
  seed: number,
  year: number,
  slot: EnterpriseSlot,
  batchIndex: number,
  ports: ApplicationPorts,
  ids: Rng,
): { appends: Append[]; approved: ApplicationOutcome | null } {
  const r = new Rng(seed, `hnte:${slot.uscc}:${year}`);
  const b = batchesOf(slot.county.provinceCode, year)[batchIndex]!;
  const uscc = slot.uscc;
  const self = enterpriseActor(uscc);
  const county = countyActor(slot.county.code);
  const province = provinceActor(slot.county.provinceCode);
  const s = new DecidedStream<
    ApplicationState,
    Parameters<ReturnType<typeof applicationDecider>['decide']>[0],
    never
  >(hnteApplicationStreamId(b.batchId, uscc), applicationDecider(ports) as never);
  const applicationId = `${b.batchId}-${uscc}`;
  const windowDays = (Date.parse(b.applicationClosesOn) - Date.parse(b.applicationOpensOn)) / 86_400_000;
  const draftedOn = addDays(b.applicationOpensOn, r.int(0, windowDays - 8));
  const field = r.pick(HNTE_FIELDS);
  const form = hnteForm(r, uscc, year, field);
  s.step(ids, draftedOn, self, {
    type: 'DraftHnteApplication',
    applicationId,
    batchId: b.batchId,
    uscc,
    form,
  });
  let day = draftedOn;
  if (r.chance(0.2)) {
    day = addDays(day, r.int(0, 3));
    const edited = { ...form, employees: form.employees + r.int(1, 5) };
    s.step(ids, day, self, { type: 'EditHnteApplication', form: edited });
  }
  const roll = r.float();
  if (roll < 0.02) return { appends: s.appends, approved: null };
  if (roll < 0.04) {
    s.step(ids, addDays(day, r.int(1, 5)), self, {
      type: 'WithdrawHnteApplication',
      reason: '企业决定暂不申报',
    });
    return { appends: s.appends, approved: null };
  }
  day = addDays(day, r.int(1, 4));
  s.step(ids, day, self, { type: 'SubmitHnteApplication' });
  const due = b.recommendationDueOn;
  let countyDay = minDate(workingDays(day, r.int(1, 8)), due);
  if (r.chance(0.1)) {
    s.step(ids, countyDay, county, {
      type: 'ReturnHnteApplication',
      items: [{ section: 'financials', comment: '研发费用归集与专项审计报告不一致，请更正' }],
    });
    day = minDate(addDays(countyDay, r.int(2, 7)), due);
    s.step(ids, day, self, { type: 'ResubmitHnteApplication' });
    countyDay = minDate(workingDays(day, r.int(1, 4)), due);
  }
  const fate = r.float();
  if (fate < 0.03) {
    s.step(ids, countyDay, county, { type: 'DeclineHnteApplication', reason: '近一年发生重大安全事故' });
    return { appends: s.appends, approved: null };
  }
  if (fate < 0.05) {
    s.step(ids, countyDay, self, { type: 'WithdrawHnteApplication', reason: '企业决定下一批次再申报' });
    return { appends: s.appends, approved: null };
  }
  s.step(ids, countyDay, county, { type: 'RecommendHnteApplication', comment: '材料齐全，同意推荐' });
  const drawnOn = addDays(due, r.int(1, 10));
  const seedHex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16)).join('');
  s.step(ids, drawnOn, province, { type: 'DrawPanel', seed: seedHex });
  const a = s.state!;
  const ranges = a.submission!.precheck.ranges as unknown as Ranges;
  const strong = r.chance(0.85);
  let last = drawnOn;
  for (const m of a.panel!.members) {
    const on = addDays(drawnOn, r.int(3, 15));
    if (on > last) last = on;
    s.step(
      ids,
      on,
      { role: 'expert', id: m.expertId },
      {
        type: 'RecordExpertScore',
        expertId: m.expertId,
        sheet: sheetFor(r, m.role, ranges, strong) as never,
      },
    );
  }
  s.step(ids, addDays(last, r.int(1, 3)), province, { type: 'ConcludeReview' });
  if (s.state!.status !== 'review_passed') return { appends: s.appends, approved: null };
  const opened = s.step(ids, b.noticeOn, province, {
    type: 'OpenPublicNotice',
    noticeId: `${b.batchId}-notice-1`,
  });
  const endsOn = (opened[0] as unknown as { data: { endsOn: string } }).data.endsOn;
  if (r.chance(0.02)) {
    const objectionId = `${applicationId}-o1`;
    const lodgedOn = workingDays(b.noticeOn, r.int(1, 8));
    s.step(ids, lodgedOn, province, {
      type: 'LodgeObjection',
      objectionId,
      objectorName: `${r.pick(SURNAMES)}某某`,
      statementRef: `objections/${applicationId}.pdf`,
      summary: '知识产权权属存在争议',
    });
    const upheld = r.chance(0.4);
    s.step(ids, minDate(addDays(lodgedOn, r.int(1, 5)), endsOn), province, {
      type: 'ResolveObjection',
      objectionId,
      outcome: upheld ? 'upheld' : 'dismissed',
      finding: upheld ? '经核实，知识产权权属存在争议' : '经核实，异议不成立',
    });
  }
  const closedOn = workingDays(endsOn, 1);
  s.step(ids, closedOn, province, { type: 'ClosePublicNotice' });
  const final = s.state!;
  return {
    appends: s.appends,
    approved: final.status === 'approved' ? { application: final, closedOn } : null,
  };
}

/**
 * The province's certificates, in the order the province certifies them (by the day the 公示 closed, then
 * USCC): each takes the register's next serial (AssignCertificateNumber) and is issued on the enterprise's
 * HNTE record (CertifyHnte) 3 working days after the close.
 */
export function certificateAppends(
  year: number,
  province: string,
  approved: ApplicationOutcome[],
  setup: ReturnType<typeof hnteSetup>,
  ids: Rng,
): Append[] {
  const register = new DecidedStream(
    setup.register.streamId,
    registerDecider,
    setup.register.state,
    setup.register.version,
  );
  const actor = provinceActor(province);
  const out: Append[] = [];
  const sorted = [...approved].sort(
    (x, y) => x.closedOn.localeCompare(y.closedOn) || x.application.uscc.localeCompare(y.application.uscc),
  );
  for (const { application: a, closedOn } of sorted) {
    const on = workingDays(closedOn, 3);
    const [assigned] = register.step(ids, on, actor, {
      type: 'AssignCertificateNumber',
      provinceCode: province,
      year,
      uscc: a.uscc,
      applicationId: a.applicationId,
    });
    const number = (assigned as { data: { certificateNumber: string } }).data.certificateNumber;
    const ports = {
      application: (id: string) => (id === a.applicationId ? a : null),
      enterpriseName: () => null,
    };
    const record = new DecidedStream(hnteEnterpriseStreamId(a.uscc), enterpriseHnteDecider(ports));
    record.step(ids, on, actor, {
      type: 'CertifyHnte',
      uscc: a.uscc,
      applicationId: a.applicationId,
      certificateNumber: number,
    });
    out.push(...record.appends);
  }
  return [...register.appends, ...out];
}
