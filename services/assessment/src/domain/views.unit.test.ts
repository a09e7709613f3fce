import { USCC_A, WEIDONG, XINHUA } from './test-support/fixtures';
import {
  evolveEnterpriseView,
  evolveHnteCertificates,
  hnteValidOn,
  revocationRecord,
  type CertificationFeedEvent,
  type HnteCertificateView,
  type RegistryFeedEvent,
} from './views';

describe('local enterprise view (from registry events)', () => {
  const events: RegistryFeedEvent[] = [
    {
      type: 'EnterpriseRegistered',
      data: {
        uscc: USCC_A,
        name: '甲公司',
        divisionCode: XINHUA,
        foundedOn: '2019-05-20',
        industry: null,
        hnteField: null,
        contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
      },
    },
    {
      type: 'EnterpriseRenamed',
      data: { uscc: USCC_A, previousName: '甲公司', newName: '乙公司', effectiveOn: '2024-01-02' },
    },
    {
      type: 'EnterpriseRelocated',
      data: { uscc: USCC_A, fromDivisionCode: XINHUA, toDivisionCode: WEIDONG, effectiveOn: '2024-06-01' },
    },
    {
      type: 'SanctionRecorded',
      data: {
        uscc: USCC_A,
        sanctionId: 's1',
        kind: 'business_anomaly_list',
        occurredOn: '2024-07-01',
        reference: '豫市监〔2024〕1号',
      },
    },
    {
      type: 'SanctionLifted',
      data: { uscc: USCC_A, sanctionId: 's1', liftedOn: '2024-09-01', reason: '已补报年报' },
    },
  ];

  it('keeps the current name and county and the sanctions with their lifting', () => {
    expect(events.reduce(evolveEnterpriseView, null)).toEqual({
      uscc: USCC_A,
      name: '乙公司',
      divisionCode: WEIDONG,
      status: 'active',
      sanctions: [
        { sanctionId: 's1', kind: 'business_anomaly_list', occurredOn: '2024-07-01', liftedOn: '2024-09-01' },
      ],
    });
  });

  it('marks a deregistration and ignores events before a registration', () => {
    const gone = [
      ...events,
      { type: 'EnterpriseDeregistered', data: { uscc: USCC_A, effectiveOn: '2025-01-01', reason: '注销' } },
    ] as RegistryFeedEvent[];
    expect(gone.reduce(evolveEnterpriseView, null)?.status).toBe('deregistered');
    expect(evolveEnterpriseView(null, events[1] as RegistryFeedEvent)).toBeNull();
  });
});

describe('HNTE certificate view (from certification events)', () => {
  const certified: CertificationFeedEvent = {
    type: 'HnteCertified',
    data: {
      uscc: USCC_A,
      certificateNumber: 'GR202341000123',
      field: 'aerospace',
      issuedOn: '2023-12-08',
      validUntil: '2026-12-07',
    },
  };
  const fold = (es: CertificationFeedEvent[]): HnteCertificateView[] => es.reduce(evolveHnteCertificates, []);

  it('is valid from the issue date to the last valid day', () => {
    const certs = fold([certified]);
    expect(hnteValidOn(certs, '2023-12-07')).toBe(false);
    expect(hnteValidOn(certs, '2023-12-08')).toBe(true);
    expect(hnteValidOn(certs, '2026-12-07')).toBe(true);
    expect(hnteValidOn(certs, '2026-12-08')).toBe(false);
  });

  it('stops counting from a cancellation’s effective date or an expiry', () => {
    const cancelled = fold([
      certified,
      {
        type: 'HnteCancelled',
        data: {
          uscc: USCC_A,
          certificateNumber: 'GR202341000123',
          ground: 'application_fraud',
          effectiveFrom: '2025-01-01',
          decidedOn: '2025-06-30',
        },
      },
    ]);
    expect(hnteValidOn(cancelled, '2024-12-31')).toBe(true);
    expect(hnteValidOn(cancelled, '2025-01-01')).toBe(false);
    const expired = fold([
      certified,
      {
        type: 'CertificateExpired',
        data: { uscc: USCC_A, certificateNumber: 'GR202341000123', expiredOn: '2026-06-01' },
      },
    ]);
    expect(hnteValidOn(expired, '2026-05-31')).toBe(true);
    expect(hnteValidOn(expired, '2026-06-01')).toBe(false);
  });

  it('turns a revocation event into the record the bars use', () => {
    expect(
      revocationRecord({
        evaluationId: 'ev-1',
        uscc: USCC_A,
        year: 2025,
        registrationNumber: '202541000001',
        revokedOn: '2025-12-01',
        ground: 'serious_fraud',
        fraud: true,
        reason: '虚报',
      }),
    ).toEqual({ year: 2025, revokedOn: '2025-12-01', fraud: true });
  });
});
