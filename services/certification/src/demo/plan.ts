import { HNTE_FIELDS, type HnteApplicationForm, type HnteField } from '@peiyu/contracts';
import { exampleUscc } from '@peiyu/policy';

/**
 * `npm start -- --demo`: 岳阳's first HNTE batch of 2022 by county, with the seed's figures (shared/seeds 001:
 * "第一批申报196家，完成较好的县区为：经开区33家、新港区25家、云溪区13家、岳阳楼区13家，汨罗市25家、平江县22家、
 * 湘阴县19家"), in every state of the workflow. Pure: which enterprise, which form, which target state.
 */
export const YUEYANG_FIRST_BATCH_2022: ReadonlyArray<{ code: string; name: string; applications: number }> = [
  { code: '430672', name: '经开区', applications: 33 },
  { code: '430673', name: '新港区', applications: 25 },
  { code: '430603', name: '云溪区', applications: 13 },
  { code: '430602', name: '岳阳楼区', applications: 13 },
  { code: '430681', name: '汨罗市', applications: 25 },
  { code: '430626', name: '平江县', applications: 22 },
  { code: '430624', name: '湘阴县', applications: 19 },
];

/** Every state an application can be in, certified standing for `approved` + its certificate. */
export const DEMO_TARGETS = [
  'certified',
  'certified',
  'certified',
  'in_notice',
  'review_passed',
  'under_review',
  'recommended',
  'submitted',
  'returned',
  'review_failed',
  'rejected',
  'declined',
  'withdrawn',
  'draft',
] as const;
export type DemoTarget = (typeof DEMO_TARGETS)[number];

export interface DemoSlot {
  uscc: string;
  name: string;
  countyCode: string;
  field: HnteField;
  target: DemoTarget;
  serial: number;
}

/** Serials 5001+ keep clear of the registry's own demo enterprises (serials below 2000). */
export function demoSlots(): DemoSlot[] {
  const out: DemoSlot[] = [];
  YUEYANG_FIRST_BATCH_2022.forEach((county, ci) => {
    for (let i = 0; i < county.applications; i++) {
      const serial = 5001 + ci * 100 + i;
      const field = HNTE_FIELDS[(ci + i) % 4]!; // four fields: enough experts of each in the demo pool
      out.push({
        uscc: exampleUscc(county.code, serial),
        name: `${county.name}示例高企申报企业（${i + 1}）有限公司`,
        countyCode: county.code,
        field,
        target: DEMO_TARGETS[(ci + i) % DEMO_TARGETS.length]!,
        serial,
      });
    }
  });
  return out;
}

const M = 100 * 1_000_000; // one million yuan in fen

/**
 * A form that meets conditions 1–6 and 8 (sales 25/30/36 M yuan, R&D 6 %, high-tech revenue 80 %, 20 % tech
 * staff), varied by the slot; its Class II item number is the enterprise's own, so no two applications share one.
 */
export function demoForm(s: DemoSlot, year: number): HnteApplicationForm {
  const scale = 1 + (s.serial % 5) / 10;
  const fy = (y: number, sales: number, assets: number, conversions: number) => ({
    year: y,
    salesRevenue: Math.round(sales * scale * M),
    totalRevenue: Math.round((sales + 1) * scale * M),
    cost: Math.round(sales * scale * M * 0.7),
    rdExpenseDomestic: Math.round(sales * scale * M * 0.065),
    rdExpenseAbroad: 0,
    totalAssets: Math.round(assets * M),
    liabilities: 20 * M,
    highTechRevenue: Math.round(sales * scale * M * 0.8),
    conversions,
  });
  return {
    financials: [fy(year - 3, 25, 40, 3), fy(year - 2, 30, 44, 4), fy(year - 1, 36, 48.8, 5)],
    employees: 100,
    techStaff: 20,
    ipItems: [
      {
        kind: 'invention_patent',
        number: `ZL${year - 3}1${String(s.serial).padStart(7, '0')}.X`,
        ipClass: 'I',
        acquiredBy: 'own_rd',
        inForce: true,
        coreSupport: true,
      },
      {
        kind: 'utility_model',
        number: `ZL${year - 2}2${String(s.serial).padStart(7, '0')}.3`,
        ipClass: 'II',
        acquiredBy: 'own_rd',
        inForce: true,
        coreSupport: true,
      },
    ],
    rdProjects: [
      { code: `RD${year - 1}-01`, title: '核心技术研发项目', budget: 120 * 10_000 * 100, year: year - 1 },
    ],
    field: s.field,
    selfStatement: '研发组织管理制度健全，设有研发中心，建立了成果转化激励制度。',
    auditReports: [`audit/${year - 1}/rd.pdf`, `audit/${year - 1}/high-tech-revenue.pdf`],
    majorIncidentLastYear: false,
  };
}

/** Steps before the 公示 by target, in order; the province part (notice, certify) follows the clock move. */
export function stepsOf(
  t: DemoTarget,
): ReadonlyArray<
  | 'submit'
  | 'return'
  | 'recommend'
  | 'decline'
  | 'withdraw'
  | 'panel'
  | 'score_pass'
  | 'score_fail'
  | 'conclude'
> {
  switch (t) {
    case 'draft':
      return [];
    case 'submitted':
      return ['submit'];
    case 'returned':
      return ['submit', 'return'];
    case 'declined':
      return ['submit', 'decline'];
    case 'withdrawn':
      return ['submit', 'withdraw'];
    case 'recommended':
      return ['submit', 'recommend'];
    case 'under_review':
      return ['submit', 'recommend', 'panel'];
    case 'review_failed':
      return ['submit', 'recommend', 'panel', 'score_fail', 'conclude'];
    default:
      return ['submit', 'recommend', 'panel', 'score_pass', 'conclude'];
  }
}
