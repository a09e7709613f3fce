import type { SmeForm } from '@peiyu/contracts';
import { EVALUATION_STATUSES, type EvaluationStatus } from '../domain';

/**
 * The demo's plan: every county gets an evaluation in every status. A county has few demo enterprises and an
 * enterprise one live evaluation per campaign year, so the nine statuses are spread over (enterprise, year)
 * slots: enterprise i, year `current - j` holds status number 3i + j of PLAN_ORDER.
 * Entries (entered, revoked) are of the **current** campaign year: an entry of campaign Y is valid to 31 March
 * of Y + 1 (policy techSmeCampaign), so an entry of last year's campaign would already be expired on the day
 * the demo enters it from April on (issue 11 §2). The revoked entry is its enterprise's only evaluation of the
 * current year, so the revocation bars nothing the demo still needs.
 */
export const PLAN_ORDER: readonly EvaluationStatus[] = [
  'draft',
  'submitted',
  'returned',
  'entered',
  'withdrawn',
  'batched',
  'revoked',
  'forwarded',
  'rejected',
];
/** Every status, in the lifecycle's order (the demo covers them all). */
export const STATUS_ORDER: readonly EvaluationStatus[] = EVALUATION_STATUSES;

export interface Slot {
  uscc: string;
  countyCode: string;
  year: number;
  target: EvaluationStatus;
}

export function planCounty(usccs: readonly string[], countyCode: string, currentYear: number): Slot[] {
  const slots: Slot[] = [];
  const sorted = [...usccs].sort();
  PLAN_ORDER.forEach((target, k) => {
    const uscc = sorted[Math.floor(k / 3)];
    if (uscc) slots.push({ uscc, countyCode, year: currentYear - (k % 3), target });
  });
  return slots;
}

/** What a slot needs after its draft, up to the county's part. */
export function countySteps(target: EvaluationStatus): Array<'submit' | 'return' | 'pass' | 'withdraw'> {
  switch (target) {
    case 'draft':
      return [];
    case 'submitted':
      return ['submit'];
    case 'returned':
      return ['submit', 'return'];
    case 'withdrawn':
      return ['submit', 'withdraw'];
    default:
      return ['submit', 'pass'];
  }
}

/**
 * A qualifying form, varied by a seed so the demo does not look cloned: 30–69 staff, 30% of them technical,
 * R&D at 6–8% of revenue, one or two class I patents.
 */
export function demoForm(seed: number): SmeForm {
  const employees = 30 + (seed % 40);
  const revenue = (20 + (seed % 30)) * 1_000_000 * 100;
  return {
    employees,
    techStaff: Math.ceil(employees * 0.3),
    salesRevenue: revenue,
    totalAssets: Math.round(revenue * 0.8),
    rdExpense: Math.round((revenue * (6 + (seed % 3))) / 100),
    totalCostExpense: Math.round(revenue * 0.85),
    ipClassI: 1 + (seed % 2),
    ipClassII: seed % 4,
    evidence: [`evidence/demo/${seed}/information-form.pdf`],
  };
}
