import { highTechRevenueProblems } from '@peiyu/contracts';
import { daysBetween, type IsoDate } from '../core/dates';
import { PolicyInputError, requireNonNegativeInteger } from '../core/errors';
import { gte, parseFraction, rat, show, toPercent, type Rational } from '../core/rational';
import { step, type Trace, type TraceStep, type TraceValue } from '../core/trace';
import { growthIndicator } from './growth';
import { conversionRange, growthRange, ipAcquisitionRange, ipQuantityRange, type HnteRanges } from './ranges';

export type { PointsRange, GrowthRange, HnteRanges } from './ranges';
import { HNTE_2016_32, type HnteRuleSet } from './rule-set';

export interface HntePrecheckInput {
  readonly registeredOn: IsoDate;
  readonly applicationDate: IsoDate;
  readonly employees: number;
  readonly techStaff: number;
  /** Integer fen per accounting year, oldest first, 1–3 years (all by-year arrays have the same length). */
  readonly salesRevenueByYear: readonly number[];
  readonly rdExpenseByYear: readonly number[];
  readonly domesticRdExpenseByYear: readonly number[];
  readonly highTechRevenueLastYear: number;
  readonly totalRevenueLastYear: number;
  readonly ipClassI: number;
  readonly ipClassII: number;
  /** Owns (own R&D, transfer, gift, merger — not an exclusive licence) IP giving core support to main products. */
  readonly ownsCoreIp: boolean;
  /** At least one IP item came from own R&D. */
  readonly ownRdIp: boolean;
  /** One of HNTE_FIELDS; undefined when not yet stated (the experts then decide). */
  readonly field?: string;
  readonly majorIncidentLastYear: boolean;
  readonly netAssetsByYear: readonly number[];
  readonly conversionsByYear: readonly number[];
}

export interface HnteCondition {
  readonly id: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
  /** null: the experts decide. */
  readonly met: boolean | null;
  readonly value?: string | number;
  readonly threshold?: string | number;
}

export interface HntePrecheckResult {
  readonly conditions: readonly HnteCondition[];
  /** The R&D intensity threshold chosen by the latest year's sales revenue. */
  readonly rdThreshold: { readonly percent: number; readonly fraction: string; readonly tier: string };
  readonly ranges: HnteRanges;
  readonly trace: Trace;
}

type Cond = [HnteCondition, TraceStep];

function validate(i: HntePrecheckInput): void {
  for (const f of [
    'employees',
    'techStaff',
    'highTechRevenueLastYear',
    'totalRevenueLastYear',
    'ipClassI',
    'ipClassII',
  ] as const) {
    requireNonNegativeInteger(f, i[f]);
  }
  const years = i.salesRevenueByYear?.length ?? 0;
  if (years < 1 || years > 3)
    throw new PolicyInputError('hnte.years', 'salesRevenueByYear needs 1 to 3 years');
  for (const f of [
    'salesRevenueByYear',
    'rdExpenseByYear',
    'domesticRdExpenseByYear',
    'conversionsByYear',
  ] as const) {
    if (i[f]?.length !== years)
      throw new PolicyInputError('hnte.years', `${f} must have ${years} years like salesRevenueByYear`);
    i[f].forEach((v, k) => requireNonNegativeInteger(`${f}[${k}]`, v));
  }
  if (!Array.isArray(i.netAssetsByYear) || i.netAssetsByYear.length !== years) {
    throw new PolicyInputError('hnte.years', `netAssetsByYear must have ${years} years`);
  }
  if (i.techStaff > i.employees) throw new PolicyInputError('hnte.tech-staff', 'techStaff exceeds employees');
  // Impossible inputs (issue 11): high-tech revenue is a part of the total revenue of the same year.
  const [problem] = highTechRevenueProblems(i);
  if (problem) throw new PolicyInputError(problem.code, problem.message);
}

const sum = (xs: readonly number[]): bigint => xs.reduce((a, x) => a + BigInt(x), 0n);
const pct = (r: Rational | null): string => (r ? toPercent(r) : 'n/a');
const threshold = (f: string): string => toPercent(parseFraction(f), 2);

function registration(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const days = daysBetween(i.registeredOn, i.applicationDate);
  const met = days >= rs.minRegistrationDays;
  const inputs = { registeredOn: i.registeredOn, applicationDate: i.applicationDate };
  return [
    { id: 1, met, value: days, threshold: rs.minRegistrationDays },
    step('hnte.c1.registration', rs.refs.conditions[0], inputs, { days, met }),
  ];
}

function coreIp(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const items = i.ipClassI + i.ipClassII;
  const met = i.ownsCoreIp === true && items > 0;
  const inputs = { ownsCoreIp: i.ownsCoreIp, ipClassI: i.ipClassI, ipClassII: i.ipClassII };
  return [
    { id: 2, met, value: items },
    step('hnte.c2.core-ip', rs.refs.conditions[1], inputs, { items, met }),
  ];
}

function field(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const met = i.field === undefined ? null : rs.fields.includes(i.field);
  return [
    { id: 3, met, value: i.field ?? 'not stated' },
    step('hnte.c3.field', rs.refs.conditions[2], { field: i.field ?? null }, { met }),
  ];
}

function techStaff(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const ratio = i.employees === 0 ? null : rat(i.techStaff, i.employees);
  const met = ratio !== null && gte(ratio, parseFraction(rs.minTechStaffShare));
  const values = { ratio: ratio ? show(ratio) : null, met };
  const c: HnteCondition = { id: 4, met, value: pct(ratio), threshold: threshold(rs.minTechStaffShare) };
  return [
    c,
    step(
      'hnte.c4.tech-staff',
      rs.refs.conditions[3],
      { techStaff: i.techStaff, employees: i.employees },
      values,
    ),
  ];
}

function rdTier(i: HntePrecheckInput, rs: HnteRuleSet) {
  const latest = i.salesRevenueByYear[i.salesRevenueByYear.length - 1] as number;
  const tier = rs.rdTiers.find((t) => t.maxLatestRevenue === null || latest <= t.maxLatestRevenue);
  if (!tier) throw new PolicyInputError('hnte.rule-set', 'rdTiers must end with an open tier');
  return { latest, tier };
}

function rdIntensity(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const { latest, tier } = rdTier(i, rs);
  const rd = sum(i.rdExpenseByYear);
  const sales = sum(i.salesRevenueByYear);
  const domestic = sum(i.domesticRdExpenseByYear);
  if (domestic > rd) throw new PolicyInputError('hnte.rd', 'domestic R&D exceeds total R&D');
  const intensity = sales === 0n ? null : rat(rd, sales);
  const domesticShare = rd === 0n ? null : rat(domestic, rd);
  const intensityOk = intensity !== null && gte(intensity, parseFraction(tier.minShare));
  const domesticOk = domesticShare !== null && gte(domesticShare, parseFraction(rs.minDomesticRdShare));
  const met = intensityOk && domesticOk;
  const c: HnteCondition = {
    id: 5,
    met,
    value: `${pct(intensity)}; domestic ${pct(domesticShare)}`,
    threshold: `${threshold(tier.minShare)}; domestic ${threshold(rs.minDomesticRdShare)}`,
  };
  const inputs: Record<string, TraceValue> = {
    salesRevenueByYear: [...i.salesRevenueByYear],
    rdExpenseByYear: [...i.rdExpenseByYear],
    domesticRdExpenseByYear: [...i.domesticRdExpenseByYear],
  };
  const values = {
    latestSales: latest,
    tier: tier.label,
    threshold: tier.minShare,
    rdTotal: rd.toString(),
    salesTotal: sales.toString(),
    intensity: intensity ? show(intensity) : null,
    intensityOk,
    domesticShare: domesticShare ? show(domesticShare) : null,
    domesticOk,
    met,
  };
  return [c, step('hnte.c5.rd-intensity', rs.refs.conditions[4], inputs, values)];
}

function highTechRevenue(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const share = i.totalRevenueLastYear === 0 ? null : rat(i.highTechRevenueLastYear, i.totalRevenueLastYear);
  const met = share !== null && gte(share, parseFraction(rs.minHighTechRevenueShare));
  const inputs = {
    highTechRevenueLastYear: i.highTechRevenueLastYear,
    totalRevenueLastYear: i.totalRevenueLastYear,
  };
  const c: HnteCondition = {
    id: 6,
    met,
    value: pct(share),
    threshold: threshold(rs.minHighTechRevenueShare),
  };
  return [
    c,
    step('hnte.c6.high-tech-revenue', rs.refs.conditions[5], inputs, {
      share: share ? show(share) : null,
      met,
    }),
  ];
}

function innovation(rs: HnteRuleSet): Cond {
  const c: HnteCondition = { id: 7, met: null, threshold: rs.passAbove + 1 };
  return [
    c,
    step(
      'hnte.c7.innovation',
      rs.refs.conditions[6],
      {},
      { decidedBy: 'expert panel', passAbove: rs.passAbove },
    ),
  ];
}

function incident(i: HntePrecheckInput, rs: HnteRuleSet): Cond {
  const met = i.majorIncidentLastYear !== true;
  return [
    { id: 8, met },
    step(
      'hnte.c8.incident',
      rs.refs.conditions[7],
      { majorIncidentLastYear: i.majorIncidentLastYear },
      { met },
    ),
  ];
}

/**
 * Pre-check of the eight HNTE conditions at submission, with the expert point ranges that the data decide.
 * Condition 7 (innovation score) is always null here: the panel decides it.
 */
export function precheckHnte(
  input: HntePrecheckInput,
  options: { ruleSet?: HnteRuleSet } = {},
): HntePrecheckResult {
  const rs = options.ruleSet ?? HNTE_2016_32;
  validate(input);
  const conds = [
    registration(input, rs),
    coreIp(input, rs),
    field(input, rs),
    techStaff(input, rs),
    rdIntensity(input, rs),
    highTechRevenue(input, rs),
    innovation(rs),
    incident(input, rs),
  ];
  const { latest, tier } = rdTier(input, rs);
  const netAssets = growthIndicator(input.netAssetsByYear, { ruleSet: rs });
  const sales = growthIndicator(input.salesRevenueByYear, { ruleSet: rs });
  const ipQ = ipQuantityRange(input);
  const conv = conversionRange(input, rs);
  const ranges: HnteRanges = {
    ipQuantity: { min: ipQ.min, max: ipQ.max },
    ipAcquisition: ipAcquisitionRange(input),
    conversion: { min: conv.min, max: conv.max },
    netAssetGrowth: growthRange(netAssets),
    salesGrowth: growthRange(sales),
  };
  const rangeStep = step(
    'hnte.ranges',
    `${rs.refs.ip}; ${rs.refs.conversion}; ${rs.refs.growth}`,
    {
      ipClassI: input.ipClassI,
      ipClassII: input.ipClassII,
      ownRdIp: input.ownRdIp,
      conversionsByYear: [...input.conversionsByYear],
    },
    {
      ipQuantityGrade: ipQ.grade,
      conversionAverage: conv.average,
      ranges: JSON.parse(JSON.stringify(ranges)) as TraceValue,
    },
  );
  const share = parseFraction(tier.minShare);
  return {
    conditions: conds.map(([c]) => c),
    rdThreshold: {
      percent: Number((share.num * 100n) / share.den),
      fraction: tier.minShare,
      tier: tier.label,
    },
    ranges,
    trace: {
      ruleSetId: rs.id,
      legalReference: rs.legalReference,
      steps: [
        ...conds.map(([, s]) => s),
        step(
          'hnte.rd-tier',
          rs.refs.conditions[4],
          { latestSales: latest },
          { tier: tier.label, threshold: tier.minShare },
        ),
        rangeStep,
        ...netAssets.trace.steps.map((s) => ({ ...s, rule: 'hnte.growth.net-assets' })),
        ...sales.trace.steps.map((s) => ({ ...s, rule: 'hnte.growth.sales' })),
      ],
    },
  };
}
