import { PolicyInputError } from '../core/errors';
import { add, cmp, gte, parseFraction, rat, show, toDecimal, type Rational } from '../core/rational';
import { step, type Trace, type TraceStep } from '../core/trace';
import type { HnteRanges, PointsRange } from './ranges';
import { HNTE_2016_32, type HnteRuleSet } from './rule-set';

/** A technical expert scores IP, conversion and R&D organisation (工作指引: 技术专家). */
export interface TechnicalExpertSheet {
  readonly expertId: string;
  readonly role: 'technical';
  readonly ip: {
    readonly advancement: number;
    readonly coreSupport: number;
    readonly quantity: number;
    readonly acquisition: number;
    readonly bonus: number;
  };
  readonly conversion: number;
  readonly organisation: {
    readonly management: number;
    readonly institution: number;
    readonly incentives: number;
    readonly training: number;
  };
}

/** A financial expert scores the two growth indicators from the audited figures (财务专家). */
export interface FinancialExpertSheet {
  readonly expertId: string;
  readonly role: 'financial';
  readonly netAssetGrowth: number;
  readonly salesGrowth: number;
}

export type HnteExpertSheet = TechnicalExpertSheet | FinancialExpertSheet;

export interface HnteReviewResult {
  /** Display value of the exact average (4 decimals, truncated); `passed` is decided on the exact value. */
  readonly average: number;
  readonly averageExact: string;
  readonly passed: boolean;
  readonly technicalAverage: string;
  readonly financialAverage: string;
  readonly experts: readonly {
    readonly expertId: string;
    readonly role: 'technical' | 'financial';
    readonly total: number;
  }[];
  readonly trace: Trace;
}

function checkItem(expertId: string, item: string, value: number, allowed: PointsRange): void {
  if (!Number.isSafeInteger(value) || value < allowed.min || value > allowed.max) {
    throw new PolicyInputError(
      'hnte.score',
      `${expertId}: ${item} = ${String(value)} outside ${allowed.min}–${allowed.max}`,
    );
  }
}

const upTo = (max: number): PointsRange => ({ min: 0, max });

function technicalTotal(
  s: TechnicalExpertSheet,
  rs: HnteRuleSet,
  ranges: HnteRanges | undefined,
): [number, number] {
  const m = rs.maxima;
  checkItem(s.expertId, 'ip.advancement', s.ip.advancement, upTo(m.ipAdvancement));
  checkItem(s.expertId, 'ip.coreSupport', s.ip.coreSupport, upTo(m.ipCoreSupport));
  checkItem(s.expertId, 'ip.quantity', s.ip.quantity, ranges?.ipQuantity ?? upTo(m.ipQuantity));
  checkItem(s.expertId, 'ip.acquisition', s.ip.acquisition, ranges?.ipAcquisition ?? upTo(m.ipAcquisition));
  checkItem(s.expertId, 'ip.bonus', s.ip.bonus, upTo(m.ipBonus));
  checkItem(s.expertId, 'conversion', s.conversion, ranges?.conversion ?? upTo(m.conversion));
  checkItem(s.expertId, 'organisation.management', s.organisation.management, upTo(m.orgManagement));
  checkItem(s.expertId, 'organisation.institution', s.organisation.institution, upTo(m.orgInstitution));
  checkItem(s.expertId, 'organisation.incentives', s.organisation.incentives, upTo(m.orgIncentives));
  checkItem(s.expertId, 'organisation.training', s.organisation.training, upTo(m.orgTraining));
  const ipRaw = s.ip.advancement + s.ip.coreSupport + s.ip.quantity + s.ip.acquisition + s.ip.bonus;
  // The bonus may lift the IP part only up to its cap of 30.
  const ip = Math.min(ipRaw, m.ipTotal);
  const o = s.organisation;
  return [ip + s.conversion + o.management + o.institution + o.incentives + o.training, ipRaw];
}

function growthAllowed(r: HnteRanges['netAssetGrowth'] | undefined, max: number): PointsRange {
  // A manual-review indicator leaves the whole 0–max range to the financial expert.
  return r && !r.manualReview ? r : upTo(max);
}

function financialTotal(s: FinancialExpertSheet, rs: HnteRuleSet, ranges: HnteRanges | undefined): number {
  checkItem(
    s.expertId,
    'netAssetGrowth',
    s.netAssetGrowth,
    growthAllowed(ranges?.netAssetGrowth, rs.maxima.netAssetGrowth),
  );
  checkItem(
    s.expertId,
    'salesGrowth',
    s.salesGrowth,
    growthAllowed(ranges?.salesGrowth, rs.maxima.salesGrowth),
  );
  return s.netAssetGrowth + s.salesGrowth;
}

function checkPanel(sheets: readonly HnteExpertSheet[], rs: HnteRuleSet): void {
  const n = sheets.length;
  const technical = sheets.filter((s) => s.role === 'technical').length;
  const financial = sheets.filter((s) => s.role === 'financial').length;
  if (new Set(sheets.map((s) => s.expertId)).size !== n)
    throw new PolicyInputError('hnte.panel', 'an expert appears twice');
  if (n < rs.panel.minExperts)
    throw new PolicyInputError('hnte.panel', `panel of ${n} < ${rs.panel.minExperts} experts`);
  if (financial < rs.panel.minFinancial)
    throw new PolicyInputError('hnte.panel', 'panel has no financial expert');
  if (!gte(rat(technical, n), parseFraction(rs.panel.minTechnicalShare))) {
    throw new PolicyInputError(
      'hnte.panel',
      `${technical} of ${n} experts technical, below ${rs.panel.minTechnicalShare}`,
    );
  }
  if (technical + financial !== n)
    throw new PolicyInputError('hnte.panel', 'every sheet needs role technical or financial');
}

/**
 * Outcome of the expert review. Following the work guide, technical experts score items 1–3 and financial
 * experts item 4; the result is the average of the technical totals plus the average of the financial totals,
 * kept exact, and passes only when strictly above 70.
 */
export function hnteReviewOutcome(
  expertScores: readonly HnteExpertSheet[],
  options: { ranges?: HnteRanges; ruleSet?: HnteRuleSet } = {},
): HnteReviewResult {
  const rs = options.ruleSet ?? HNTE_2016_32;
  checkPanel(expertScores, rs);
  const steps: TraceStep[] = [];
  const experts = expertScores.map((s) => {
    if (s.role === 'technical') {
      const [total, ipRaw] = technicalTotal(s, rs, options.ranges);
      steps.push(
        step(
          'hnte.review.technical',
          `${rs.refs.ip}; ${rs.refs.conversion}; ${rs.refs.organisation}`,
          { ...s, ip: { ...s.ip }, organisation: { ...s.organisation } },
          { ipRaw, ipCapped: Math.min(ipRaw, rs.maxima.ipTotal), total },
        ),
      );
      return { expertId: s.expertId, role: s.role, total };
    }
    const total = financialTotal(s, rs, options.ranges);
    steps.push(step('hnte.review.financial', rs.refs.growth, { ...s }, { total }));
    return { expertId: s.expertId, role: s.role, total };
  });
  const mean = (role: 'technical' | 'financial'): Rational => {
    const xs = experts.filter((e) => e.role === role);
    return rat(
      xs.reduce((a, e) => a + BigInt(e.total), 0n),
      BigInt(xs.length),
    );
  };
  const tech = mean('technical');
  const fin = mean('financial');
  const avg = add(tech, fin);
  const passed = cmp(avg, rat(rs.passAbove)) > 0;
  steps.push(
    step(
      'hnte.review.outcome',
      rs.refs.conditions[6],
      { experts: experts.length },
      {
        technicalAverage: show(tech),
        financialAverage: show(fin),
        average: show(avg),
        passAbove: rs.passAbove,
        passed,
      },
    ),
  );
  return {
    average: Number(toDecimal(avg, 4).replace('…', '')),
    averageExact: show(avg),
    passed,
    technicalAverage: show(tech),
    financialAverage: show(fin),
    experts,
    trace: { ruleSetId: rs.id, legalReference: rs.legalReference, steps },
  };
}
