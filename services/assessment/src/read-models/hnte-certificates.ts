import type { EventEnvelope, Projection } from '@peiyu/eventstore';
import { evolveHnteCertificates, type CertificationFeedEvent, type HnteCertificateView } from '../domain';

/** HNTE certificates from the certification topic: one document per source stream, found by USCC. */
export interface HnteCertificatesDoc {
  uscc: string;
  certificates: HnteCertificateView[];
}

export const HNTE_CERTIFICATES = 'assessment_hnte_certificates';

const TYPES = new Set(['HnteCertified', 'HnteCancelled', 'CertificateExpired']);

export function hnteCertificatesProjection(): Projection<HnteCertificatesDoc> {
  return {
    name: HNTE_CERTIFICATES,
    apply(doc, event: EventEnvelope) {
      if (!TYPES.has(event.type)) return doc;
      const e = { type: event.type, data: event.data } as CertificationFeedEvent;
      const certificates = evolveHnteCertificates(doc?.certificates ?? [], e);
      return { uscc: e.data.uscc, certificates };
    },
  };
}
