import type { HNTE_CANCELLATION_GROUNDS, HNTE_CERTIFICATION_KINDS } from '@peiyu/contracts';
import type { DataOf, EnterpriseEvent } from './events';
import type { CancellationRecord } from './ports';

export type CancellationGround = (typeof HNTE_CANCELLATION_GROUNDS)[number];
export type CertificationKind = (typeof HNTE_CERTIFICATION_KINDS)[number];

export interface Certificate {
  certificateNumber: string;
  kind: CertificationKind;
  field: DataOf<EnterpriseEvent, 'HnteCertified'>['field'];
  issuedOn: string;
  validUntil: string;
  provinceCode: string;
  countyCode: string | null;
  applicationId: string | null;
  ruleSetId: string;
  /** superseded: a later certificate (re-certification) replaced it. */
  status: 'valid' | 'cancelled' | 'expired' | 'superseded';
  reportsFiled: readonly number[];
  reportsMissed: readonly number[];
  pendingProposal: { ground: CancellationGround; conductYear: number } | null;
}

/** The HNTE record of one enterprise (stream `hnte-enterprise-{uscc}`): its certificates and their after care. */
export interface EnterpriseHnteState {
  uscc: string | null;
  /** Name on the certificate, once a re-issue recorded it. */
  name: string | null;
  certificates: readonly Certificate[];
  cancellations: readonly CancellationRecord[];
}

export const initialEnterpriseHnteState: EnterpriseHnteState = {
  uscc: null,
  name: null,
  certificates: [],
  cancellations: [],
};

/** The certificate in force, if any (at most one). */
export const currentCertificate = (s: EnterpriseHnteState): Certificate | null =>
  s.certificates.find((c) => c.status === 'valid') ?? null;

function update(
  s: EnterpriseHnteState,
  number: string,
  f: (c: Certificate) => Certificate,
): EnterpriseHnteState {
  return { ...s, certificates: s.certificates.map((c) => (c.certificateNumber === number ? f(c) : c)) };
}

function certified(s: EnterpriseHnteState, d: DataOf<EnterpriseEvent, 'HnteCertified'>): EnterpriseHnteState {
  const existing = s.certificates.find((c) => c.certificateNumber === d.certificateNumber);
  if (existing) return s; // a re-issue after a name change: same number, same validity
  const cert: Certificate = {
    certificateNumber: d.certificateNumber,
    kind: d.kind,
    field: d.field,
    issuedOn: d.issuedOn,
    validUntil: d.validUntil,
    provinceCode: d.provinceCode,
    countyCode: d.countyCode,
    applicationId: d.applicationId,
    ruleSetId: d.ruleSetId,
    status: 'valid',
    reportsFiled: [],
    reportsMissed: [],
    pendingProposal: null,
  };
  const older = s.certificates.map((c) =>
    c.status === 'valid' ? { ...c, status: 'superseded' as const } : c,
  );
  return { ...s, uscc: d.uscc, certificates: [...older, cert] };
}

export function evolveEnterpriseHnte(s: EnterpriseHnteState, e: EnterpriseEvent): EnterpriseHnteState {
  switch (e.type) {
    case 'HnteCertified':
      return certified(s, e.data);
    case 'AnnualReportFiled':
      return update(s, e.data.certificateNumber, (c) => ({
        ...c,
        reportsFiled: [...c.reportsFiled, e.data.reportYear],
      }));
    case 'AnnualReportMissed':
      return update(s, e.data.certificateNumber, (c) => ({
        ...c,
        reportsMissed: [...c.reportsMissed, e.data.reportYear],
      }));
    case 'CancellationProposed':
      return update(s, e.data.certificateNumber, (c) => ({
        ...c,
        pendingProposal: { ground: e.data.ground, conductYear: e.data.conductYear },
      }));
    case 'HnteCancelled': {
      const { certificateNumber, decidedOn, effectiveYear } = e.data;
      const next = update(s, certificateNumber, (c) => ({
        ...c,
        status: 'cancelled',
        pendingProposal: null,
      }));
      return {
        ...next,
        cancellations: [...s.cancellations, { certificateNumber, decidedOn, effectiveYear }],
      };
    }
    case 'CertificateExpired':
      return update(s, e.data.certificateNumber, (c) => ({ ...c, status: 'expired' }));
    case 'CertificateReissued':
      return { ...s, name: e.data.newName };
    case 'CertificateTransferred':
      return update(s, e.data.certificateNumber, (c) => ({ ...c, countyCode: e.data.toDivisionCode }));
    case 'MajorChangeReported':
      return s;
  }
}
