import type { SmeForm } from '@peiyu/contracts';
import type { OnSiteCheckFlagsFn, RevocationRecord } from './context';
import { revokedRecently } from './eligibility';

export type OnSiteSuggestion = 'few_employees' | 'no_ip' | 'low_rd_expense' | 'recent_revocation';

/** Policy's flag codes (the text before the colon) → the reasons recorded in events. */
const REASON_OF_FLAG: Readonly<Record<string, OnSiteSuggestion>> = {
  'onsite.employees': 'few_employees',
  'onsite.no-ip': 'no_ip',
  'onsite.rd': 'low_rd_expense',
  'onsite.revoked': 'recent_revocation',
};

/**
 * Why an on-site check is suggested for this form (empty: none): ≤ 5 employees, no IP, R&D < 100,000 yuan, or
 * a revocation in the last 3 years. The thresholds belong to the campaign's rule set, so the judgement is
 * policy's `techSmeOnSiteCheckFlags` (injected); this maps its flags to event codes and refuses a flag it does
 * not know rather than dropping it.
 */
export function suggestOnSiteCheck(
  form: Pick<SmeForm, 'employees' | 'ipClassI' | 'ipClassII' | 'rdExpense'>,
  revocations: ReadonlyArray<RevocationRecord>,
  today: string,
  ruleSetId: string,
  flags: OnSiteCheckFlagsFn,
): OnSiteSuggestion[] {
  const input = {
    employees: form.employees,
    ipClassI: form.ipClassI,
    ipClassII: form.ipClassII,
    rdExpense: form.rdExpense,
    revokedRecently: revokedRecently(revocations, today),
  };
  return flags(input, ruleSetId).map((flag) => {
    const reason = REASON_OF_FLAG[flag.split(':')[0] ?? ''];
    if (!reason) throw new Error(`unknown on-site check flag from policy: ${flag}`);
    return reason;
  });
}
