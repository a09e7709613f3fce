import {
  HNTE_CERTIFICATION_KINDS,
  type EventData,
  type HnteCancelledV2,
  type HnteCertifiedV2,
  type SmeEntered,
  type SmeEntryRevoked,
} from '@peiyu/contracts';
import type { EntitlementFacts } from '@peiyu/policy';
import type { Cancellation } from './events';

/** An entered tech SME (`SmeEntered`), with last year's entry when there was one ("entered two years in a row"). */
export interface SmeEntryFact {
  readonly kind: 'sme-entry';
  readonly eventId: string;
  readonly uscc: string;
  readonly countyCode: string;
  readonly registrationNumber: string;
  readonly enteredOn: string;
  readonly previousEntry: { readonly eventId: string; readonly registrationNumber: string } | null;
}

/** `SmeEntered` → the fact of an entry award; `previous` is last year's entry of the enterprise, if any. */
export function smeEntryFromEvent(
  eventId: string,
  data: EventData<typeof SmeEntered>,
  previous: SmeEntryFact['previousEntry'],
): SmeEntryFact {
  return {
    kind: 'sme-entry',
    eventId,
    uscc: data.uscc,
    countyCode: data.countyCode,
    registrationNumber: data.registrationNumber,
    enteredOn: data.enteredOn,
    previousEntry: previous,
  };
}

export type HnteKind = (typeof HNTE_CERTIFICATION_KINDS)[number];

export interface HnteCertificationFact {
  readonly kind: 'hnte-certification';
  readonly eventId: string;
  readonly uscc: string;
  readonly certificateNumber: string;
  readonly issuedOn: string;
  readonly certification: HnteKind;
  /** Latest-year revenue in fen; null when the event does not carry it (v1, moving in). */
  readonly latestYearRevenue: number | null;
}

export type AwardFact = SmeEntryFact | HnteCertificationFact;

/**
 * `HnteCertified` as decoded through the contracts' registry: v2 (a v1 event is upcast to v2 as a first
 * certification with unknown revenue, `hnteCertifiedV1toV2`).
 */
export function hnteFactFromEvent(
  eventId: string,
  data: EventData<typeof HnteCertifiedV2>,
): HnteCertificationFact {
  return {
    kind: 'hnte-certification',
    eventId,
    uscc: data.uscc,
    certificateNumber: data.certificateNumber,
    issuedOn: data.issuedOn,
    certification: data.kind,
    latestYearRevenue: data.latestYearRevenue,
  };
}

/** `HnteCancelled` v2 → what the ledgers recover: shares on the certificate from its effective year on. */
export function cancellationOfHnte(eventId: string, data: EventData<typeof HnteCancelledV2>): Cancellation {
  return {
    kind: 'hnte-cancelled',
    reference: data.certificateNumber,
    effectiveFrom: data.effectiveFrom,
    effectiveYear: data.effectiveYear,
    eventId,
  };
}

/**
 * `SmeEntryRevoked` → a clawback only when the revocation is for fraud (subsidy.md: "a fraud revocation of a
 * tech-SME entry"); the entry was void from its campaign year, so every award on it is recovered.
 */
export function cancellationOfSmeRevocation(
  eventId: string,
  data: EventData<typeof SmeEntryRevoked>,
): Cancellation | null {
  if (!data.fraud) return null;
  return {
    kind: 'sme-entry-revoked-fraud',
    reference: data.registrationNumber,
    effectiveFrom: data.revokedOn,
    effectiveYear: data.year,
    eventId,
  };
}

const POLICY_KIND = {
  first: 'first',
  recertification: 'recertification',
  moving_in: 'moving-in',
  reissue_after_name_change: 'name-change-reissue',
} as const;

/** One input of a calculation with the event it came from (subsidy.md: the trace names every input's source). */
export interface SourcedInput {
  readonly name: string;
  readonly value: string | number | boolean | null | readonly string[];
  readonly sourceEventId: string | null;
}

export interface PreparedFacts {
  readonly facts: EntitlementFacts;
  readonly inputs: readonly SourcedInput[];
  readonly basis: { kind: 'sme-entry' | 'hnte-certificate'; reference: string; eventId: string };
  readonly factDate: string;
}

/** The facts @peiyu/policy calculates from, and the sourced inputs the trace records. */
export function prepareAwardFacts(fact: AwardFact, provinciallyAdministered: boolean): PreparedFacts {
  if (fact.kind === 'sme-entry') {
    const prev = fact.previousEntry;
    return {
      facts: {
        factDate: fact.enteredOn,
        provinciallyAdministered,
        entered: true,
        enteredPreviousYear: prev !== null,
        sourceEvents: { entered: fact.eventId, ...(prev ? { enteredPreviousYear: prev.eventId } : {}) },
      },
      inputs: [
        { name: 'registrationNumber', value: fact.registrationNumber, sourceEventId: fact.eventId },
        { name: 'enteredOn', value: fact.enteredOn, sourceEventId: fact.eventId },
        { name: 'enteredPreviousYear', value: prev !== null, sourceEventId: prev?.eventId ?? null },
      ],
      basis: { kind: 'sme-entry', reference: fact.registrationNumber, eventId: fact.eventId },
      factDate: fact.enteredOn,
    };
  }
  return {
    facts: {
      factDate: fact.issuedOn,
      provinciallyAdministered,
      certification: POLICY_KIND[fact.certification],
      latestYearRevenue: fact.latestYearRevenue ?? 0,
      sourceEvents: { certification: fact.eventId },
    },
    inputs: [
      { name: 'certificateNumber', value: fact.certificateNumber, sourceEventId: fact.eventId },
      { name: 'certification', value: fact.certification, sourceEventId: fact.eventId },
      { name: 'latestYearRevenue', value: fact.latestYearRevenue, sourceEventId: fact.eventId },
    ],
    basis: { kind: 'hnte-certificate', reference: fact.certificateNumber, eventId: fact.eventId },
    factDate: fact.issuedOn,
  };
}
