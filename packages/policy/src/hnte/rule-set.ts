import { HNTE_FIELDS, type HnteField } from '@peiyu/contracts';
import type { IsoDate } from '../core/dates';

/** A grade: a lower bound (exact decimal text, included) and the expert points range it opens. */
export interface GradeRow {
  readonly grade: string;
  readonly min: string;
  readonly range: { readonly min: number; readonly max: number };
}

/**
 * The eight fields of 《国家重点支持的高新技术领域》 are defined once, in @peiyu/contracts, spelled as recorded
 * events spell them (`electronic_information`, …); policy judges condition 3 against the same list.
 */
export { HNTE_FIELDS, type HnteField };

export interface HnteRuleSet {
  readonly id: string;
  readonly legalReference: string;
  readonly effectiveFrom: IsoDate;
  /** References per condition 1..8, and for the rubric parts. */
  readonly refs: {
    readonly conditions: readonly [string, string, string, string, string, string, string, string];
    readonly ip: string;
    readonly conversion: string;
    readonly organisation: string;
    readonly growth: string;
    readonly panel: string;
  };
  readonly minRegistrationDays: number;
  readonly minTechStaffShare: string;
  /** R&D ÷ sales thresholds by the latest year's sales revenue (fen; null = no upper bound), in order. */
  readonly rdTiers: readonly {
    readonly maxLatestRevenue: number | null;
    readonly minShare: string;
    readonly label: string;
  }[];
  readonly minDomesticRdShare: string;
  readonly minHighTechRevenueShare: string;
  /** "70分以上（不含70分）": the average must be strictly above this. */
  readonly passAbove: number;
  readonly fields: readonly string[];
  readonly conversionGrades: readonly GradeRow[];
  readonly growthGrades: readonly GradeRow[];
  readonly maxima: {
    readonly ipAdvancement: number;
    readonly ipCoreSupport: number;
    readonly ipQuantity: number;
    readonly ipAcquisition: number;
    readonly ipBonus: number;
    readonly ipTotal: number;
    readonly conversion: number;
    readonly orgManagement: number;
    readonly orgInstitution: number;
    readonly orgIncentives: number;
    readonly orgTraining: number;
    readonly netAssetGrowth: number;
    readonly salesGrowth: number;
  };
  readonly panel: {
    readonly minExperts: number;
    readonly minTechnicalShare: string;
    readonly minFinancial: number;
  };
}

const DOC = '国科发火〔2016〕32号';
const GUIDE = '国科发火〔2016〕195号 《高新技术企业认定管理工作指引》';
const YUAN = 100;

/** 《高新技术企业认定管理办法》 (effective 2016-01-01) with its work guide. */
export const HNTE_2016_32: HnteRuleSet = {
  id: 'hnte-2016-32',
  legalReference: `${DOC} 《高新技术企业认定管理办法》; ${GUIDE}`,
  effectiveFrom: '2016-01-01',
  refs: {
    conditions: [
      `${DOC} 第十一条(一)`,
      `${DOC} 第十一条(二)`,
      `${DOC} 第十一条(三)`,
      `${DOC} 第十一条(四)`,
      `${DOC} 第十一条(五)`,
      `${DOC} 第十一条(六)`,
      `${DOC} 第十一条(七)`,
      `${DOC} 第十一条(八)`,
    ],
    ip: `${GUIDE} 企业创新能力评价 1.知识产权`,
    conversion: `${GUIDE} 企业创新能力评价 2.科技成果转化能力`,
    organisation: `${GUIDE} 企业创新能力评价 3.研究开发组织管理水平`,
    growth: `${GUIDE} 企业创新能力评价 4.企业成长性`,
    panel: `${GUIDE} 专家评审`,
  },
  minRegistrationDays: 365,
  minTechStaffShare: '0.10',
  rdTiers: [
    { maxLatestRevenue: 50_000_000 * YUAN, minShare: '0.05', label: 'latest sales ≤ 50,000,000 yuan' },
    {
      maxLatestRevenue: 200_000_000 * YUAN,
      minShare: '0.04',
      label: 'latest sales 50,000,000–200,000,000 yuan',
    },
    { maxLatestRevenue: null, minShare: '0.03', label: 'latest sales > 200,000,000 yuan' },
  ],
  minDomesticRdShare: '0.60',
  minHighTechRevenueShare: '0.60',
  passAbove: 70,
  fields: HNTE_FIELDS,
  conversionGrades: [
    { grade: 'A', min: '5', range: { min: 25, max: 30 } },
    { grade: 'B', min: '4', range: { min: 19, max: 24 } },
    { grade: 'C', min: '3', range: { min: 13, max: 18 } },
    { grade: 'D', min: '2', range: { min: 7, max: 12 } },
    { grade: 'E', min: '1', range: { min: 1, max: 6 } },
  ],
  growthGrades: [
    { grade: 'A', min: '0.35', range: { min: 9, max: 10 } },
    { grade: 'B', min: '0.25', range: { min: 7, max: 8 } },
    { grade: 'C', min: '0.15', range: { min: 5, max: 6 } },
    { grade: 'D', min: '0.05', range: { min: 3, max: 4 } },
    // "> 0": the smallest positive rate; checked strictly in growth.ts.
    { grade: 'E', min: '0', range: { min: 1, max: 2 } },
  ],
  maxima: {
    ipAdvancement: 8,
    ipCoreSupport: 8,
    ipQuantity: 8,
    ipAcquisition: 6,
    ipBonus: 2,
    ipTotal: 30,
    conversion: 30,
    orgManagement: 6,
    orgInstitution: 6,
    orgIncentives: 4,
    orgTraining: 4,
    netAssetGrowth: 10,
    salesGrowth: 10,
  },
  panel: { minExperts: 5, minTechnicalShare: '0.60', minFinancial: 1 },
};

export const HNTE_RULE_SETS: Readonly<Record<string, HnteRuleSet>> = { [HNTE_2016_32.id]: HNTE_2016_32 };
