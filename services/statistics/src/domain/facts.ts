import type { IsoDate } from '@peiyu/policy';
import type { SourceEvent } from './events';

/** A fact holds from its business date, once it has been recorded (`knownAt`). */
interface Dated {
  readonly on: IsoDate;
  readonly knownAt: string;
}

export interface LocationFact extends Dated {
  readonly countyCode: string;
}

export interface EnterpriseFacts {
  readonly uscc: string;
  /** Where it was registered and every move, oldest first. */
  readonly locations: LocationFact[];
  deregistered: Dated | null;
}

export interface SmeEntryFact extends Dated {
  readonly evaluationId: string;
  readonly uscc: string;
  /** The county that entered it (SmeEntered.countyCode): new entries count there. */
  readonly countyCode: string;
  readonly validUntil: IsoDate;
  revoked: Dated | null;
}

export interface CertificateFact extends Dated {
  readonly certificateNumber: string;
  readonly uscc: string;
  readonly validUntil: IsoDate;
  /** A cancellation counts from its decision date, not its retroactive `effectiveFrom` (see README). */
  cancelled: Dated | null;
  expired: Dated | null;
}

export interface TitleFact extends Dated {
  readonly grantId: string;
  readonly uscc: string;
  readonly titleCode: string;
  readonly titleName: string;
  readonly validUntil: IsoDate | null;
  revoked: Dated | null;
}

export interface SourceFacts {
  readonly enterprises: ReadonlyMap<string, EnterpriseFacts>;
  readonly smeEntries: ReadonlyMap<string, SmeEntryFact>;
  readonly certificates: ReadonlyMap<string, CertificateFact>;
  readonly titles: ReadonlyMap<string, TitleFact>;
  /** Follow-up events whose subject (entry, certificate, grant) never arrived: reported, not applied. */
  readonly orphans: number;
}

interface Mutable {
  enterprises: Map<string, EnterpriseFacts>;
  smeEntries: Map<string, SmeEntryFact>;
  certificates: Map<string, CertificateFact>;
  titles: Map<string, TitleFact>;
  orphans: number;
}

function enterprise(f: Mutable, uscc: string): EnterpriseFacts {
  let e = f.enterprises.get(uscc);
  if (!e) {
    e = { uscc, locations: [], deregistered: null };
    f.enterprises.set(uscc, e);
  }
  return e;
}

// The first record of a fact wins: a duplicate delivery (at-least-once Kafka) must not move its dates.
function apply(f: Mutable, event: SourceEvent): void {
  const knownAt = event.recordedAt;
  switch (event.type) {
    case 'EnterpriseRegistered':
      enterprise(f, event.data.uscc).locations.push({
        on: event.data.foundedOn,
        countyCode: event.data.divisionCode,
        knownAt,
      });
      return;
    case 'EnterpriseRelocated': {
      const e = enterprise(f, event.data.uscc);
      const dup = e.locations.some(
        (l) => l.on === event.data.effectiveOn && l.countyCode === event.data.toDivisionCode,
      );
      if (!dup)
        e.locations.push({ on: event.data.effectiveOn, countyCode: event.data.toDivisionCode, knownAt });
      return;
    }
    case 'EnterpriseDeregistered': {
      const e = enterprise(f, event.data.uscc);
      e.deregistered ??= { on: event.data.effectiveOn, knownAt };
      return;
    }
    case 'SmeEntered':
      if (f.smeEntries.has(event.data.evaluationId)) return;
      f.smeEntries.set(event.data.evaluationId, {
        evaluationId: event.data.evaluationId,
        uscc: event.data.uscc,
        countyCode: event.data.countyCode,
        on: event.data.enteredOn,
        validUntil: event.data.validUntil,
        knownAt,
        revoked: null,
      });
      return;
    case 'SmeEntryRevoked': {
      const entry = f.smeEntries.get(event.data.evaluationId);
      if (entry) entry.revoked ??= { on: event.data.revokedOn, knownAt };
      else f.orphans += 1;
      return;
    }
    case 'HnteCertified':
      if (f.certificates.has(event.data.certificateNumber)) return;
      f.certificates.set(event.data.certificateNumber, {
        certificateNumber: event.data.certificateNumber,
        uscc: event.data.uscc,
        on: event.data.issuedOn,
        validUntil: event.data.validUntil,
        knownAt,
        cancelled: null,
        expired: null,
      });
      return;
    case 'HnteCancelled': {
      const c = f.certificates.get(event.data.certificateNumber);
      if (c) c.cancelled ??= { on: event.data.decidedOn, knownAt };
      else f.orphans += 1;
      return;
    }
    case 'CertificateExpired': {
      const c = f.certificates.get(event.data.certificateNumber);
      if (c) c.expired ??= { on: event.data.expiredOn, knownAt };
      else f.orphans += 1;
      return;
    }
    case 'EnterpriseTitleGranted':
      if (f.titles.has(event.data.grantId)) return;
      f.titles.set(event.data.grantId, {
        grantId: event.data.grantId,
        uscc: event.data.uscc,
        titleCode: event.data.titleCode,
        titleName: event.data.titleName,
        on: event.data.grantedOn,
        validUntil: event.data.validUntil,
        knownAt,
        revoked: null,
      });
      return;
    case 'EnterpriseTitleRevoked': {
      const t = f.titles.get(event.data.grantId);
      if (t) t.revoked ??= { on: event.data.revokedOn, knownAt };
      else f.orphans += 1;
      return;
    }
  }
}

// Events that act on a fact another event creates. They come from other streams (a revocation is on the
// evaluation stream, the entry on the batch stream), so across topics they may arrive first: they are applied
// after every creating event, which makes the fold independent of the order of delivery.
const FOLLOW_UPS: ReadonlySet<SourceEvent['type']> = new Set([
  'SmeEntryRevoked',
  'HnteCancelled',
  'CertificateExpired',
  'EnterpriseTitleRevoked',
]);

/**
 * Folds the source events, in any order, into dated facts. Pure: the result depends on the set of events only;
 * every query then filters by a date and by what was known at an instant.
 */
export function foldSourceEvents(events: Iterable<SourceEvent>): SourceFacts {
  const f: Mutable = {
    enterprises: new Map(),
    smeEntries: new Map(),
    certificates: new Map(),
    titles: new Map(),
    orphans: 0,
  };
  const all = [...events];
  for (const e of all) if (!FOLLOW_UPS.has(e.type)) apply(f, e);
  for (const e of all) if (FOLLOW_UPS.has(e.type)) apply(f, e);
  for (const e of f.enterprises.values())
    e.locations.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return f;
}

/** The point of view of a query: business date `asOf`, using only facts recorded up to `knownAt` (if given). */
export interface AsOf {
  readonly asOf: IsoDate;
  readonly knownAt?: string;
}

/** Recorded by then (instants compared as time, not text: offsets may differ). */
export const known = (fact: { knownAt: string } | null, at: AsOf): boolean =>
  fact !== null && (at.knownAt === undefined || Date.parse(fact.knownAt) <= Date.parse(at.knownAt));

/** Happened on or before `date` and known at the query's instant. */
export const happenedBy = (fact: Dated | null, date: IsoDate, at: AsOf): fact is Dated =>
  fact !== null && fact.on <= date && known(fact, at);

/** The enterprise's county on a date as known then; null when the registry has not told us. */
export function countyOn(facts: SourceFacts, uscc: string, date: IsoDate, at: AsOf): string | null {
  const e = facts.enterprises.get(uscc);
  let county: string | null = null;
  for (const l of e?.locations ?? []) if (happenedBy(l, date, at)) county = l.countyCode;
  return county;
}
