import type { EventEnvelope, RecordedEvent } from '@peiyu/eventstore';
import { exampleUscc } from '@peiyu/policy';
import { CERTIFICATION_SCOPE } from '../http/access';
import { applicationsProjection } from './applications';
import { evolveEnterpriseFacts } from './enterprises';
import { techSmesProjection } from './tech-smes';

const USCC = exampleUscc('430602', 1);
const env = (streamId: string, type: string, data: object) =>
  ({ streamId, type, data }) as unknown as EventEnvelope & RecordedEvent;

describe('the registry view: what the core ports read', () => {
  it('follows a relocation (the county the core and the scope read) and keeps sanctions with their lifting', () => {
    let v = evolveEnterpriseFacts(null, {
      type: 'EnterpriseRegistered',
      data: { uscc: USCC, name: '示例', divisionCode: '430602', foundedOn: '2015-03-01' },
    } as never);
    v = evolveEnterpriseFacts(v, {
      type: 'EnterpriseRelocated',
      data: { uscc: USCC, fromDivisionCode: '430602', toDivisionCode: '430603', effectiveOn: '2026-01-05' },
    } as never);
    v = evolveEnterpriseFacts(v, {
      type: 'SanctionRecorded',
      data: {
        uscc: USCC,
        sanctionId: 's1',
        kind: 'business_anomaly_list',
        occurredOn: '2026-02-01',
        reference: 'x',
      },
    } as never);
    v = evolveEnterpriseFacts(v, {
      type: 'SanctionLifted',
      data: { uscc: USCC, sanctionId: 's1', liftedOn: '2026-03-01', reason: 'y' },
    } as never);
    expect(v).toMatchObject({
      divisionCode: '430603',
      foundedOn: '2015-03-01',
      status: 'active',
      relocations: [{ from: '430602', to: '430603' }],
      sanctions: [{ sanctionId: 's1', liftedOn: '2026-03-01' }],
    });
  });
});

describe('entered tech SMEs from assessment', () => {
  it('lists a batch’s entries and a revocation on the evaluation stream', () => {
    const { apply: fold } = techSmesProjection();
    const entered = fold(
      undefined,
      env('sme-batch-b1', 'SmeEntered', {
        batchId: 'b1',
        evaluationId: 'e1',
        uscc: USCC,
        year: 2026,
        countyCode: '430602',
        registrationNumber: '2026430000001',
        enteredOn: '2026-04-01',
        validUntil: '2027-03-31',
      }),
    );
    expect(entered?.entries).toEqual([
      expect.objectContaining({ uscc: USCC, registrationNumber: '2026430000001' }),
    ]);
    const revoked = fold(
      undefined,
      env(`sme-evaluation-${USCC}-2026`, 'SmeEntryRevoked', { evaluationId: 'e1' }),
    );
    expect(revoked?.revoked).toEqual(['e1']);
    expect(fold(undefined, env('sme-batch-b1', 'AddedToBatch', {}))).toBeUndefined();
  });
});

describe('applications: the IP items an application claims', () => {
  it('records the submitted items (kind:number), not a draft’s', () => {
    const { apply: fold } = applicationsProjection(CERTIFICATION_SCOPE);
    const stream = `hnte-application-b1-${USCC}`;
    const form = {
      field: 'new_materials',
      ipItems: [{ kind: 'utility_model', number: 'ZL1', ipClass: 'II' }],
    };
    const drafted = fold(
      undefined,
      env(stream, 'HnteApplicationDrafted', {
        applicationId: 'a1',
        batchId: 'b1',
        uscc: USCC,
        form,
        draftedOn: '2026-06-01',
      }),
      'a1',
      undefined,
    );
    expect(drafted?.ipKeys).toEqual([]);
    const submitted = fold(
      drafted,
      env(stream, 'HnteApplicationSubmitted', {
        applicationId: 'a1',
        batchId: 'b1',
        uscc: USCC,
        form,
        submission: 1,
        submittedOn: '2026-06-02',
        provinceCode: '430000',
        countyCode: '430602',
        recommendationDueOn: '2026-07-15',
        ruleSetId: 'hnte-2016-32',
        precheck: {},
      }),
      'a1',
      undefined,
    );
    expect(submitted).toMatchObject({
      status: 'submitted',
      ipKeys: ['utility_model:ZL1'],
      countyCode: '430602',
      cityCode: '430600',
      provinceCode: '430000',
    });
  });
});
