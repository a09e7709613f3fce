import { pickBracket, type BracketHit } from '../core/brackets';
import { PolicyInputError, requireNonNegativeInteger } from '../core/errors';
import { rat, show, toPercent, type Rational } from '../core/rational';
import { step, type Trace, type TraceStep } from '../core/trace';
import { TSME_2017_115, type TechSmeRuleSet } from './rule-sets';

export interface TechSmeInput {
  readonly employees: number;
  readonly techStaff: number;
  /** Integer fen. */
  readonly salesRevenue: number;
  readonly totalAssets: number;
  readonly rdExpense: number;
  /** 成本费用支出总额, integer fen. */
  readonly totalCostExpense: number;
  readonly ipClassI: number;
  readonly ipClassII: number;
  readonly direct?: {
    readonly validHnteCertificate?: boolean;
    readonly nationalAwardTop3?: boolean;
    readonly provincialRdInstitution?: boolean;
    readonly ledStandard?: boolean;
  };
  readonly conditions?: {
    readonly restrictedIndustry?: boolean;
    readonly majorIncident?: boolean;
    readonly dishonest?: boolean;
    /** Not a resident enterprise registered in mainland China. */
    readonly nonResident?: boolean;
    /** From 2023: industry on the R&D super-deduction negative list. */
    readonly superDeductionNegativeList?: boolean;
    /** From 2023: not taxed on audited accounts (查账征收). */
    readonly notAuditedAccounts?: boolean;
  };
}

export interface TechSmePoints {
  readonly techStaff: number;
  readonly rdInput: number;
  readonly ip: number;
  readonly total: number;
}

export interface TechSmeResult {
  readonly eligible: boolean;
  readonly qualifiedBy: 'score' | 'direct' | null;
  readonly points: TechSmePoints;
  readonly rdInputBasis: 'revenue' | 'cost';
  /** Stable code, colon, explanation — one per failed requirement. Empty when eligible. */
  readonly reasons: readonly string[];
  readonly trace: Trace;
}

const MONEY_FIELDS = ['salesRevenue', 'totalAssets', 'rdExpense', 'totalCostExpense'] as const;
const COUNT_FIELDS = ['employees', 'techStaff', 'ipClassI', 'ipClassII'] as const;

function validate(input: TechSmeInput): void {
  for (const f of [...COUNT_FIELDS, ...MONEY_FIELDS]) requireNonNegativeInteger(f, input[f]);
  if (input.techStaff > input.employees) {
    throw new PolicyInputError(
      'tsme.tech-staff',
      `techStaff ${input.techStaff} exceeds employees ${input.employees}`,
    );
  }
}

/** A ratio with a zero denominator scores 0 points (the rules give no points for what cannot be measured). */
function ratioOrNull(num: number, den: number): Rational | null {
  return den === 0 ? null : rat(num, den);
}

function scoreRatio(
  r: Rational | null,
  brackets: TechSmeRuleSet['techStaffBrackets'],
  belowLabel: string,
): BracketHit {
  if (r === null) return { points: 0, label: 'denominator 0' };
  return pickBracket(r, brackets, { points: 0, label: belowLabel });
}

function techStaffStep(input: TechSmeInput, rs: TechSmeRuleSet): [number, TraceStep] {
  const ratio = ratioOrNull(input.techStaff, input.employees);
  const hit = scoreRatio(ratio, rs.techStaffBrackets, '<10%');
  return [
    hit.points,
    step(
      'tsme.tech-staff',
      rs.refs.techStaff,
      { techStaff: input.techStaff, employees: input.employees },
      {
        ratio: ratio ? show(ratio) : null,
        percent: ratio ? toPercent(ratio) : null,
        bracket: hit.label,
        points: hit.points,
      },
    ),
  ];
}

function rdInputStep(input: TechSmeInput, rs: TechSmeRuleSet): [number, 'revenue' | 'cost', TraceStep] {
  const byRevenue = ratioOrNull(input.rdExpense, input.salesRevenue);
  const byCost = ratioOrNull(input.rdExpense, input.totalCostExpense);
  const rev = scoreRatio(byRevenue, rs.rdRevenueBrackets, '<2%');
  const cost = scoreRatio(byCost, rs.rdCostBrackets, '<10%');
  // "the better of two ratios counts"; on a tie the revenue basis is reported, as the form lists it first.
  const basis = cost.points > rev.points ? 'cost' : 'revenue';
  const points = Math.max(rev.points, cost.points);
  const inputs = {
    rdExpense: input.rdExpense,
    salesRevenue: input.salesRevenue,
    totalCostExpense: input.totalCostExpense,
  };
  return [
    points,
    basis,
    step('tsme.rd-input', rs.refs.rdInput, inputs, {
      revenueRatio: byRevenue ? show(byRevenue) : null,
      revenuePercent: byRevenue ? toPercent(byRevenue) : null,
      revenueBracket: rev.label,
      revenuePoints: rev.points,
      costRatio: byCost ? show(byCost) : null,
      costPercent: byCost ? toPercent(byCost) : null,
      costBracket: cost.label,
      costPoints: cost.points,
      basis,
      points,
    }),
  ];
}

function ipStep(input: TechSmeInput, rs: TechSmeRuleSet): [number, TraceStep] {
  let points = 0;
  let rule = 'none';
  if (input.ipClassI >= 1) {
    points = rs.ipClassIPoints;
    rule = '≥1 Class I';
  } else {
    const hit = rs.ipClassIIBrackets.find((b) => input.ipClassII >= b.minCount);
    if (hit) [points, rule] = [hit.points, `≥${hit.minCount} Class II`];
  }
  const inputs = { ipClassI: input.ipClassI, ipClassII: input.ipClassII };
  return [points, step('tsme.ip', rs.refs.ip, inputs, { bracket: rule, points })];
}

function basicReasons(input: TechSmeInput, rs: TechSmeRuleSet): string[] {
  const r: string[] = [];
  if (input.employees > rs.maxEmployees)
    r.push(`size.employees: ${input.employees} employees > ${rs.maxEmployees}`);
  if (input.salesRevenue > rs.maxSalesRevenue)
    r.push(`size.revenue: sales revenue ${input.salesRevenue} fen > ${rs.maxSalesRevenue} fen`);
  if (input.totalAssets > rs.maxTotalAssets)
    r.push(`size.assets: total assets ${input.totalAssets} fen > ${rs.maxTotalAssets} fen`);
  const c = input.conditions ?? {};
  if (c.restrictedIndustry) r.push('condition.industry: prohibited, restricted or eliminated industry');
  if (c.majorIncident) r.push('condition.incident: major accident, environmental violation or misconduct');
  if (c.dishonest) r.push('condition.dishonest: on the business-anomaly or serious-dishonesty list');
  if (c.nonResident) r.push('condition.resident: not a resident enterprise registered in mainland China');
  if (rs.superDeductionConditions && c.superDeductionNegativeList) {
    r.push('condition.negative-list: industry on the R&D super-deduction negative list');
  }
  if (rs.superDeductionConditions && c.notAuditedAccounts)
    r.push('condition.audited: not taxed on audited accounts (查账征收)');
  return r;
}

function directGrounds(input: TechSmeInput): string[] {
  const d = input.direct ?? {};
  return (
    ['validHnteCertificate', 'nationalAwardTop3', 'provincialRdInstitution', 'ledStandard'] as const
  ).filter((k) => d[k] === true);
}

/**
 * Scores a tech-based SME (科技型中小企业) mechanically and decides eligibility. Direct qualification wins over
 * the score when present (the enterprise is "directly confirmed" and the score is shown anyway) but never over
 * the basic conditions.
 */
export function scoreTechSme(input: TechSmeInput, options: { ruleSet?: TechSmeRuleSet } = {}): TechSmeResult {
  const rs = options.ruleSet ?? TSME_2017_115;
  validate(input);
  const [techStaff, s1] = techStaffStep(input, rs);
  const [rdInput, rdInputBasis, s2] = rdInputStep(input, rs);
  const [ip, s3] = ipStep(input, rs);
  const total = techStaff + rdInput + ip;
  const basic = basicReasons(input, rs);
  const grounds = directGrounds(input);
  const scorePasses = total >= rs.passScore && techStaff > 0;
  const scoreReasons: string[] = [];
  if (techStaff === 0) scoreReasons.push('score.tech-staff-zero: tech-staff score is 0');
  if (total < rs.passScore) scoreReasons.push(`score.below-pass: ${total} < ${rs.passScore}`);
  const basicOk = basic.length === 0;
  const qualifiedBy = !basicOk ? null : grounds.length > 0 ? 'direct' : scorePasses ? 'score' : null;
  const reasons = qualifiedBy ? [] : [...basic, ...(grounds.length > 0 ? [] : scoreReasons)];
  const decision = step(
    'tsme.decision',
    `${rs.refs.score}; ${rs.refs.direct}`,
    {
      employees: input.employees,
      salesRevenue: input.salesRevenue,
      totalAssets: input.totalAssets,
      direct: grounds,
      conditions: { ...(input.conditions ?? {}) },
    },
    { total, passScore: rs.passScore, scorePasses, basicReasons: basic, qualifiedBy },
  );
  return {
    eligible: qualifiedBy !== null,
    qualifiedBy,
    points: { techStaff, rdInput, ip, total },
    rdInputBasis,
    reasons,
    trace: { ruleSetId: rs.id, legalReference: rs.legalReference, steps: [s1, s2, s3, decision] },
  };
}
