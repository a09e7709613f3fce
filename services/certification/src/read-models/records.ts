import { HNTE_ENTERPRISE_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import {
  evolveEnterpriseHnte,
  initialEnterpriseHnteState,
  type Certificate,
  type EnterpriseEvent,
  type EnterpriseHnteState,
} from '../domain';

/**
 * Certificates, one document per certificate number, fed from the HNTE record streams: the public list of
 * certified enterprises (by province and year) and the lists of bureaus (by the county it was certified in, or
 * moved to). The record stream's state is folded per enterprise and the certificate's entry copied out, so
 * re-issues, transfers, cancellations and expiries show here as they do in the record.
 */
export interface CertificateDoc extends Place {
  certificateNumber: string;
  uscc: string;
  year: number;
  certificate: Certificate;
  status: Certificate['status'];
  /** Name on the certificate after a re-issue (else the registry's name is shown). */
  name: string | null;
  record: EnterpriseHnteState;
}

export const CERTIFICATES = 'hnte_certificates';

function keysOf(e: RecordedEvent): readonly string[] {
  if (!HNTE_ENTERPRISE_STREAM.parse(e.streamId)) return [];
  const n = (e.data as { certificateNumber?: string }).certificateNumber;
  return n ? [n] : [];
}

export function certificatesProjection(scope: ScopeOptions): StoreProjection<CertificateDoc> {
  return {
    name: CERTIFICATES,
    keysOf,
    indexes: [
      { key: { provinceCode: 1, year: 1, certificateNumber: 1 }, name: 'province_year' },
      { key: { countyCode: 1, status: 1 }, name: 'county' },
      { key: { cityCode: 1, status: 1 }, name: 'city' },
      { key: { uscc: 1 }, name: 'uscc' },
    ],
    apply(doc, e, key) {
      const record = evolveEnterpriseHnte(doc?.record ?? initialEnterpriseHnteState, {
        type: e.type,
        data: e.data,
      } as EnterpriseEvent);
      const certificate = record.certificates.find((c) => c.certificateNumber === key);
      if (!certificate) return doc;
      const county =
        e.type === 'CertificateTransferred'
          ? (e.data as { toDivisionCode: string }).toDivisionCode
          : (doc?.countyCode ?? certificate.countyCode ?? certificate.provinceCode);
      return {
        ...placeOf(county, scope),
        provinceCode: certificate.provinceCode,
        certificateNumber: key,
        uscc: record.uscc ?? '',
        year: Number(certificate.issuedOn.slice(0, 4)),
        certificate,
        status: certificate.status,
        name: record.name,
        record,
      };
    },
  };
}
