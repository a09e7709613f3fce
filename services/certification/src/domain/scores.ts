import type { HnteRanges, HnteRuleSet } from '@peiyu/policy';
import type { ApplicationEvent, DataOf } from './events';
import { refuse } from './errors';

export type ExpertSheet = DataOf<ApplicationEvent, 'ExpertScoreRecorded'>['sheet'];
/** What an expert submits; the manual-review list of a financial sheet is the system's, not the expert's. */
export type TechnicalSheet = Extract<ExpertSheet, { role: 'technical' }>;
export type FinancialSheetInput = Omit<Extract<ExpertSheet, { role: 'financial' }>, 'manualReview'>;
export type ExpertSheetInput = TechnicalSheet | FinancialSheetInput;

interface Range {
  min: number;
  max: number;
  /** Why this range: the data-derived grade or the item's maximum. */
  basis: string;
}

const upTo = (max: number): Range => ({ min: 0, max, basis: 'item maximum' });
const derived = (r: { min: number; max: number }): Range => ({ ...r, basis: 'data-derived grade' });

/** Allowed integer range per item (195号 企业创新能力评价; the data fix the grade where they decide it). */
export function itemRanges(rs: HnteRuleSet, ranges: HnteRanges): Record<string, Range> {
  const m = rs.maxima;
  // A growth indicator flagged for manual review (negative net assets) leaves the whole range to the expert.
  const growth = (g: HnteRanges['netAssetGrowth'], max: number): Range =>
    g.manualReview ? { ...upTo(max), basis: 'manual review (no published rule)' } : derived(g);
  return {
    'ip.advancement': upTo(m.ipAdvancement),
    'ip.coreSupport': upTo(m.ipCoreSupport),
    'ip.quantity': derived(ranges.ipQuantity),
    'ip.acquisition': derived(ranges.ipAcquisition),
    'ip.bonus': upTo(m.ipBonus),
    conversion: derived(ranges.conversion),
    'organisation.management': upTo(m.orgManagement),
    'organisation.institution': upTo(m.orgInstitution),
    'organisation.incentives': upTo(m.orgIncentives),
    'organisation.training': upTo(m.orgTraining),
    netAssetGrowth: growth(ranges.netAssetGrowth, m.netAssetGrowth),
    salesGrowth: growth(ranges.salesGrowth, m.salesGrowth),
  };
}

function itemsOf(sheet: ExpertSheetInput): Array<[string, number]> {
  if (sheet.role === 'financial') {
    return [
      ['netAssetGrowth', sheet.netAssetGrowth],
      ['salesGrowth', sheet.salesGrowth],
    ];
  }
  const ip = Object.entries(sheet.ip).map(([k, v]): [string, number] => [`ip.${k}`, v]);
  const org = Object.entries(sheet.organisation).map(([k, v]): [string, number] => [`organisation.${k}`, v]);
  return [...ip, ['conversion', sheet.conversion], ...org];
}

/** Refuses the first item outside its range, naming the item and the range. */
export function checkSheet(sheet: ExpertSheetInput, allowed: Record<string, Range>): void {
  for (const [item, value] of itemsOf(sheet)) {
    const r = allowed[item];
    if (!r) throw refuse('invalid', 'unknown_score_item', `no score item ${item}`, `sheet.${item}`);
    if (!Number.isSafeInteger(value) || value < r.min || value > r.max) {
      throw refuse(
        'invalid',
        'score_out_of_range',
        `${item} = ${String(value)} is outside its range ${r.min}–${r.max} (${r.basis}); scores are integers`,
        `sheet.${item}`,
      );
    }
  }
}

/** An expert's total: the IP part is capped at 30 (the bonus cannot lift it higher). */
export function sheetTotal(sheet: ExpertSheetInput, rs: HnteRuleSet): number {
  if (sheet.role === 'financial') return sheet.netAssetGrowth + sheet.salesGrowth;
  const ip = Object.values(sheet.ip).reduce((a, b) => a + b, 0);
  const org = Object.values(sheet.organisation).reduce((a, b) => a + b, 0);
  return Math.min(ip, rs.maxima.ipTotal) + sheet.conversion + org;
}
