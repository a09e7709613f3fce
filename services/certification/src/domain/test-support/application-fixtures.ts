import type { HnteApplicationForm } from '@peiyu/contracts';
import { fold, type DecisionContext } from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import { applicationDecider, type ApplicationCommand } from '../application';
import type { ApplicationEvent } from '../events';
import type { PoolExpert } from '../panel';
import type { ApplicationPorts, BatchView, CancellationRecord, EnterpriseView, IpClaim } from '../ports';
import { ctxOn } from './fixtures';

export const YUEYANGLOU = '430602';
export const USCC = exampleUscc(YUEYANGLOU, 1);
export const OTHER_USCC = exampleUscc(YUEYANGLOU, 2);
export const BATCH_ID = '43-2022-1';
export const APP_ID = 'app-1';
export const SEED = '00112233445566778899aabbccddeeff';

export const batch: BatchView = {
  batchId: BATCH_ID,
  provinceCode: '430000',
  year: 2022,
  title: '2022年第一批',
  applicationOpensOn: '2022-05-10',
  applicationClosesOn: '2022-06-30',
  recommendationDueOn: '2022-07-15',
  ruleSetId: 'hnte-2016-32',
  openedOn: '2022-05-01',
};

export const enterprise: EnterpriseView = {
  uscc: USCC,
  name: '岳阳示例新材料有限公司',
  divisionCode: YUEYANGLOU,
  foundedOn: '2015-03-01',
  status: 'active',
};

const M = 100 * 1_000_000; // one million yuan in fen
const year = (y: number, sales: number, rd: number, assets: number, conversions: number) => ({
  year: y,
  salesRevenue: sales * M,
  totalRevenue: (sales + 1) * M,
  cost: (sales * M * 7) / 10,
  rdExpenseDomestic: rd,
  rdExpenseAbroad: 0,
  totalAssets: assets,
  liabilities: 20 * M,
  highTechRevenue: (sales * M * 8) / 10,
  conversions,
});

/**
 * Meets conditions 1–6 and 8: sales 25/30/36 million yuan (growth 20 %), R&D 5.5 M of 91 M (6.04 % ≥ 5 %, all
 * domestic), high-tech revenue 80 % of sales, 20 % tech staff, an own invention patent (grade A: 7–8), 4
 * conversions a year on average (grade B: 19–24), net assets 20/24/28.8 M (growth 20 %: 5–6 points).
 */
export const goodForm: HnteApplicationForm = {
  financials: [
    year(2019, 25, 150 * 10_000 * 100, 40 * M, 3),
    year(2020, 30, 180 * 10_000 * 100, 44 * M, 4),
    year(2021, 36, 220 * 10_000 * 100, (488 * M) / 10, 5),
  ],
  employees: 100,
  techStaff: 20,
  ipItems: [
    {
      kind: 'invention_patent',
      number: 'ZL201910000001.X',
      ipClass: 'I',
      acquiredBy: 'own_rd',
      inForce: true,
      coreSupport: true,
    },
    {
      kind: 'utility_model',
      number: 'ZL202020000002.3',
      ipClass: 'II',
      acquiredBy: 'own_rd',
      inForce: true,
      coreSupport: true,
    },
  ],
  rdProjects: [{ code: 'RD2021-01', title: '高强度复合材料', budget: 120 * 10_000 * 100, year: 2021 }],
  field: 'new_materials',
  selfStatement: '研发组织管理制度健全，设有研发中心。',
  auditReports: ['audit/2021/rd.pdf', 'audit/2021/high-tech-revenue.pdf'],
  majorIncidentLastYear: false,
};

const techExpert = (id: string, org: string | null = null): PoolExpert => ({
  expertId: id,
  organisationUscc: org,
  expertise: { kind: 'technical', fields: ['new_materials'] },
  relations: [],
});
const finExpert = (id: string): PoolExpert => ({
  expertId: id,
  organisationUscc: null,
  expertise: { kind: 'financial' },
  relations: [],
});

export const pool: PoolExpert[] = [
  techExpert('t1'),
  techExpert('t2'),
  techExpert('t3'),
  techExpert('t4'),
  techExpert('t5'),
  techExpert('t6', USCC),
  finExpert('f1'),
  finExpert('f2'),
];

export interface PortState {
  batches: Record<string, BatchView>;
  enterprises: Record<string, EnterpriseView>;
  cancellations: CancellationRecord[];
  claims: Record<string, IpClaim[]>;
  pool: PoolExpert[];
  provisional: boolean;
}

export function ports(overrides: Partial<PortState> = {}): ApplicationPorts {
  const s: PortState = {
    batches: { [BATCH_ID]: batch },
    enterprises: { [USCC]: enterprise },
    cancellations: [],
    claims: {},
    pool,
    provisional: false,
    ...overrides,
  };
  return {
    batch: (id) => s.batches[id] ?? null,
    enterprise: (uscc) => s.enterprises[uscc] ?? null,
    cancellations: () => s.cancellations,
    ipClaims: (kind, number) => s.claims[`${kind}:${number}`] ?? [],
    expertPool: () => ({ snapshotId: 'hnte-expert-pool-430000@8', experts: s.pool }),
    // A stand-in calendar: weekdays only (the shell passes policy's addWorkingDays).
    addWorkingDays: (date, n) => {
      const d = new Date(`${date}T00:00:00Z`);
      let left = n;
      while (left > 0) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
      }
      return { date: d.toISOString().slice(0, 10), provisional: s.provisional };
    },
  };
}

export const draftCmd: Extract<ApplicationCommand, { type: 'DraftHnteApplication' }> = {
  type: 'DraftHnteApplication',
  applicationId: APP_ID,
  batchId: BATCH_ID,
  uscc: USCC,
  form: goodForm,
};

/** Runs commands one after another (each on the state the previous ones produced) and returns all events. */
export function history(
  steps: Array<[ApplicationCommand, DecisionContext]>,
  p: ApplicationPorts = ports(),
): ApplicationEvent[] {
  const d = applicationDecider(p);
  const events: ApplicationEvent[] = [];
  for (const [cmd, ctx] of steps) events.push(...d.decide(cmd, fold(d, events), ctx));
  return events;
}

export const on = (day: string, role = 'enterprise') => ctxOn(day, role);

/** Drafted, submitted, recommended: ready for a panel. */
export const recommendedSteps: Array<[ApplicationCommand, DecisionContext]> = [
  [draftCmd, on('2022-05-20')],
  [{ type: 'SubmitHnteApplication' }, on('2022-05-21')],
  [{ type: 'RecommendHnteApplication', comment: null }, on('2022-06-01', 'county_reviewer')],
];

export const ref = { applicationId: APP_ID, batchId: BATCH_ID, uscc: USCC };
