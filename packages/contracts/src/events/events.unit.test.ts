import { allEvents } from './index';

const uscc = '91410402MA9G5K2X8R';
describe('domain events', () => {
  it('decodes an EnterpriseRegistered and rejects a bad one', () => {
    const r = allEvents();
    const data = {
      uscc,
      name: '平顶山市示例科技有限公司',
      divisionCode: '410402',
      foundedOn: '2019-05-20',
      industry: null,
      hnteField: 'new_materials',
      contact: { name: '张三', phone: '0375-1234567', email: 'a@example.cn' },
    };
    expect(r.decode({ type: 'EnterpriseRegistered', schemaVersion: 1, data }).data).toEqual(data);
    expect(() =>
      r.decode({ type: 'EnterpriseRegistered', schemaVersion: 1, data: { ...data, divisionCode: '4104' } }),
    ).toThrow(/divisionCode/);
  });

  it('checks the HNTE certificate number shape', () => {
    const r = allEvents();
    const ok = {
      uscc,
      certificateNumber: 'GR202341000123',
      field: 'aerospace',
      issuedOn: '2023-12-08',
      validUntil: '2026-12-07',
    };
    expect(r.decode({ type: 'HnteCertified', schemaVersion: 1, data: ok }).data).toEqual(ok);
    expect(() =>
      r.decode({ type: 'HnteCertified', schemaVersion: 1, data: { ...ok, certificateNumber: 'GR2023' } }),
    ).toThrow(/certificateNumber/);
  });

  it('lists every event type once', () => {
    expect(allEvents().types()).toEqual([
      'AddedToBatch',
      'BudgetAllocated',
      'CertificateExpired',
      'ClawbackOrdered',
      'EnterpriseDeregistered',
      'EnterpriseProfileUpdated',
      'EnterpriseRegistered',
      'EnterpriseRelocated',
      'EnterpriseRenamed',
      'EntitlementCalculated',
      'FormalReviewPassed',
      'HnteCancelled',
      'HnteCertified',
      'ObjectionLodged',
      'ObjectionResolved',
      'OnSiteCheckFlagged',
      'PolicyVersionPublished',
      'PublicNoticeClosed',
      'PublicNoticeEndMoved',
      'PublicNoticeOpened',
      'RdSubsidyApplied',
      'RdSubsidyVerified',
      'RecoveryRecorded',
      'ReturnedForCorrection',
      'ReviewDueDateMoved',
      'RevocationRequested',
      'SanctionLifted',
      'SanctionRecorded',
      'SentBackByProvince',
      'ShareApproved',
      'ShareDisbursed',
      'ShareReduced',
      'ShareWithdrawn',
      'SmeEntered',
      'SmeEntryRevoked',
      'SmeEvaluationDrafted',
      'SmeEvaluationSubmitted',
      'SmeEvaluationUpdated',
      'SmeEvaluationWithdrawn',
      'SpotCheckRecorded',
      'WorkingCalendarCorrected',
      'WorkingCalendarPublished',
    ]);
  });
});
