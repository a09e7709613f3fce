import type { EnterpriseView, RevocationRecord, SanctionView } from './context';
import { addYears } from './dates';

/** Listings are states (on a list until removed); the other kinds are one-off occurrences. */
const LISTINGS: ReadonlySet<SanctionView['kind']> = new Set([
  'business_anomaly_list',
  'serious_dishonesty_list',
]);

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
 * The sanctions that make the enterprise ineligible for campaign `year` as of `today`. An occurrence (accident,
 * violation, misconduct) counts when it happened in the window, lifted or not: lifting a record does not undo
 * the event. A listing counts when the enterprise was on the list at any time in the window.
 */
export function sanctionsInWindow(
  enterprise: Pick<EnterpriseView, 'sanctions'>,
  year: number,
  today: string,
): SanctionView[] {
  const start = sanctionWindowStart(year);
  return enterprise.sanctions.filter((s) => {
    if (s.occurredOn > today) return false;
    if (LISTINGS.has(s.kind)) return s.liftedOn === null || s.liftedOn > start;
    return s.occurredOn >= start;
  });
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
