import type { SmeForm } from '@peiyu/contracts';
import { scoreTechSme, techSmeOnSiteCheckFlags, techSmeRuleSetFor } from '@peiyu/policy';
import type { Rng } from './rng';

const YUAN = 100; // fen per yuan

/**
 * An information form of a small tech firm: log-uniform size (10–400 staff, revenue 3–150 M yuan), R&D 3–12 %
 * of revenue, a fifth to a half of the staff technical, IP mostly class II. Forms that would not qualify are
 * strengthened (the service refuses to submit them, so history never holds them).
 */
export function smeForm(r: Rng, uscc: string, year: number): SmeForm {
  const employees = r.logInt(10, 400);
  const salesRevenue = r.logInt(3_000_000, 150_000_000) * YUAN;
  const form: SmeForm = {
    employees,
    techStaff: Math.max(1, Math.round(employees * (0.2 + r.float() * 0.3))),
    salesRevenue,
    totalAssets: Math.round(salesRevenue * (0.6 + r.float())),
    rdExpense: Math.round(salesRevenue * (0.03 + r.float() * 0.09)),
    totalCostExpense: Math.round(salesRevenue * (0.6 + r.float() * 0.35)),
    ipClassI: r.chance(0.3) ? r.int(1, 5) : 0,
    ipClassII: r.int(0, 20),
    evidence: Array.from({ length: r.int(2, 5) }, (_, i) => `evidence/${uscc}/${year}/${i + 1}.pdf`),
  };
  return score(form, year).eligible
    ? form
    : {
        ...form,
        ipClassI: Math.max(1, form.ipClassI),
        techStaff: Math.round(employees * 0.5),
        rdExpense: Math.round(salesRevenue * 0.08),
      };
}

export function score(form: SmeForm, year: number) {
  const { evidence: _e, direct, ...figures } = form;
  return scoreTechSme(
    { ...figures, direct: { ...direct, validHnteCertificate: false } },
    { ruleSet: techSmeRuleSetFor(year) },
  );
}

const FLAG_REASONS: Record<string, 'few_employees' | 'no_ip' | 'low_rd_expense'> = {
  'onsite.employees': 'few_employees',
  'onsite.no-ip': 'no_ip',
  'onsite.rd': 'low_rd_expense',
};

/** The submission's score and suggested on-site checks, as the service records them. */
export function submissionFacts(form: SmeForm, year: number) {
  const result = score(form, year);
  const ruleSet = techSmeRuleSetFor(year);
  const flags = techSmeOnSiteCheckFlags({ ...form, revokedRecently: false }, { ruleSet });
  return {
    ruleSetId: result.trace.ruleSetId,
    score: {
      eligible: result.eligible,
      qualifiedBy: result.qualifiedBy,
      points: { ...result.points },
      rdInputBasis: result.rdInputBasis,
      reasons: [...result.reasons],
    },
    onSiteCheckSuggested: flags.map((f) => FLAG_REASONS[f.split(':')[0]!]).filter((x) => x !== undefined),
  };
}
