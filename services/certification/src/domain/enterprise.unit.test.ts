import { deciderSpec, fold, type DecisionContext } from '@peiyu/eventstore';
import { allEvents } from '@peiyu/contracts';
import { applicationDecider, type ApplicationCommand } from './application';
import type { Application } from './application-state';
import { enterpriseHnteDecider, type EnterpriseHnteCommand } from './enterprise-decide';
import { currentCertificate } from './enterprise-state';
import { hasCode } from './errors';
import type { EnterpriseEvent } from './events';
import {
  APP_ID,
  history,
  on,
  ports,
  recommendedSteps,
  SEED,
  USCC,
} from './test-support/application-fixtures';

type Step = [ApplicationCommand, DecisionContext];
const messageOf = (code: string, pattern: RegExp) => (e: unknown) =>
  hasCode(code)(e) && pattern.test((e as Error).message);

function approved(): Application {
  const draw: Step = [{ type: 'DrawPanel', seed: SEED }, on('2022-07-20')];
  const drawn = history([...recommendedSteps, draw]);
  const members = (drawn[3] as Extract<(typeof drawn)[number], { type: 'PanelDrawn' }>).data.members;
  const scores: Step[] = members.map((m) => [
    {
      type: 'RecordExpertScore',
      expertId: m.expertId,
      sheet:
        m.role === 'financial'
          ? { role: 'financial', netAssetGrowth: 6, salesGrowth: 6 }
          : {
              role: 'technical',
              ip: { advancement: 8, coreSupport: 8, quantity: 8, acquisition: 6, bonus: 0 },
              conversion: 22,
              organisation: { management: 5, institution: 5, incentives: 3, training: 3 },
            },
    },
    on('2022-07-25', 'expert'),
  ]);
  const events = history([
    ...recommendedSteps,
    draw,
    ...scores,
    [{ type: 'ConcludeReview' }, on('2022-08-01')],
    [{ type: 'OpenPublicNotice', noticeId: 'n1' }, on('2022-08-03')],
    [{ type: 'ClosePublicNotice' }, on('2022-08-18')],
  ]);
  const a = fold(applicationDecider(ports()), events);
  if (a?.status !== 'approved') throw new Error(`fixture application is ${a?.status}`);
  return a;
}

const app = approved();
const d = enterpriseHnteDecider({
  application: (id) => (id === APP_ID ? app : null),
  enterpriseName: () => '岳阳示例新材料有限公司',
});
const NUMBER = 'GR202243000001';
const certifyCmd: EnterpriseHnteCommand = {
  type: 'CertifyHnte',
  uscc: USCC,
  applicationId: APP_ID,
  certificateNumber: NUMBER,
};
const certified: EnterpriseEvent = {
  type: 'HnteCertified',
  data: {
    uscc: USCC,
    certificateNumber: NUMBER,
    field: 'new_materials',
    issuedOn: '2022-09-01',
    validUntil: '2025-08-31',
    kind: 'first',
    latestYearRevenue: 37 * 100 * 1_000_000,
    countyCode: '430602',
    provinceCode: '430000',
    applicationId: APP_ID,
    ruleSetId: 'hnte-2016-32',
  },
};
const ref = { uscc: USCC, certificateNumber: NUMBER };
const figures = {
  ipClassI: 1,
  ipClassII: 2,
  employees: 110,
  techStaff: 22,
  rdExpense: 300_000_000,
  salesRevenue: 4_000_000_000,
  totalRevenue: 4_100_000_000,
};
const filed = (reportYear: number, filedOn: string): EnterpriseEvent => ({
  type: 'AnnualReportFiled',
  data: {
    ...ref,
    reportYear,
    filedOn,
    dueOn: `${reportYear + 1}-05-31`,
    late: filedOn > `${reportYear + 1}-05-31`,
    figures,
  },
});
const missed = (reportYear: number, n: number): EnterpriseEvent => ({
  type: 'AnnualReportMissed',
  data: {
    ...ref,
    reportYear,
    dueOn: `${reportYear + 1}-05-31`,
    recordedOn: `${reportYear + 1}-06-01`,
    missedInTotal: n,
  },
});

describe('certification', () => {
  it('certifies an approved application: GR number, 3 years from the issue date, kind first', () => {
    deciderSpec(d).given([]).when(certifyCmd, on('2022-09-01')).then([certified]);
    expect(() =>
      allEvents().validate({ type: 'HnteCertified', schemaVersion: 2, data: certified.data }),
    ).not.toThrow();
  });

  it('refuses an unknown or unapproved application, a second certification and a foreign number', () => {
    deciderSpec(d)
      .given([])
      .when({ ...certifyCmd, applicationId: 'nope' }, on('2022-09-01'))
      .thenRejects('no_application');
    const pending = enterpriseHnteDecider({
      application: () => ({ ...app, status: 'in_notice' }),
      enterpriseName: () => null,
    });
    deciderSpec(pending)
      .given([])
      .when(certifyCmd, on('2022-09-01'))
      .thenThrows(messageOf('application_not_approved', /in_notice/));
    deciderSpec(d)
      .given([certified])
      .when({ ...certifyCmd, certificateNumber: 'GR202243000002' }, on('2022-09-02'))
      .thenRejects('already_certified');
    deciderSpec(d)
      .given([])
      .when({ ...certifyCmd, certificateNumber: 'GR202241000001' }, on('2022-09-01'))
      .thenRejects('number_wrong_province');
  });

  it('certifies again after expiry as a re-certification, superseding nothing still valid', () => {
    const later = { ...app, applicationId: 'app-2025' };
    const d2 = enterpriseHnteDecider({
      application: (id) => (id === 'app-2025' ? later : null),
      enterpriseName: () => null,
    });
    const expired: EnterpriseEvent = {
      type: 'CertificateExpired',
      data: { ...ref, expiredOn: '2025-09-01' },
    };
    deciderSpec(d2)
      .given([certified, expired])
      .when(
        { ...certifyCmd, applicationId: 'app-2025', certificateNumber: 'GR202543000010' },
        on('2025-10-10'),
      )
      .then([
        {
          type: 'HnteCertified',
          data: {
            ...certified.data,
            certificateNumber: 'GR202543000010',
            applicationId: 'app-2025',
            issuedOn: '2025-10-10',
            validUntil: '2028-10-09',
            kind: 'recertification',
          },
        },
      ]);
  });

  it('records a certificate moving in with its own validity, unless one is held or it has expired', () => {
    const cmd: EnterpriseHnteCommand = {
      type: 'RegisterMovedInCertificate',
      uscc: USCC,
      certificateNumber: 'GR202144000123',
      field: 'aerospace',
      issuedOn: '2021-12-20',
      provinceCode: '430000',
      countyCode: '430602',
      ruleSetId: 'hnte-2016-32',
    };
    deciderSpec(d)
      .given([])
      .when(cmd, on('2022-03-01'))
      .then([
        {
          type: 'HnteCertified',
          data: {
            uscc: USCC,
            certificateNumber: 'GR202144000123',
            field: 'aerospace',
            issuedOn: '2021-12-20',
            validUntil: '2024-12-19',
            provinceCode: '430000',
            countyCode: '430602',
            ruleSetId: 'hnte-2016-32',
            kind: 'moving_in',
            latestYearRevenue: null,
            applicationId: null,
          },
        },
      ]);
    deciderSpec(d).given([certified]).when(cmd, on('2022-09-02')).thenRejects('certificate_held');
    deciderSpec(d).given([]).when(cmd, on('2025-01-01')).thenRejects('certificate_expired');
  });
});

describe('annual reports (32号 第十七条: by the end of May)', () => {
  it('files the report on the previous year, on time or late', () => {
    deciderSpec(d)
      .given([certified])
      .when({ type: 'FileAnnualReport', reportYear: 2022, figures }, on('2023-05-31'))
      .then([filed(2022, '2023-05-31')]);
    deciderSpec(d)
      .given([certified])
      .when({ type: 'FileAnnualReport', reportYear: 2022, figures }, on('2023-06-10'))
      .then([filed(2022, '2023-06-10')]);
    expect(filed(2022, '2023-06-10').data).toMatchObject({ late: true });
  });

  it('refuses a year not finished or outside the certificate, and a second report', () => {
    const spec = deciderSpec(d).given([certified]);
    spec
      .when({ type: 'FileAnnualReport', reportYear: 2023, figures }, on('2023-03-01'))
      .thenRejects('report_year_out_of_range');
    spec
      .when({ type: 'FileAnnualReport', reportYear: 2021, figures }, on('2023-03-01'))
      .thenRejects('report_year_out_of_range');
    deciderSpec(d)
      .given([certified, filed(2022, '2023-04-01')])
      .when({ type: 'FileAnnualReport', reportYear: 2022, figures }, on('2023-04-02'))
      .thenRejects('report_already_filed');
    deciderSpec(d)
      .given([])
      .when({ type: 'FileAnnualReport', reportYear: 2022, figures }, on('2023-04-02'))
      .thenRejects('no_valid_certificate');
  });

  it('flags a missed report after the end of May, not before, not when filed, not twice', () => {
    deciderSpec(d)
      .given([certified])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2022 }, on('2023-06-01'))
      .then([missed(2022, 1)]);
    deciderSpec(d)
      .given([certified])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2022 }, on('2023-05-31'))
      .thenThrows(messageOf('report_not_yet_due', /2023-05-31/));
    deciderSpec(d)
      .given([certified, filed(2022, '2023-05-02')])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2022 }, on('2023-06-01'))
      .thenRejects('report_filed');
    deciderSpec(d)
      .given([certified, missed(2022, 1)])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2022 }, on('2023-06-02'))
      .thenRejects('already_marked_missed');
    deciderSpec(d)
      .given([certified])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2025 }, on('2026-06-01'))
      .thenThrows(messageOf('report_not_required', /2025 due 2026-05-31/));
    deciderSpec(d)
      .given([certified])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2021 }, on('2023-06-01'))
      .thenRejects('report_not_required');
  });

  it('proposes cancellation at the second missed report in total (32号 第二十条(三))', () => {
    deciderSpec(d)
      .given([certified, missed(2022, 1), filed(2023, '2024-05-01')])
      .when({ type: 'RecordMissedAnnualReport', reportYear: 2024 }, on('2025-06-01'))
      .then([
        {
          type: 'AnnualReportMissed',
          data: { ...ref, reportYear: 2024, dueOn: '2025-05-31', recordedOn: '2025-06-01', missedInTotal: 2 },
        },
        {
          type: 'CancellationProposed',
          data: {
            ...ref,
            ground: 'annual_reports_missed',
            proposedOn: '2025-06-01',
            conductYear: 2025,
            reason: 'annual reports missed in total: 2022, 2024 (32号 第二十条(三))',
          },
        },
      ]);
  });
});

describe('major change (32号 第十八条)', () => {
  const rename: EnterpriseHnteCommand = {
    type: 'ReportMajorChange',
    change: 'name_change',
    description: '企业更名',
    changedOn: '2023-03-01',
    stillQualified: true,
    newName: '岳阳新材料科技股份有限公司',
  };

  it('re-issues the certificate after a name change with the same number and validity', () => {
    deciderSpec(d)
      .given([certified])
      .when(rename, on('2023-04-01'))
      .then([
        {
          type: 'MajorChangeReported',
          data: {
            ...ref,
            change: 'name_change',
            description: '企业更名',
            changedOn: '2023-03-01',
            reportedOn: '2023-04-01',
            dueOn: '2023-06-01',
            late: false,
            newName: '岳阳新材料科技股份有限公司',
            outcome: 'reissued',
          },
        },
        {
          type: 'CertificateReissued',
          data: {
            ...ref,
            previousName: '岳阳示例新材料有限公司',
            newName: '岳阳新材料科技股份有限公司',
            reissuedOn: '2023-04-01',
            validUntil: '2025-08-31',
          },
        },
        {
          type: 'HnteCertified',
          data: { ...certified.data, kind: 'reissue_after_name_change', latestYearRevenue: null },
        },
      ]);
    const after = deciderSpec(d).given([certified]).when(rename, on('2023-04-01'));
    after.thenState({ ...deciderSpec(d).given([certified]).state, name: '岳阳新材料科技股份有限公司' });
  });

  it('cancels from the year of the change when no longer qualified', () => {
    deciderSpec(d)
      .given([certified])
      .when(
        {
          type: 'ReportMajorChange',
          change: 'business_change',
          description: '主营业务变更为批发零售',
          changedOn: '2023-11-20',
          stillQualified: false,
        },
        on('2024-01-10'),
      )
      .then([
        {
          type: 'MajorChangeReported',
          data: {
            ...ref,
            change: 'business_change',
            description: '主营业务变更为批发零售',
            changedOn: '2023-11-20',
            reportedOn: '2024-01-10',
            dueOn: '2024-02-20',
            late: false,
            newName: null,
            outcome: 'cancelled',
          },
        },
        {
          type: 'HnteCancelled',
          data: {
            ...ref,
            ground: 'no_longer_qualified',
            effectiveFrom: '2023-01-01',
            effectiveYear: 2023,
            decidedOn: '2024-01-10',
            reason: '主营业务变更为批发零售',
          },
        },
      ]);
  });

  it('keeps the status for a qualified change, and proposes cancellation when reported after 3 months', () => {
    const merger: EnterpriseHnteCommand = {
      type: 'ReportMajorChange',
      change: 'merger',
      description: '吸收合并子公司',
      changedOn: '2023-01-31',
      stillQualified: true,
    };
    const [kept] = d.decide(merger, deciderSpec(d).given([certified]).state, on('2023-04-30'));
    expect(kept).toMatchObject({ data: { dueOn: '2023-04-30', late: false, outcome: 'kept' } });
    deciderSpec(d)
      .given([certified])
      .when(merger, on('2023-05-01'))
      .then([
        {
          type: 'MajorChangeReported',
          data: {
            ...ref,
            change: 'merger',
            description: '吸收合并子公司',
            changedOn: '2023-01-31',
            reportedOn: '2023-05-01',
            dueOn: '2023-04-30',
            late: true,
            newName: null,
            outcome: 'kept',
          },
        },
        {
          type: 'CancellationProposed',
          data: {
            ...ref,
            ground: 'major_change_not_reported',
            proposedOn: '2023-05-01',
            conductYear: 2023,
            reason: 'major change of 2023-01-31 reported on 2023-05-01, after 2023-04-30',
          },
        },
      ]);
  });

  it('refuses a rename without a name, a change in the future or before the certificate', () => {
    const spec = deciderSpec(d).given([certified]);
    spec.when({ ...rename, newName: ' ' }, on('2023-04-01')).thenRejects('new_name_required');
    spec.when({ ...rename, changedOn: '2023-05-01' }, on('2023-04-01')).thenRejects('change_in_future');
    spec
      .when({ ...rename, changedOn: '2022-08-01' }, on('2023-04-01'))
      .thenRejects('change_before_certificate');
  });
});

describe('relocation (32号 第十九条)', () => {
  const move = (scope: 'whole' | 'partial'): EnterpriseHnteCommand => ({
    type: 'ReportRelocation',
    scope,
    fromDivisionCode: '430602',
    toDivisionCode: '410402',
    movedOn: '2023-06-01',
    description: '迁往平顶山',
  });

  it('keeps the certificate on a whole move, with a transfer record', () => {
    deciderSpec(d)
      .given([certified])
      .when(move('whole'), on('2023-06-10'))
      .then([
        {
          type: 'CertificateTransferred',
          data: {
            ...ref,
            fromDivisionCode: '430602',
            toDivisionCode: '410402',
            movedOn: '2023-06-01',
            recordedOn: '2023-06-10',
          },
        },
      ]);
    const s = deciderSpec(d).given([
      certified,
      ...d.decide(move('whole'), deciderSpec(d).given([certified]).state, on('2023-06-10')),
    ]).state;
    expect(currentCertificate(s)).toMatchObject({
      certificateNumber: NUMBER,
      countyCode: '410402',
      status: 'valid',
    });
  });

  it('requires re-recognition on a partial move', () => {
    deciderSpec(d)
      .given([certified])
      .when(move('partial'), on('2023-06-10'))
      .then([
        {
          type: 'MajorChangeReported',
          data: {
            ...ref,
            change: 'partial_relocation',
            description: '迁往平顶山',
            changedOn: '2023-06-01',
            reportedOn: '2023-06-10',
            dueOn: '2023-09-01',
            late: false,
            newName: null,
            outcome: 'rerecognition_required',
          },
        },
      ]);
    deciderSpec(d)
      .given([certified])
      .when(move('whole'), on('2023-05-01'))
      .thenRejects('moved_outside_validity');
  });
});

describe('cancellation and expiry', () => {
  const cancel: EnterpriseHnteCommand = {
    type: 'CancelHnte',
    ground: 'application_fraud',
    conductYear: 2022,
    reason: '申报材料弄虚作假',
  };

  it('cancels on a stated ground from the year of the conduct', () => {
    deciderSpec(d)
      .given([certified])
      .when(cancel, on('2024-03-01'))
      .then([
        {
          type: 'HnteCancelled',
          data: {
            ...ref,
            ground: 'application_fraud',
            effectiveFrom: '2022-01-01',
            effectiveYear: 2022,
            decidedOn: '2024-03-01',
            reason: '申报材料弄虚作假',
          },
        },
      ]);
    const s = deciderSpec(d).given([
      certified,
      ...d.decide(cancel, deciderSpec(d).given([certified]).state, on('2024-03-01')),
    ]).state;
    expect(s.cancellations).toEqual([
      { certificateNumber: NUMBER, decidedOn: '2024-03-01', effectiveYear: 2022 },
    ]);
    deciderSpec(d)
      .given([certified])
      .when({ ...cancel, conductYear: 2020 }, on('2024-03-01'))
      .thenRejects('conduct_year_out_of_range');
    deciderSpec(d)
      .given([certified])
      .when({ ...cancel, reason: ' ' }, on('2024-03-01'))
      .thenRejects('reason_required');
  });

  it('proposes a cancellation once; a cancelled certificate takes no further after care', () => {
    const propose: EnterpriseHnteCommand = {
      type: 'ProposeCancellation',
      ground: 'major_accident_or_environmental_violation',
      conductYear: 2023,
      reason: '发生重大安全事故',
    };
    deciderSpec(d)
      .given([certified])
      .when(propose, on('2023-10-01', 'county_reviewer'))
      .then([
        {
          type: 'CancellationProposed',
          data: {
            ...ref,
            ground: 'major_accident_or_environmental_violation',
            proposedOn: '2023-10-01',
            conductYear: 2023,
            reason: '发生重大安全事故',
          },
        },
      ]);
    const proposed = [
      certified,
      ...d.decide(propose, deciderSpec(d).given([certified]).state, on('2023-10-01')),
    ];
    deciderSpec(d).given(proposed).when(propose, on('2023-10-02')).thenRejects('proposal_pending');
    const gone = [...proposed, ...d.decide(cancel, deciderSpec(d).given(proposed).state, on('2023-11-01'))];
    deciderSpec(d)
      .given(gone)
      .when({ type: 'FileAnnualReport', reportYear: 2022, figures }, on('2023-11-02'))
      .thenRejects('no_valid_certificate');
    deciderSpec(d).given(gone).when(cancel, on('2023-11-02')).thenRejects('no_valid_certificate');
  });

  it('expires the day after the last day of validity, by the clock', () => {
    deciderSpec(d)
      .given([certified])
      .when({ type: 'ExpireCertificate' }, on('2025-08-31'))
      .thenThrows(messageOf('not_yet_expired', /2025-08-31/));
    deciderSpec(d)
      .given([certified])
      .when({ type: 'ExpireCertificate' }, on('2025-09-01'))
      .then([{ type: 'CertificateExpired', data: { ...ref, expiredOn: '2025-09-01' } }]);
  });
});
