import type { EntitlementFacts } from '@peiyu/policy';

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

/** The kinds `HnteCertified` v2 records; a v1 event is a first certification (its upcaster says so). */
export const HNTE_CERTIFICATION_KINDS = [
  'first',
  'recertification',
  'moving_in',
  'reissue_after_name_change',
] as const;
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
 * Reads `HnteCertified` data of either version structurally: v2 carries `kind` and `latestYearRevenue`; v1 has
 * neither and was written only for first certifications (the v1→v2 upcaster's rule), revenue unknown.
 */
export function hnteFactFromEvent(
  eventId: string,
  data: {
    uscc: string;
    certificateNumber: string;
    issuedOn: string;
    kind?: HnteKind;
    latestYearRevenue?: number | null;
  },
): HnteCertificationFact {
  return {
    kind: 'hnte-certification',
    eventId,
    uscc: data.uscc,
    certificateNumber: data.certificateNumber,
    issuedOn: data.issuedOn,
    certification: data.kind ?? 'first',
    latestYearRevenue: data.latestYearRevenue ?? null,
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
