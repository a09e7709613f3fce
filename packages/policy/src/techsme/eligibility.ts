import { daysBetween, type IsoDate } from '../core/dates';

/**
 * A sanction as registry events record it (kinds of @peiyu/contracts SANCTION_KINDS): a one-off occurrence
 * (accident, violation, misconduct) or a listing (business-anomaly list, serious-dishonesty list) that lasts
 * until it is lifted.
 */
export interface SanctionRecord {
  readonly kind: string;
  readonly occurredOn: IsoDate;
  readonly liftedOn: IsoDate | null;
}

/** Listings are states: on the list from `occurredOn` until `liftedOn` (exclusive). */
export const LISTING_KINDS: readonly string[] = ['business_anomaly_list', 'serious_dishonesty_list'];

const REF = '国科发政〔2017〕115号 第六条(四)';

/**
 * The sanctions that bar a tech-SME submission for campaign `year` made on `submittedOn`. 115号 第六条(四):
 * no major accident, serious environmental violation or serious research misconduct "in the previous year and
 * the current year" — an occurrence in that window counts even if later lifted, lifting does not undo it — and
 * the enterprise "未列入经营异常名录和严重违法失信企业名单": a listing bars only while it stands on the
 * submission date, not when it was lifted before.
 */
export function barringSanctions<S extends SanctionRecord>(
  sanctions: readonly S[],
  year: number,
  submittedOn: IsoDate,
): { readonly barring: S[]; readonly ref: string } {
  const windowStart = `${year - 1}-01-01`;
  const barring = sanctions.filter((s) => {
    if (daysBetween(s.occurredOn, submittedOn) < 0) return false; // not yet happened
    if (LISTING_KINDS.includes(s.kind))
      return s.liftedOn === null || daysBetween(submittedOn, s.liftedOn) > 0;
    return daysBetween(windowStart, s.occurredOn) >= 0;
  });
  return { barring, ref: REF };
}
