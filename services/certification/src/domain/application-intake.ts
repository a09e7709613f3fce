import type { HNTE_APPLICATION_SECTIONS, HnteApplicationForm } from '@peiyu/contracts';
import type { Application, ApplicationState } from './application-state';
import { FINAL_STATUSES } from './application-state';
import {
  batchOf,
  checkIpItems,
  current,
  liveEnterprise,
  notCancelledThisYear,
  requireStatus,
  withinWindow,
} from './application-rules';
import { refuse } from './errors';
import type { ApplicationEvent } from './events';
import type { ApplicationPorts } from './ports';
import { runPrecheck } from './precheck';

export type ApplicationSection = (typeof HNTE_APPLICATION_SECTIONS)[number];

export type IntakeCommand =
  | {
      type: 'DraftHnteApplication';
      applicationId: string;
      batchId: string;
      uscc: string;
      form: HnteApplicationForm;
    }
  | { type: 'EditHnteApplication'; form: HnteApplicationForm }
  | { type: 'SubmitHnteApplication' }
  | { type: 'ResubmitHnteApplication' }
  | { type: 'WithdrawHnteApplication'; reason?: string | null }
  | { type: 'RecommendHnteApplication'; comment?: string | null }
  | { type: 'ReturnHnteApplication'; items: Array<{ section: ApplicationSection; comment: string }> }
  | { type: 'DeclineHnteApplication'; reason: string };

const ref = (a: Application) => ({ applicationId: a.applicationId, batchId: a.batchId, uscc: a.uscc });

function draft(
  state: ApplicationState,
  c: Extract<IntakeCommand, { type: 'DraftHnteApplication' }>,
  today: string,
  ports: ApplicationPorts,
): ApplicationEvent[] {
  if (state && (state.batchId !== c.batchId || state.uscc !== c.uscc)) {
    throw refuse('invalid', 'wrong_stream', 'the command names another enterprise or batch than its stream');
  }
  if (state && !FINAL_STATUSES.has(state.status)) {
    throw refuse(
      'conflict',
      'one_live_application',
      `application ${state.applicationId} of ${c.uscc} in batch ${c.batchId} is ${state.status}: one live application per enterprise and batch`,
    );
  }
  if (state && state.status !== 'withdrawn') {
    throw refuse(
      'conflict',
      'application_decided',
      `application ${state.applicationId} in batch ${c.batchId} was ${state.status}: apply to a later batch`,
    );
  }
  if (state?.applicationId === c.applicationId) {
    throw refuse(
      'conflict',
      'duplicate_application_id',
      `application id ${c.applicationId} was already used`,
    );
  }
  const b = batchOf(c.batchId, ports);
  withinWindow(b, today);
  liveEnterprise(c.uscc, b, ports);
  notCancelledThisYear(c.uscc, b, today, ports);
  const data = {
    applicationId: c.applicationId,
    batchId: c.batchId,
    uscc: c.uscc,
    form: c.form,
    draftedOn: today,
  };
  return [{ type: 'HnteApplicationDrafted', data }];
}

function submit(
  a: Application,
  resubmission: boolean,
  today: string,
  ports: ApplicationPorts,
): ApplicationEvent[] {
  const b = batchOf(a.batchId, ports);
  if (resubmission) {
    requireStatus(a, ['returned'], 'resubmit');
    // A correction is due by the county's recommendation deadline, not within the application window.
    if (today > b.recommendationDueOn) {
      throw refuse(
        'conflict',
        'correction_too_late',
        `corrections of batch ${b.title} were due by ${b.recommendationDueOn}`,
      );
    }
  } else {
    requireStatus(a, ['draft'], 'submit');
    withinWindow(b, today);
  }
  const ent = liveEnterprise(a.uscc, b, ports);
  notCancelledThisYear(a.uscc, b, today, ports);
  checkIpItems(a, a.form, ports);
  const data = {
    ...ref(a),
    submission: a.submissions + 1,
    submittedOn: today,
    provinceCode: b.provinceCode,
    countyCode: ent.divisionCode,
    recommendationDueOn: b.recommendationDueOn,
    form: a.form,
    ruleSetId: b.ruleSetId,
    precheck: runPrecheck(a.form, ent.foundedOn, today, b.ruleSetId),
  };
  return [{ type: resubmission ? 'HnteApplicationResubmitted' : 'HnteApplicationSubmitted', data }];
}

/** The county recommends, returns or declines by the batch's recommendation deadline (hnte.md workflow 3). */
function county(a: Application, action: string, today: string): void {
  requireStatus(a, ['submitted'], action);
  const due = a.submission?.recommendationDueOn;
  if (due && today > due) {
    throw refuse('conflict', 'recommendation_overdue', `the county's recommendation was due by ${due}`);
  }
}

function returnItems(c: Extract<IntakeCommand, { type: 'ReturnHnteApplication' }>) {
  if (c.items.length === 0)
    throw refuse(
      'invalid',
      'return_without_items',
      'a return names at least one section with a comment',
      'items',
    );
  const sections = new Set<string>();
  return c.items.map(({ section, comment }) => {
    if (sections.has(section))
      throw refuse('invalid', 'section_twice', `section ${section} is returned twice`, 'items');
    sections.add(section);
    if (!comment?.trim())
      throw refuse(
        'invalid',
        'comment_required',
        `section ${section} needs a comment the enterprise can act on`,
        'items',
      );
    return { section, comment: comment.trim() };
  });
}

export function decideIntake(
  state: ApplicationState,
  c: IntakeCommand,
  today: string,
  ports: ApplicationPorts,
): ApplicationEvent[] {
  if (c.type === 'DraftHnteApplication') return draft(state, c, today, ports);
  const a = current(state);
  switch (c.type) {
    case 'EditHnteApplication':
      requireStatus(a, ['draft', 'returned'], 'edit');
      return [{ type: 'HnteApplicationEdited', data: { ...ref(a), form: c.form, editedOn: today } }];
    case 'SubmitHnteApplication':
      return submit(a, false, today, ports);
    case 'ResubmitHnteApplication':
      return submit(a, true, today, ports);
    case 'WithdrawHnteApplication':
      requireStatus(a, ['draft', 'submitted', 'returned', 'recommended', 'under_review'], 'withdraw');
      return [
        {
          type: 'HnteApplicationWithdrawn',
          data: { ...ref(a), withdrawnOn: today, reason: c.reason?.trim() || null },
        },
      ];
    case 'RecommendHnteApplication':
      county(a, 'recommend', today);
      return [
        {
          type: 'CountyRecommended',
          data: { ...ref(a), recommendedOn: today, comment: c.comment?.trim() || null },
        },
      ];
    case 'ReturnHnteApplication': {
      county(a, 'return', today);
      return [
        { type: 'HnteApplicationReturned', data: { ...ref(a), returnedOn: today, items: returnItems(c) } },
      ];
    }
    case 'DeclineHnteApplication':
      county(a, 'decline', today);
      if (!c.reason?.trim())
        throw refuse('invalid', 'reason_required', 'a decline states its reason', 'reason');
      return [
        { type: 'HnteApplicationDeclined', data: { ...ref(a), declinedOn: today, reason: c.reason.trim() } },
      ];
  }
}
