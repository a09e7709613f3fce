import { PolicyInputError } from '../core/errors';
import type { RatioBracket } from '../core/brackets';
import type { IsoDate } from '../core/dates';

/** Everything the tech-SME evaluation depends on, as data: a campaign names the rule set it is judged by. */
export interface TechSmeRuleSet {
  readonly id: string;
  readonly legalReference: string;
  readonly effectiveFrom: IsoDate;
  readonly refs: {
    readonly size: string;
    readonly conditions: string;
    readonly score: string;
    readonly techStaff: string;
    readonly rdInput: string;
    readonly ip: string;
    readonly direct: string;
  };
  readonly maxEmployees: number;
  /** Integer fen. */
  readonly maxSalesRevenue: number;
  readonly maxTotalAssets: number;
  readonly passScore: number;
  readonly maxima: { readonly techStaff: number; readonly rdInput: number; readonly ip: number };
  readonly techStaffBrackets: readonly RatioBracket[];
  readonly rdRevenueBrackets: readonly RatioBracket[];
  readonly rdCostBrackets: readonly RatioBracket[];
  readonly ipClassIPoints: number;
  /** Points by number of Class II items, best first: [minCount, points]. */
  readonly ipClassIIBrackets: readonly { readonly minCount: number; readonly points: number }[];
  /** From the 2023 campaign: not in the R&D super-deduction negative list, and taxed on audited accounts. */
  readonly superDeductionConditions: false | { readonly ref: string };
  /** County formal review: thresholds that flag an on-site check. */
  readonly onSiteCheck: {
    readonly ref: string;
    readonly maxEmployees: number;
    /** Integer fen: R&D expense below this is flagged. */
    readonly minRdExpense: number;
    readonly revocationLookbackYears: number;
  };
}

const DOC = '国科发政〔2017〕115号';
const YUAN_200M_IN_FEN = 200_000_000 * 100;

/** 《科技型中小企业评价办法》, in force since its issue on 2017-05-03. */
export const TSME_2017_115: TechSmeRuleSet = {
  id: 'tsme-2017-115',
  legalReference: `${DOC} 《科技型中小企业评价办法》`,
  effectiveFrom: '2017-05-03',
  refs: {
    size: `${DOC} 第六条(二)`,
    conditions: `${DOC} 第六条(三)(四)`,
    score: `${DOC} 第六条(五)`,
    techStaff: `${DOC} 第七条(一)`,
    rdInput: `${DOC} 第七条(二)`,
    ip: `${DOC} 第七条(三)`,
    direct: `${DOC} 第八条`,
  },
  maxEmployees: 500,
  maxSalesRevenue: YUAN_200M_IN_FEN,
  maxTotalAssets: YUAN_200M_IN_FEN,
  passScore: 60,
  maxima: { techStaff: 20, rdInput: 50, ip: 30 },
  techStaffBrackets: [
    { min: '0.30', points: 20, label: '≥30%' },
    { min: '0.25', points: 16, label: '25–30%' },
    { min: '0.20', points: 12, label: '20–25%' },
    { min: '0.15', points: 8, label: '15–20%' },
    { min: '0.10', points: 4, label: '10–15%' },
  ],
  rdRevenueBrackets: [
    { min: '0.06', points: 50, label: '≥6%' },
    { min: '0.05', points: 40, label: '5–6%' },
    { min: '0.04', points: 30, label: '4–5%' },
    { min: '0.03', points: 20, label: '3–4%' },
    { min: '0.02', points: 10, label: '2–3%' },
  ],
  rdCostBrackets: [
    { min: '0.30', points: 50, label: '≥30%' },
    { min: '0.25', points: 40, label: '25–30%' },
    { min: '0.20', points: 30, label: '20–25%' },
    { min: '0.15', points: 20, label: '15–20%' },
    { min: '0.10', points: 10, label: '10–15%' },
  ],
  ipClassIPoints: 30,
  ipClassIIBrackets: [
    { minCount: 4, points: 24 },
    { minCount: 3, points: 18 },
    { minCount: 2, points: 12 },
    { minCount: 1, points: 6 },
  ],
  superDeductionConditions: false,
  onSiteCheck: {
    ref: '国科火字〔2022〕67号 (形式审查: enterprises flagged for on-site verification)',
    maxEmployees: 5,
    minRdExpense: 100_000 * 100,
    revocationLookbackYears: 3,
  },
};

/**
 * The same rule with the conditions added from the 2023 campaign (查账征收; not in the R&D super-deduction
 * negative list), as a layer over the 2017 rule rather than a copy, so the two cannot drift apart.
 */
export const TSME_2017_115_2023: TechSmeRuleSet = {
  ...TSME_2017_115,
  id: 'tsme-2017-115/2023',
  legalReference: `${TSME_2017_115.legalReference}; campaign conditions from 2023`,
  effectiveFrom: '2023-01-01',
  superDeductionConditions: {
    ref: '2023 national notice on tech-SME evaluation (conditions 1 and 3 of tech-sme.md)',
  },
};

/** The rule set a campaign year is judged by. */
export function techSmeRuleSetFor(campaignYear: number): TechSmeRuleSet {
  if (!Number.isSafeInteger(campaignYear) || campaignYear < 2017) {
    throw new PolicyInputError(
      'tsme.campaign-year',
      `no tech-SME rule set for campaign year ${campaignYear}`,
    );
  }
  return campaignYear >= 2023 ? TSME_2017_115_2023 : TSME_2017_115;
}

/**
 * Every tech-SME rule set ever used, by id. A recorded score names its rule-set id; an auditor recomputes it
 * through this package alone: `scoreTechSme(form, { ruleSet: techSmeRuleSetById(id) })`.
 */
export const TECH_SME_RULE_SETS: Readonly<Record<string, TechSmeRuleSet>> = Object.freeze({
  [TSME_2017_115.id]: TSME_2017_115,
  [TSME_2017_115_2023.id]: TSME_2017_115_2023,
});

/** The rule set a recorded score names; an unknown id is refused (tsme.rule-set-unknown), never guessed. */
export function techSmeRuleSetById(id: string): TechSmeRuleSet {
  const rs = Object.prototype.hasOwnProperty.call(TECH_SME_RULE_SETS, id)
    ? TECH_SME_RULE_SETS[id]
    : undefined;
  if (!rs) throw new PolicyInputError('tsme.rule-set-unknown', `no tech-SME rule set ${JSON.stringify(id)}`);
  return rs;
}
