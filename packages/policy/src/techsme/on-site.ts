import { requireNonNegativeInteger } from '../core/errors';
import { TSME_2017_115, type TechSmeRuleSet } from './rule-sets';

export interface OnSiteCheckInput {
  readonly employees: number;
  readonly ipClassI: number;
  readonly ipClassII: number;
  /** Integer fen. */
  readonly rdExpense: number;
  /** A revocation of this enterprise within the look-back period (3 years). */
  readonly revokedRecently: boolean;
}

/**
 * Why the county must check an application on site (empty when it need not): ≤ 5 employees, no IP,
 * R&D < 100,000 yuan, or a revocation in the last 3 years.
 */
export function techSmeOnSiteCheckFlags(
  input: OnSiteCheckInput,
  options: { ruleSet?: TechSmeRuleSet } = {},
): string[] {
  const c = (options.ruleSet ?? TSME_2017_115).onSiteCheck;
  for (const f of ['employees', 'ipClassI', 'ipClassII', 'rdExpense'] as const)
    requireNonNegativeInteger(f, input[f]);
  const flags: string[] = [];
  if (input.employees <= c.maxEmployees)
    flags.push(`onsite.employees: ${input.employees} ≤ ${c.maxEmployees}`);
  if (input.ipClassI + input.ipClassII === 0) flags.push('onsite.no-ip: no IP');
  if (input.rdExpense < c.minRdExpense)
    flags.push(`onsite.rd: R&D ${input.rdExpense} fen < ${c.minRdExpense} fen`);
  if (input.revokedRecently) flags.push(`onsite.revoked: revoked within ${c.revocationLookbackYears} years`);
  return flags;
}
