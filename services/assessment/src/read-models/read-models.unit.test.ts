import type { EventEnvelope } from '@peiyu/eventstore';
import { campaignOf, registrationNumberFormats } from '../campaigns';
import { ASSESSMENT_SCOPE } from '../http/access';
import { enterprisesProjection } from './enterprises';
import { hnteCertificatesProjection } from './hnte-certificates';

const USCC = '91410402MA9G5K2X8R';
let version = 0;
function envelope(type: string, data: unknown): EventEnvelope {
  return {
    eventId: `e-${++version}`,
    streamId: `s-${USCC}`,
    streamVersion: version,
    type,
    schemaVersion: 1,
    occurredAt: '2026-03-01T00:00:00.000Z',
    recordedAt: '2026-03-01T00:00:00.000Z',
    actor: { role: 'system', id: 'test' },
    correlationId: 'c',
    causationId: null,
    data,
  };
}

describe('enterprise view projection (registry topic)', () => {
  const { apply } = enterprisesProjection(ASSESSMENT_SCOPE);
  it('follows registration, relocation and sanctions, keyed for county queries', () => {
    let doc = apply(
      undefined,
      envelope('EnterpriseRegistered', { uscc: USCC, name: '示例', divisionCode: '410402' }),
    );
    doc = apply(doc, envelope('EnterpriseRelocated', { uscc: USCC, toDivisionCode: '410403' }));
    doc = apply(
      doc,
      envelope('SanctionRecorded', {
        uscc: USCC,
        sanctionId: 's1',
        kind: 'major_quality_accident',
        occurredOn: '2026-02-01',
      }),
    );
    expect(doc).toMatchObject({
      uscc: USCC,
      countyCode: '410403',
      cityCode: '410400',
      provinceCode: '410000',
      view: { sanctions: [{ sanctionId: 's1' }] },
    });
  });
  it('ignores events of an enterprise it never saw registered', () => {
    expect(apply(undefined, envelope('EnterpriseRenamed', { uscc: USCC, newName: 'x' }))).toBeUndefined();
  });
});

describe('HNTE certificates projection (certification topic)', () => {
  const { apply } = hnteCertificatesProjection();
  it('records a certificate and its cancellation, found by USCC', () => {
    const cert = {
      uscc: USCC,
      certificateNumber: 'GR202541000123',
      issuedOn: '2025-11-01',
      validUntil: '2028-10-31',
    };
    let doc = apply(undefined, envelope('HnteCertified', { ...cert, field: 'new_materials' }));
    doc = apply(
      doc,
      envelope('HnteCancelled', {
        uscc: USCC,
        certificateNumber: cert.certificateNumber,
        effectiveFrom: '2026-01-01',
      }),
    );
    expect(doc).toEqual({
      uscc: USCC,
      certificates: [
        {
          certificateNumber: 'GR202541000123',
          issuedOn: '2025-11-01',
          validUntil: '2028-10-31',
          endedOn: '2026-01-01',
        },
      ],
    });
  });
  it('leaves other event types alone', () => {
    expect(apply(undefined, envelope('SomethingElse', {}))).toBeUndefined();
  });
});

describe('campaign parameters and topics', () => {
  it('judges a campaign by its rule set, 5 + 10 working days, valid to 31 March of the next year', () => {
    expect(campaignOf('410000', 2022)).toMatchObject({
      ruleSetId: 'tsme-2017-115',
      countyReviewWorkingDays: 5,
    });
    expect(campaignOf('410000', 2026)).toMatchObject({
      noticeWorkingDays: 10,
      entryValidUntil: '2027-03-31',
    });
    expect(campaignOf('410000', 2016)).toBeNull();
  });
  it('takes per-province number templates and refuses a template without exactly one {seq:N}', () => {
    const formats = registrationNumberFormats('{"430000":"HN{year}{seq:5}"}');
    expect([formats('430000'), formats('410000')]).toEqual(['HN{year}{seq:5}', '{year}{province}{seq:6}']);
    expect(() => registrationNumberFormats('{"430000":"HN{year}"}')).toThrow(RangeError);
    expect(() => registrationNumberFormats('[]')).toThrow(/JSON object/);
  });
});
