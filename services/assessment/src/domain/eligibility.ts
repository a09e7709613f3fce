import type { EnterpriseView, RevocationRecord, SanctionView } from './context';
import { barringSanctions } from '@peiyu/policy';
import { addYears } from './dates';

/** Years a fraud revocation bars re-evaluation, and the look-back of the on-site check suggestion. */
export const FRAUD_BAR_YEARS = 3;
export const RECENT_REVOCATION_YEARS = 3;

/**
 * Condition 4 of tech-sme.md looks at "the previous accounting year and the current year": for campaign year Y
 * the window runs from 1 January of Y-1 to today.
 */
export function sanctionWindowStart(campaignYear: number): string {
  return `${campaignYear - 1}-01-01`;
}

/**
 * The sanctions that bar a submission for campaign `year` on `submittedOn`: policy's `barringSanctions`
 * (115号 第六条(四)). An occurrence (accident, violation, misconduct) in the previous or current year bars,
 * lifted or not; a listing (经营异常名录, 严重违法失信名单) bars only while it stands on the submission date —
 * "未列入…名单" speaks of the present, so a listing lifted before does not bar.
 */
export function sanctionsInWindow(
  enterprise: Pick<EnterpriseView, 'sanctions'>,
  year: number,
  submittedOn: string,
): SanctionView[] {
  return barringSanctions(enterprise.sanctions, year, submittedOn).barring;
}

/**
 * The fraud revocation that bars the enterprise on `today`, with the first day it may be evaluated again
 * (the third anniversary of the revocation), or null.
 */
export function fraudBar(
  revocations: ReadonlyArray<RevocationRecord>,
  today: string,
): { revokedOn: string; allowedFrom: string } | null {
  let bar: { revokedOn: string; allowedFrom: string } | null = null;
  for (const r of revocations) {
    if (!r.fraud) continue;
    const allowedFrom = addYears(r.revokedOn, FRAUD_BAR_YEARS);
    if (today < allowedFrom && (!bar || allowedFrom > bar.allowedFrom))
      bar = { revokedOn: r.revokedOn, allowedFrom };
  }
  return bar;
}

/** Whether any revocation (fraud or not) happened within the last three years before `today`. */
export function revokedRecently(revocations: ReadonlyArray<RevocationRecord>, today: string): boolean {
  return revocations.some(
    (r) => r.revokedOn <= today && today < addYears(r.revokedOn, RECENT_REVOCATION_YEARS),
  );
}
