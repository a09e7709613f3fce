import type { SmeForm } from '@peiyu/contracts';
import type { RevocationRecord } from './context';
import { revokedRecently } from './eligibility';

/** tech-sme.md workflow 2: thresholds that make a county suggest an on-site check (实地核查). */
export const ON_SITE_MAX_EMPLOYEES = 5;
/** R&D expense below 100,000 yuan, in fen. */
export const ON_SITE_MIN_RD_FEN = 100_000 * 100;

export type OnSiteSuggestion = 'few_employees' | 'no_ip' | 'low_rd_expense' | 'recent_revocation';

/** Why an on-site check is suggested for this form (empty: none). Pure: the revocations come from a view. */
export function suggestOnSiteCheck(
  form: Pick<SmeForm, 'employees' | 'ipClassI' | 'ipClassII' | 'rdExpense'>,
  revocations: ReadonlyArray<RevocationRecord>,
  today: string,
): OnSiteSuggestion[] {
  const reasons: OnSiteSuggestion[] = [];
  if (form.employees <= ON_SITE_MAX_EMPLOYEES) reasons.push('few_employees');
  if (form.ipClassI + form.ipClassII === 0) reasons.push('no_ip');
  if (form.rdExpense < ON_SITE_MIN_RD_FEN) reasons.push('low_rd_expense');
  if (revokedRecently(revocations, today)) reasons.push('recent_revocation');
  return reasons;
}
