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
    // v1 is read as v2 (upcast): the fields v1 never carried are null or derived from the number.
    expect(r.decode({ type: 'HnteCertified', schemaVersion: 1, data: ok })).toEqual({
      type: 'HnteCertified',
      schemaVersion: 2,
      data: {
        ...ok,
        kind: 'first',
        latestYearRevenue: null,
        countyCode: null,
        provinceCode: '410000',
        applicationId: null,
        ruleSetId: 'hnte-2016-32',
      },
    });
    expect(() =>
      r.decode({ type: 'HnteCertified', schemaVersion: 1, data: { ...ok, certificateNumber: 'GR2023' } }),
    ).toThrow(/certificateNumber/);
  });

  it('lists every event type once', () => {
    expect(allEvents().types()).toEqual([
      'AddedToBatch',
      'AnnualReportFiled',
      'AnnualReportMissed',
      'BudgetAllocated',
      'CancellationProposed',
      'CertificateExpired',
      'CertificateNumberAssigned',
      'CertificateReissued',
      'CertificateTransferred',
      'ClawbackOrdered',
      'CountyRecommended',
      'CountyTargetSet',
      'EnterpriseDeregistered',
      'EnterpriseProfileUpdated',
      'EnterpriseRegistered',
      'EnterpriseRelocated',
      'EnterpriseRenamed',
      'EnterpriseTitleGranted',
      'EnterpriseTitleRevoked',
      'EnterpriseTransferAccepted',
      'EnterpriseTransferRefused',
      'EnterpriseTransferRequested',
      'EntitlementCalculated',
      'ExpertEnlisted',
      'ExpertRetired',
      'ExpertScoreRecorded',
      'ExpertUpdated',
      'FormalReviewPassed',
      'HnteApplicationDeclined',
      'HnteApplicationDrafted',
      'HnteApplicationEdited',
      'HnteApplicationResubmitted',
      'HnteApplicationReturned',
      'HnteApplicationSubmitted',
      'HnteApplicationWithdrawn',
      'HnteBatchOpened',
      'HnteCancelled',
      'HnteCertified',
      'HnteObjectionLodged',
      'HnteObjectionResolved',
      'HntePublicNoticeClosed',
      'HntePublicNoticeOpened',
      'IndicatorsReported',
      'MajorChangeReported',
      'ObjectionLodged',
      'ObjectionResolved',
      'OnSiteCheckFlagged',
      'PanelDrawn',
      'PolicyVersionPublished',
      'PublicNoticeClosed',
      'PublicNoticeEndMoved',
      'PublicNoticeOpened',
      'RankingMethodSet',
      'RankingPublished',
      'RdSubsidyApplied',
      'RdSubsidyVerified',
      'RecoveryRecorded',
      'ReturnedForCorrection',
      'ReviewConcluded',
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
