import type {
  CERTIFICATION_EVENTS,
  EventDefinition,
  REGISTRY_EVENTS,
  SmeEntryRevoked,
  EventData,
} from '@peiyu/contracts';
import type { z } from 'zod';
import type { EnterpriseView, RevocationRecord } from './context';

/**
 * Local views the shell keeps from other streams, as pure folds: the deciders read them through ctx lookups.
 * Each is fed the events of one enterprise, in order.
 */
type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;
export type RegistryFeedEvent = EventOf<(typeof REGISTRY_EVENTS)[number]>;
export type CertificationFeedEvent = EventOf<(typeof CERTIFICATION_EVENTS)[number]>;

/** The enterprise as assessment needs it: current county, status, sanctions (from registry events). */
export function evolveEnterpriseView(
  view: EnterpriseView | null,
  event: RegistryFeedEvent,
): EnterpriseView | null {
  if (event.type === 'EnterpriseRegistered') {
    const { uscc, name, divisionCode } = event.data;
    return { uscc, name, divisionCode, status: 'active', sanctions: [] };
  }
  if (!view) return view;
  switch (event.type) {
    case 'EnterpriseRenamed':
      return { ...view, name: event.data.newName };
    case 'EnterpriseRelocated':
      return { ...view, divisionCode: event.data.toDivisionCode };
    case 'SanctionRecorded': {
      const { sanctionId, kind, occurredOn } = event.data;
      return { ...view, sanctions: [...view.sanctions, { sanctionId, kind, occurredOn, liftedOn: null }] };
    }
    case 'SanctionLifted':
      return {
        ...view,
        sanctions: view.sanctions.map((s) =>
          s.sanctionId === event.data.sanctionId ? { ...s, liftedOn: event.data.liftedOn } : s,
        ),
      };
    case 'EnterpriseDeregistered':
      return { ...view, status: 'deregistered' };
    case 'EnterpriseProfileUpdated':
      return view;
    // A transfer request or its answer moves nothing here: the pending review stays with its county until
    // the EnterpriseRelocated that follows an acceptance (issue 12, finding 3).
    case 'EnterpriseTransferRequested':
    case 'EnterpriseTransferAccepted':
    case 'EnterpriseTransferRefused':
      return view;
  }
}

export interface HnteCertificateView {
  certificateNumber: string;
  issuedOn: string;
  validUntil: string;
  /** First day it no longer counts: cancellation's effective date or the expiry date. */
  endedOn: string | null;
}

/** An enterprise's HNTE certificates (from certification events). */
export function evolveHnteCertificates(
  certs: ReadonlyArray<HnteCertificateView>,
  event: CertificationFeedEvent,
): HnteCertificateView[] {
  const end = (number: string, on: string) =>
    certs.map((c) =>
      c.certificateNumber === number && (c.endedOn === null || on < c.endedOn) ? { ...c, endedOn: on } : c,
    );
  switch (event.type) {
    case 'HnteCertified': {
      const { certificateNumber, issuedOn, validUntil } = event.data;
      return [...certs, { certificateNumber, issuedOn, validUntil, endedOn: null }];
    }
    case 'HnteCancelled':
      // Cancelled "from the year of the conduct": it stops counting from effectiveFrom, not the decision date.
      return end(event.data.certificateNumber, event.data.effectiveFrom);
    case 'CertificateExpired':
      return end(event.data.certificateNumber, event.data.expiredOn);
  }
}

/** Direct qualification 1 of tech-sme.md: an HNTE certificate valid on the evaluation date. */
export function hnteValidOn(certs: ReadonlyArray<HnteCertificateView>, date: string): boolean {
  return certs.some(
    (c) => c.issuedOn <= date && date <= c.validUntil && (c.endedOn === null || date < c.endedOn),
  );
}

/** A revocation as the bars and the on-site suggestion need it. */
export function revocationRecord(data: EventData<typeof SmeEntryRevoked>): RevocationRecord {
  return { year: data.year, revokedOn: data.revokedOn, fraud: data.fraud };
}
