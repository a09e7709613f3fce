import type { IsoDate } from '@peiyu/policy';
import { countyOn, happenedBy, known, type AsOf, type SourceFacts } from './facts';
import { quarterEnd, quarterStart, type QuarterRef } from './quarters';

/** Counted from events, never typed in: one county over one period [from, to]. */
export interface CountyCounts {
  readonly countyCode: string;
  /** SmeEntered with `enteredOn` in the period, counted in the entering county. */
  techSmesEntered: number;
  /** SmeEntryRevoked with `revokedOn` in the period. */
  techSmeRevocations: number;
  /** Entries valid on `to` (entered, not past `validUntil`, not revoked, enterprise not deregistered). */
  validTechSmes: number;
  /** HnteCertified with `issuedOn` in the period, in the enterprise's county on that day. */
  hnteCertified: number;
  /** HnteCancelled decided in the period. */
  hnteCancelled: number;
  /** CertificateExpired in the period. */
  hnteExpired: number;
  /** Certificates valid on `to`. */
  validHnte: number;
}

export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Only facts recorded up to this instant (a published quarter's `knownAt`); all facts when absent. */
  readonly knownAt?: string;
}

/** Counts whose enterprise the registry has not located: reported, never silently dropped. */
export const UNLOCATED = 'unlocated';

const emptyCounts = (countyCode: string): CountyCounts => ({
  countyCode,
  techSmesEntered: 0,
  techSmeRevocations: 0,
  validTechSmes: 0,
  hnteCertified: 0,
  hnteCancelled: 0,
  hnteExpired: 0,
  validHnte: 0,
});

const inPeriod = (date: IsoDate, p: Period): boolean => date >= p.from && date <= p.to;

function deregisteredBy(facts: SourceFacts, uscc: string, date: IsoDate, at: AsOf): boolean {
  return happenedBy(facts.enterprises.get(uscc)?.deregistered ?? null, date, at);
}

function countSmeEntries(
  facts: SourceFacts,
  p: Period,
  at: AsOf,
  row: (county: string) => CountyCounts,
): void {
  for (const e of facts.smeEntries.values()) {
    if (!known(e, at)) continue;
    if (inPeriod(e.on, p)) row(e.countyCode).techSmesEntered += 1;
    if (e.revoked && known(e.revoked, at) && inPeriod(e.revoked.on, p)) {
      row(countyOn(facts, e.uscc, e.revoked.on, at) ?? e.countyCode).techSmeRevocations += 1;
    }
    const valid =
      e.on <= p.to &&
      e.validUntil >= p.to &&
      !happenedBy(e.revoked, p.to, at) &&
      !deregisteredBy(facts, e.uscc, p.to, at);
    // A relocated enterprise counts where it is now; the entering county keeps its "new entry".
    if (valid) row(countyOn(facts, e.uscc, p.to, at) ?? e.countyCode).validTechSmes += 1;
  }
}

function countCertificates(
  facts: SourceFacts,
  p: Period,
  at: AsOf,
  row: (county: string) => CountyCounts,
): void {
  const where = (uscc: string, date: IsoDate) => countyOn(facts, uscc, date, at) ?? UNLOCATED;
  for (const c of facts.certificates.values()) {
    if (!known(c, at)) continue;
    if (inPeriod(c.on, p)) row(where(c.uscc, c.on)).hnteCertified += 1;
    if (c.cancelled && known(c.cancelled, at) && inPeriod(c.cancelled.on, p)) {
      row(where(c.uscc, c.cancelled.on)).hnteCancelled += 1;
    }
    if (c.expired && known(c.expired, at) && inPeriod(c.expired.on, p)) {
      row(where(c.uscc, c.expired.on)).hnteExpired += 1;
    }
    const valid =
      c.on <= p.to &&
      c.validUntil >= p.to &&
      !happenedBy(c.cancelled, p.to, at) &&
      !happenedBy(c.expired, p.to, at) &&
      !deregisteredBy(facts, c.uscc, p.to, at);
    if (valid) row(where(c.uscc, p.to)).validHnte += 1;
  }
}

/**
 * Per-county counts over a period, as known at `period.knownAt`. Counties without any count are absent; the
 * caller lists the counties it reports on (`countsFor`). Enterprises the registry has not located are counted
 * under `UNLOCATED`.
 */
export function countyCounts(facts: SourceFacts, period: Period): ReadonlyMap<string, CountyCounts> {
  if (period.from > period.to) throw new RangeError(`period ${period.from}..${period.to} is empty`);
  const out = new Map<string, CountyCounts>();
  const row = (county: string): CountyCounts => {
    let r = out.get(county);
    if (!r) {
      r = emptyCounts(county);
      out.set(county, r);
    }
    return r;
  };
  const at: AsOf = { asOf: period.to, ...(period.knownAt === undefined ? {} : { knownAt: period.knownAt }) };
  countSmeEntries(facts, period, at, row);
  countCertificates(facts, period, at, row);
  return out;
}

/** The counts of the listed counties, zero where nothing happened. */
export function countsFor(
  counts: ReadonlyMap<string, CountyCounts>,
  countyCodes: readonly string[],
): CountyCounts[] {
  return countyCodes.map((c) => counts.get(c) ?? emptyCounts(c));
}

/**
 * One quarter's counts as of any date: the quarter from its first day up to `asOf` (clipped to its end), as
 * known at `knownAt`. A date before the quarter starts is refused.
 */
export function quarterCounts(
  facts: SourceFacts,
  q: QuarterRef,
  options: { asOf?: string; knownAt?: string } = {},
): ReadonlyMap<string, CountyCounts> {
  const end = quarterEnd(q);
  const to = options.asOf === undefined || options.asOf > end ? end : options.asOf;
  const k = options.knownAt === undefined ? {} : { knownAt: options.knownAt };
  return countyCounts(facts, { from: quarterStart(q), to, ...k });
}
