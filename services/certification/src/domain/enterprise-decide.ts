import type { HnteApplicationForm, MAJOR_CHANGE_KINDS } from '@peiyu/contracts';
import type { Decider, DecisionContext } from '@peiyu/eventstore';
import type { Application } from './application-state';
import { addDays, addMonths, annualReportDueOn, validUntilOf, yearOf } from './dates';
import {
  currentCertificate,
  evolveEnterpriseHnte,
  initialEnterpriseHnteState,
  type CancellationGround,
  type Certificate,
  type EnterpriseHnteState,
} from './enterprise-state';
import { refuse } from './errors';
import type { DataOf, EnterpriseEvent } from './events';

type Figures = DataOf<EnterpriseEvent, 'AnnualReportFiled'>['figures'];
type ChangeKind = Exclude<(typeof MAJOR_CHANGE_KINDS)[number], 'partial_relocation'>;

export type EnterpriseHnteCommand =
  | { type: 'CertifyHnte'; uscc: string; applicationId: string; certificateNumber: string }
  | {
      type: 'RegisterMovedInCertificate';
      uscc: string;
      certificateNumber: string;
      field: Certificate['field'];
      issuedOn: string;
      provinceCode: string;
      countyCode: string;
      ruleSetId: string;
    }
  | { type: 'FileAnnualReport'; reportYear: number; figures: Figures }
  | { type: 'RecordMissedAnnualReport'; reportYear: number }
  | {
      type: 'ReportMajorChange';
      change: ChangeKind;
      description: string;
      changedOn: string;
      /** The recognition body's finding on the report (32号 第十八条: 经认定机构审核). */
      stillQualified: boolean;
      newName?: string | null;
    }
  | {
      type: 'ReportRelocation';
      scope: 'whole' | 'partial';
      fromDivisionCode: string;
      toDivisionCode: string;
      movedOn: string;
      description: string;
    }
  | { type: 'ProposeCancellation'; ground: CancellationGround; conductYear: number; reason: string }
  | { type: 'CancelHnte'; ground: CancellationGround; conductYear: number; reason: string }
  | { type: 'ExpireCertificate' };

export interface EnterpriseHntePorts {
  /** The application stream's state (the shell reads it by id from its read model). */
  application(applicationId: string): Application | null;
  /** The enterprise's current registered name (registry view), for the re-issue record. */
  enterpriseName(uscc: string): string | null;
}

/** 32号 第十八条: a major change is reported within 3 months. */
export const MAJOR_CHANGE_MONTHS = 3;
/** 32号 第二十条(三): two annual reports missed in total. */
export const MISSED_REPORTS_FOR_CANCELLATION = 2;

function inForce(s: EnterpriseHnteState): Certificate {
  const c = currentCertificate(s);
  if (!c)
    throw refuse('conflict', 'no_valid_certificate', 'the enterprise holds no HNTE certificate in force');
  return c;
}

const certRef = (s: EnterpriseHnteState, c: Certificate) => ({
  uscc: s.uscc as string,
  certificateNumber: c.certificateNumber,
});

function latestYearRevenue(form: HnteApplicationForm): number {
  return form.financials[form.financials.length - 1]?.totalRevenue ?? 0;
}

function certify(
  s: EnterpriseHnteState,
  c: Extract<EnterpriseHnteCommand, { type: 'CertifyHnte' }>,
  today: string,
  ports: EnterpriseHntePorts,
): EnterpriseEvent[] {
  if (s.uscc !== null && s.uscc !== c.uscc)
    throw refuse('invalid', 'wrong_stream', 'the command names another enterprise than its record');
  const a = ports.application(c.applicationId);
  if (!a || a.uscc !== c.uscc)
    throw refuse('not_found', 'no_application', `no application ${c.applicationId} of ${c.uscc}`);
  if (a.status !== 'approved' || !a.submission) {
    throw refuse(
      'conflict',
      'application_not_approved',
      `application ${c.applicationId} is ${a.status}; only an application approved after its 公示 is certified`,
    );
  }
  if (s.certificates.some((x) => x.applicationId === c.applicationId)) {
    throw refuse('conflict', 'already_certified', `application ${c.applicationId} was already certified`);
  }
  if (s.certificates.some((x) => x.certificateNumber === c.certificateNumber)) {
    throw refuse(
      'conflict',
      'number_in_use',
      `certificate number ${c.certificateNumber} is already on this record`,
    );
  }
  if (c.certificateNumber.slice(6, 8) !== a.submission.provinceCode.slice(0, 2)) {
    throw refuse(
      'invalid',
      'number_wrong_province',
      `certificate number ${c.certificateNumber} is not of province ${a.submission.provinceCode}`,
    );
  }
  const data = {
    uscc: c.uscc,
    certificateNumber: c.certificateNumber,
    field: a.form.field,
    issuedOn: today,
    validUntil: validUntilOf(today),
    kind: s.certificates.length > 0 ? ('recertification' as const) : ('first' as const),
    latestYearRevenue: latestYearRevenue(a.form),
    countyCode: a.submission.countyCode,
    provinceCode: a.submission.provinceCode,
    applicationId: a.applicationId,
    ruleSetId: a.submission.ruleSetId,
  };
  return [{ type: 'HnteCertified', data }];
}

function movedIn(
  s: EnterpriseHnteState,
  c: Extract<EnterpriseHnteCommand, { type: 'RegisterMovedInCertificate' }>,
  today: string,
): EnterpriseEvent[] {
  if (s.uscc !== null && s.uscc !== c.uscc)
    throw refuse('invalid', 'wrong_stream', 'the command names another enterprise than its record');
  const held = currentCertificate(s);
  if (held)
    throw refuse(
      'conflict',
      'certificate_held',
      `the enterprise already holds certificate ${held.certificateNumber}`,
    );
  const validUntil = validUntilOf(c.issuedOn);
  if (validUntil < today)
    throw refuse(
      'conflict',
      'certificate_expired',
      `certificate ${c.certificateNumber} expired after ${validUntil}`,
    );
  const { type: _t, ...rest } = c;
  const data = {
    ...rest,
    validUntil,
    kind: 'moving_in' as const,
    latestYearRevenue: null,
    applicationId: null,
  };
  return [{ type: 'HnteCertified', data }];
}

function fileReport(
  s: EnterpriseHnteState,
  c: Extract<EnterpriseHnteCommand, { type: 'FileAnnualReport' }>,
  today: string,
): EnterpriseEvent[] {
  const cert = inForce(s);
  const first = yearOf(cert.issuedOn);
  if (c.reportYear < first || c.reportYear >= yearOf(today) || c.reportYear > yearOf(cert.validUntil)) {
    throw refuse(
      'invalid',
      'report_year_out_of_range',
      `an annual report of certificate ${cert.certificateNumber} covers a finished year from ${first} while it is in force; ${c.reportYear} is not one`,
      'reportYear',
    );
  }
  if (cert.reportsFiled.includes(c.reportYear)) {
    throw refuse('conflict', 'report_already_filed', `the ${c.reportYear} annual report was already filed`);
  }
  const dueOn = annualReportDueOn(c.reportYear);
  const data = {
    ...certRef(s, cert),
    reportYear: c.reportYear,
    filedOn: today,
    dueOn,
    late: today > dueOn,
    figures: c.figures,
  };
  return [{ type: 'AnnualReportFiled', data }];
}

/** Recorded by the clock after the end of May; the second miss in total proposes a cancellation (32号 第二十条(三)). */
function missReport(s: EnterpriseHnteState, reportYear: number, today: string): EnterpriseEvent[] {
  const cert = inForce(s);
  const dueOn = annualReportDueOn(reportYear);
  if (reportYear < yearOf(cert.issuedOn) || dueOn > cert.validUntil) {
    throw refuse(
      'invalid',
      'report_not_required',
      `certificate ${cert.certificateNumber} owes no report on ${reportYear} due ${dueOn}`,
      'reportYear',
    );
  }
  if (today <= dueOn)
    throw refuse('conflict', 'report_not_yet_due', `the ${reportYear} annual report is due by ${dueOn}`);
  if (cert.reportsFiled.includes(reportYear))
    throw refuse('conflict', 'report_filed', `the ${reportYear} annual report was filed`);
  if (cert.reportsMissed.includes(reportYear))
    throw refuse(
      'conflict',
      'already_marked_missed',
      `the ${reportYear} annual report is already marked missed`,
    );
  const missed = [...cert.reportsMissed, reportYear];
  const ref = certRef(s, cert);
  const events: EnterpriseEvent[] = [
    {
      type: 'AnnualReportMissed',
      data: { ...ref, reportYear, dueOn, recordedOn: today, missedInTotal: missed.length },
    },
  ];
  if (missed.length >= MISSED_REPORTS_FOR_CANCELLATION && !cert.pendingProposal) {
    const reason = `annual reports missed in total: ${missed.join(', ')} (32号 第二十条(三))`;
    events.push({
      type: 'CancellationProposed',
      data: {
        ...ref,
        ground: 'annual_reports_missed',
        proposedOn: today,
        conductYear: yearOf(dueOn),
        reason,
      },
    });
  }
  return events;
}

function cancelled(
  s: EnterpriseHnteState,
  cert: Certificate,
  ground: CancellationGround,
  effectiveYear: number,
  reason: string,
  today: string,
): EnterpriseEvent {
  const data = {
    ...certRef(s, cert),
    ground,
    effectiveFrom: `${effectiveYear}-01-01`,
    effectiveYear,
    decidedOn: today,
    reason,
  };
  return { type: 'HnteCancelled', data };
}

function majorChange(
  s: EnterpriseHnteState,
  c: Extract<EnterpriseHnteCommand, { type: 'ReportMajorChange' }>,
  today: string,
  ports: EnterpriseHntePorts,
): EnterpriseEvent[] {
  const cert = inForce(s);
  if (c.changedOn > today)
    throw refuse(
      'invalid',
      'change_in_future',
      `a change on ${c.changedOn} has not happened yet`,
      'changedOn',
    );
  if (c.changedOn < cert.issuedOn)
    throw refuse(
      'invalid',
      'change_before_certificate',
      `the change on ${c.changedOn} predates certificate ${cert.certificateNumber}`,
      'changedOn',
    );
  const newName = c.newName?.trim() || null;
  if (c.change === 'name_change' && !newName)
    throw refuse('invalid', 'new_name_required', 'a name change states the new name', 'newName');
  const dueOn = addMonths(c.changedOn, MAJOR_CHANGE_MONTHS);
  const late = today > dueOn;
  const ref = certRef(s, cert);
  const outcome = !c.stillQualified ? 'cancelled' : c.change === 'name_change' ? 'reissued' : 'kept';
  const reported: EnterpriseEvent = {
    type: 'MajorChangeReported',
    data: {
      ...ref,
      change: c.change,
      description: c.description,
      changedOn: c.changedOn,
      reportedOn: today,
      dueOn,
      late,
      newName,
      outcome,
    },
  };
  // 32号 第十八条: not qualified → cancelled from the year of the change.
  if (outcome === 'cancelled')
    return [reported, cancelled(s, cert, 'no_longer_qualified', yearOf(c.changedOn), c.description, today)];
  const events: EnterpriseEvent[] = [reported];
  if (outcome === 'reissued') {
    // Same number and validity: the new paper certificate carries the new name.
    const previousName = s.name ?? ports.enterpriseName(ref.uscc);
    events.push({
      type: 'CertificateReissued',
      data: {
        ...ref,
        previousName,
        newName: newName as string,
        reissuedOn: today,
        validUntil: cert.validUntil,
      },
    });
    const { status: _s, reportsFiled: _f, reportsMissed: _m, pendingProposal: _p, kind: _k, ...same } = cert;
    events.push({
      type: 'HnteCertified',
      data: { ...same, uscc: ref.uscc, kind: 'reissue_after_name_change', latestYearRevenue: null },
    });
  }
  if (late && !cert.pendingProposal) {
    // 32号 第二十条(三): a major change not reported on time is a ground for cancellation.
    const reason = `major change of ${c.changedOn} reported on ${today}, after ${dueOn}`;
    events.push({
      type: 'CancellationProposed',
      data: {
        ...ref,
        ground: 'major_change_not_reported',
        proposedOn: today,
        conductYear: yearOf(dueOn),
        reason,
      },
    });
  }
  return events;
}

/** 32号 第十九条: a whole move keeps the status (transfer record); a partial move needs re-recognition. */
function relocation(
  s: EnterpriseHnteState,
  c: Extract<EnterpriseHnteCommand, { type: 'ReportRelocation' }>,
  today: string,
): EnterpriseEvent[] {
  const cert = inForce(s);
  if (c.movedOn > today || c.movedOn < cert.issuedOn || c.movedOn > cert.validUntil) {
    throw refuse(
      'invalid',
      'moved_outside_validity',
      `a move on ${c.movedOn} must fall within ${cert.issuedOn}–${cert.validUntil} and not after today`,
      'movedOn',
    );
  }
  const ref = certRef(s, cert);
  if (c.scope === 'whole') {
    return [
      {
        type: 'CertificateTransferred',
        data: {
          ...ref,
          fromDivisionCode: c.fromDivisionCode,
          toDivisionCode: c.toDivisionCode,
          movedOn: c.movedOn,
          recordedOn: today,
        },
      },
    ];
  }
  const dueOn = addMonths(c.movedOn, MAJOR_CHANGE_MONTHS);
  const data = {
    ...ref,
    change: 'partial_relocation' as const,
    description: c.description,
    changedOn: c.movedOn,
    reportedOn: today,
    dueOn,
    late: today > dueOn,
    newName: null,
    outcome: 'rerecognition_required' as const,
  };
  return [{ type: 'MajorChangeReported', data }];
}

function conductYearOk(cert: Certificate, conductYear: number, today: string): void {
  // The conduct may predate the certificate by its application year (fraud in the application).
  const from = yearOf(cert.issuedOn) - 1;
  if (conductYear < from || conductYear > yearOf(today)) {
    throw refuse(
      'invalid',
      'conduct_year_out_of_range',
      `the conduct year must be between ${from} and ${yearOf(today)}`,
      'conductYear',
    );
  }
}

function proposeOrCancel(
  s: EnterpriseHnteState,
  c: Extract<EnterpriseHnteCommand, { type: 'ProposeCancellation' | 'CancelHnte' }>,
  today: string,
): EnterpriseEvent[] {
  const cert = inForce(s);
  conductYearOk(cert, c.conductYear, today);
  const reason = c.reason.trim();
  if (!reason) throw refuse('invalid', 'reason_required', 'a cancellation states its reason', 'reason');
  if (c.type === 'CancelHnte') return [cancelled(s, cert, c.ground, c.conductYear, reason, today)];
  if (cert.pendingProposal)
    throw refuse(
      'conflict',
      'proposal_pending',
      `a cancellation on ground ${cert.pendingProposal.ground} is already proposed`,
    );
  return [
    {
      type: 'CancellationProposed',
      data: { ...certRef(s, cert), ground: c.ground, proposedOn: today, conductYear: c.conductYear, reason },
    },
  ];
}

function expire(s: EnterpriseHnteState, today: string): EnterpriseEvent[] {
  const cert = inForce(s);
  if (today <= cert.validUntil)
    throw refuse(
      'conflict',
      'not_yet_expired',
      `certificate ${cert.certificateNumber} is valid until ${cert.validUntil}`,
    );
  return [
    { type: 'CertificateExpired', data: { ...certRef(s, cert), expiredOn: addDays(cert.validUntil, 1) } },
  ];
}

function decide(
  s: EnterpriseHnteState,
  c: EnterpriseHnteCommand,
  ctx: DecisionContext,
  ports: EnterpriseHntePorts,
): EnterpriseEvent[] {
  switch (c.type) {
    case 'CertifyHnte':
      return certify(s, c, ctx.today, ports);
    case 'RegisterMovedInCertificate':
      return movedIn(s, c, ctx.today);
    case 'FileAnnualReport':
      return fileReport(s, c, ctx.today);
    case 'RecordMissedAnnualReport':
      return missReport(s, c.reportYear, ctx.today);
    case 'ReportMajorChange':
      return majorChange(s, c, ctx.today, ports);
    case 'ReportRelocation':
      return relocation(s, c, ctx.today);
    case 'ProposeCancellation':
    case 'CancelHnte':
      return proposeOrCancel(s, c, ctx.today);
    case 'ExpireCertificate':
      return expire(s, ctx.today);
  }
}

/** The enterprise HNTE-record decider with the shell's lookups bound in. */
export function enterpriseHnteDecider(
  ports: EnterpriseHntePorts,
): Decider<EnterpriseHnteState, EnterpriseHnteCommand, EnterpriseEvent> {
  return {
    initialState: initialEnterpriseHnteState,
    evolve: evolveEnterpriseHnte,
    decide: (command, state, ctx) => decide(state, command, ctx, ports),
  };
}
