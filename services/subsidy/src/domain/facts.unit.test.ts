import { allEvents, type EventData, type HnteCertifiedV2, type SmeEntryRevoked } from '@peiyu/contracts';
import {
  cancellationOfHnte,
  cancellationOfSmeRevocation,
  hnteFactFromEvent,
  smeEntryFromEvent,
} from './facts';
import { USCC } from './test-support/fixtures';

const registry = allEvents();
const v1 = {
  uscc: USCC,
  certificateNumber: 'GR202341000123',
  field: 'aerospace',
  issuedOn: '2023-12-08',
  validUntil: '2026-12-07',
};

describe('facts from other services’ events', () => {
  it('reads an HnteCertified v1 (upcast to v2) as a first certification with unknown revenue', () => {
    const decoded = registry.decode({ type: 'HnteCertified', schemaVersion: 1, data: v1 });
    expect(hnteFactFromEvent('ev-1', decoded.data as EventData<typeof HnteCertifiedV2>)).toEqual({
      kind: 'hnte-certification',
      eventId: 'ev-1',
      uscc: USCC,
      certificateNumber: 'GR202341000123',
      issuedOn: '2023-12-08',
      certification: 'first',
      latestYearRevenue: null,
    });
  });

  it('reads the kind and revenue of an HnteCertified v2', () => {
    const decoded = registry.decode({ type: 'HnteCertified', schemaVersion: 1, data: v1 }).data as EventData<
      typeof HnteCertifiedV2
    >;
    const v2 = { ...decoded, kind: 'recertification' as const, latestYearRevenue: 123 };
    expect(hnteFactFromEvent('ev-2', v2)).toMatchObject({
      certification: 'recertification',
      latestYearRevenue: 123,
    });
  });

  it('an HNTE cancellation recovers from its effective year', () => {
    const data = {
      uscc: USCC,
      certificateNumber: 'GR202341000123',
      ground: 'application_fraud',
      effectiveFrom: '2023-12-08',
      decidedOn: '2025-02-01',
    };
    const decoded = registry.decode({ type: 'HnteCancelled', schemaVersion: 1, data }).data as Parameters<
      typeof cancellationOfHnte
    >[1];
    expect(cancellationOfHnte('ev-3', decoded)).toEqual({
      kind: 'hnte-cancelled',
      reference: 'GR202341000123',
      effectiveFrom: '2023-12-08',
      effectiveYear: 2023,
      eventId: 'ev-3',
    });
  });

  it('only a fraud revocation of an entry is a clawback basis, from the campaign year', () => {
    const revoked: EventData<typeof SmeEntryRevoked> = {
      evaluationId: 'e-1',
      uscc: USCC,
      year: 2024,
      registrationNumber: 'REG-1',
      revokedOn: '2025-05-01',
      ground: 'serious_fraud',
      fraud: true,
      reason: '弄虚作假',
    };
    expect(cancellationOfSmeRevocation('ev-4', revoked)).toEqual({
      kind: 'sme-entry-revoked-fraud',
      reference: 'REG-1',
      effectiveFrom: '2025-05-01',
      effectiveYear: 2024,
      eventId: 'ev-4',
    });
    expect(cancellationOfSmeRevocation('ev-5', { ...revoked, fraud: false })).toBeNull();
  });

  it('reads SmeEntered with last year’s entry', () => {
    const entered = {
      batchId: 'b',
      evaluationId: 'e',
      uscc: USCC,
      year: 2024,
      countyCode: '410402',
      registrationNumber: 'REG-2',
      enteredOn: '2024-06-20',
      validUntil: '2025-03-31',
    };
    expect(smeEntryFromEvent('ev-6', entered, { eventId: 'ev-0', registrationNumber: 'REG-0' })).toEqual({
      kind: 'sme-entry',
      eventId: 'ev-6',
      uscc: USCC,
      countyCode: '410402',
      registrationNumber: 'REG-2',
      enteredOn: '2024-06-20',
      previousEntry: { eventId: 'ev-0', registrationNumber: 'REG-0' },
    });
  });
});
