import type {
  FORMAL_REVIEW_ITEMS,
  ON_SITE_CHECK_OUTCOMES,
  ON_SITE_CHECK_REASONS,
  SME_REVOCATION_GROUNDS,
  SmeForm,
} from '@peiyu/contracts';
import type { TechSmeInput } from '@peiyu/policy';
import type { CampaignParams, EnterpriseView, EvaluationContext, ScoreResult } from './context';
import { countyDueDate } from './due';
import { fraudBar, sanctionsInWindow } from './eligibility';
import { yearOf } from './dates';
import { refuse } from './errors';
import type { EvaluationEvent, ItemBatchEvent } from './events';
import type { Decider } from '@peiyu/eventstore';
import {
  evolveEvaluation,
  initialEvaluationState,
  CLOSED_STATUSES,
  type Evaluation,
  type EvaluationState,
  type EvaluationStatus,
} from './evaluation-state';
import { suggestOnSiteCheck } from './on-site';
import { provinceOf } from './registration-number';

export type FormalReviewItem = (typeof FORMAL_REVIEW_ITEMS)[number];
export type OnSiteCheckReason = (typeof ON_SITE_CHECK_REASONS)[number];
export type SmeRevocationGround = (typeof SME_REVOCATION_GROUNDS)[number];
export type OnSiteCheckOutcome = (typeof ON_SITE_CHECK_OUTCOMES)[number];

export type EvaluationCommand =
  | { type: 'DraftSmeEvaluation'; evaluationId: string; uscc: string; year: number; form: SmeForm }
  | { type: 'UpdateSmeEvaluation'; form: SmeForm }
  | { type: 'SubmitSmeEvaluation' }
  | { type: 'WithdrawSmeEvaluation'; reason?: string | null }
  | {
      type: 'ReviewFormally';
      /** Each of the four items exactly once; a failed item needs a comment the enterprise can act on. */
      checklist: Array<{ item: FormalReviewItem; passed: boolean; comment?: string | null }>;
    }
  | { type: 'FlagOnSiteCheck'; reasons?: OnSiteCheckReason[]; note?: string | null }
  /** The county records the result of the on-site check it flagged (实地核查结果). */
  | {
      type: 'RecordOnSiteCheck';
      checkedOn: string;
      outcome: OnSiteCheckOutcome;
      note: string;
      inspector: string;
    }
  | { type: 'SendBackToCounty'; reason: string }
  | { type: 'RequestRevocation'; ground: SmeRevocationGround; reason: string }
  | { type: 'RevokeEntry'; ground: SmeRevocationGround; fraud?: boolean; reason: string }
  /** System command after a calendar publication: recount a provisional review due date. */
  | { type: 'RecomputeReviewDue'; calendarYear: number; calendarReference: string };

const REVIEW_ITEMS: readonly FormalReviewItem[] = [
  'form_complete',
  'consistent_with_evidence',
  'signed_and_sealed',
  'no_other_problem',
];

function current(state: EvaluationState): Evaluation {
  if (!state) throw refuse('not_found', 'no_evaluation', 'no evaluation exists for this enterprise and year');
  return state;
}

/** Refuses a command the current status does not allow, naming the status and what would allow it. */
function requireStatus(e: Evaluation, allowed: readonly EvaluationStatus[], action: string): void {
  if (allowed.includes(e.status)) return;
  const code =
    e.status === 'withdrawn'
      ? 'evaluation_withdrawn'
      : e.status === 'revoked'
        ? 'entry_revoked'
        : 'wrong_status';
  throw refuse(
    'conflict',
    code,
    `cannot ${action} an evaluation that is ${e.status}; allowed only when ${allowed.join(' or ')}`,
  );
}

function liveEnterprise(uscc: string, ctx: EvaluationContext): EnterpriseView {
  const ent = ctx.enterprise(uscc);
  if (!ent) throw refuse('not_found', 'enterprise_not_registered', `no enterprise ${uscc} is registered`);
  if (ent.status !== 'active') {
    throw refuse('conflict', 'enterprise_deregistered', `enterprise ${uscc} is deregistered`);
  }
  return ent;
}

function requireCampaign(countyCode: string, year: number, ctx: EvaluationContext): CampaignParams {
  const c = ctx.campaign(provinceOf(countyCode), year);
  if (!c) throw refuse('conflict', 'no_campaign', `no evaluation campaign is configured for ${year}`, 'year');
  return c;
}

/**
 * A revoked enterprise cannot be evaluated again in the same year, and fraud bars it for 3 years (tech-sme.md
 * workflow 6). "The same year" covers the campaign of the revoked entry and the year the revocation happened
 * (an entry of last year's campaign revoked this spring still blocks this year's campaign).
 */
function notBarred(uscc: string, year: number, ctx: EvaluationContext): void {
  const revocations = ctx.revocations(uscc);
  const sameYear = revocations.find((r) => r.year === year || yearOf(r.revokedOn) === year);
  if (sameYear) {
    throw refuse(
      'conflict',
      'revoked_this_year',
      `the entry was revoked on ${sameYear.revokedOn}: no new evaluation in ${year}`,
    );
  }
  const bar = fraudBar(revocations, ctx.today);
  if (bar) {
    throw refuse(
      'conflict',
      'fraud_bar',
      `the entry was revoked for fraud on ${bar.revokedOn}: no evaluation before ${bar.allowedFrom} (3-year bar)`,
    );
  }
}

function draft(
  state: EvaluationState,
  c: Extract<EvaluationCommand, { type: 'DraftSmeEvaluation' }>,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  if (state && (state.uscc !== c.uscc || state.year !== c.year)) {
    throw refuse('invalid', 'wrong_stream', 'the command names another enterprise or year than its stream');
  }
  if (state?.status === 'revoked') {
    throw refuse(
      'conflict',
      'revoked_this_year',
      `the ${c.year} entry was revoked on ${state.revocation?.revokedOn}: no new evaluation in the same year`,
    );
  }
  if (state && !CLOSED_STATUSES.has(state.status)) {
    throw refuse(
      'conflict',
      'one_live_evaluation',
      `evaluation ${state.evaluationId} for ${c.year} is ${state.status}: one live evaluation per enterprise and year`,
    );
  }
  if (state?.evaluationId === c.evaluationId) {
    throw refuse('conflict', 'duplicate_evaluation_id', `evaluation id ${c.evaluationId} was already used`);
  }
  const enterprise = liveEnterprise(c.uscc, ctx);
  requireCampaign(enterprise.divisionCode, c.year, ctx);
  notBarred(c.uscc, c.year, ctx);
  const data = {
    evaluationId: c.evaluationId,
    uscc: c.uscc,
    year: c.year,
    form: c.form,
    draftedOn: ctx.today,
  };
  return [{ type: 'SmeEvaluationDrafted', data }];
}

function scoreForm(form: SmeForm, hnte: boolean, ruleSetId: string, ctx: EvaluationContext): ScoreResult {
  const { evidence: _evidence, direct, ...figures } = form;
  const input: TechSmeInput = { ...figures, direct: { ...direct, validHnteCertificate: hnte } };
  try {
    return ctx.score(input, ruleSetId);
  } catch (err) {
    // The policy rejects impossible figures (e.g. more tech staff than employees) with a coded error.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') throw refuse('invalid', 'form_rejected', (err as Error).message, 'form');
    throw err;
  }
}

function submit(e: Evaluation, ctx: EvaluationContext): EvaluationEvent[] {
  requireStatus(e, ['draft', 'returned'], 'submit');
  const ent = liveEnterprise(e.uscc, ctx);
  const campaign = requireCampaign(ent.divisionCode, e.year, ctx);
  notBarred(e.uscc, e.year, ctx);
  const sanctions = sanctionsInWindow(ent, e.year, ctx.today);
  if (sanctions.length > 0) {
    const list = sanctions.map((s) => `${s.kind} ${s.sanctionId} (${s.occurredOn})`).join(', ');
    throw refuse('conflict', 'sanctioned_in_window', `ineligible: sanctioned in the window: ${list}`);
  }
  const hnte = ctx.hnteValidOn(e.uscc, ctx.today);
  const result = scoreForm(e.form, hnte, campaign.ruleSetId, ctx);
  if (!result.eligible) {
    throw refuse('invalid', 'not_eligible', `the form does not qualify: ${result.reasons.join('; ')}`);
  }
  const revocations = ctx.revocations(e.uscc);
  const data = {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    submission: e.submissions + 1,
    submittedOn: ctx.today,
    countyCode: ent.divisionCode,
    ...countyDueDate(ctx.today, campaign.countyReviewWorkingDays, ctx.addWorkingDays),
    form: e.form,
    validHnteCertificate: hnte,
    ruleSetId: result.trace.ruleSetId,
    score: {
      eligible: result.eligible,
      qualifiedBy: result.qualifiedBy,
      points: { ...result.points },
      rdInputBasis: result.rdInputBasis,
      reasons: [...result.reasons],
    },
    onSiteCheckSuggested: suggestOnSiteCheck(
      e.form,
      revocations,
      ctx.today,
      campaign.ruleSetId,
      ctx.onSiteCheckFlags,
    ),
  };
  return [{ type: 'SmeEvaluationSubmitted', data }];
}

function review(
  e: Evaluation,
  c: Extract<EvaluationCommand, { type: 'ReviewFormally' }>,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  requireStatus(e, ['submitted'], 'review');
  const items = c.checklist.map((x) => x.item);
  if (items.length !== REVIEW_ITEMS.length || !REVIEW_ITEMS.every((i) => items.includes(i))) {
    throw refuse(
      'invalid',
      'checklist_incomplete',
      `the formal review checklist needs each of ${REVIEW_ITEMS.join(', ')} exactly once`,
      'checklist',
    );
  }
  const ref = { evaluationId: e.evaluationId, uscc: e.uscc, year: e.year, reviewedOn: ctx.today };
  const failed = c.checklist.filter((x) => !x.passed);
  if (failed.length === 0) {
    onSiteCheckAllowsPass(e);
    return [{ type: 'FormalReviewPassed', data: { ...ref, checklist: [...REVIEW_ITEMS] } }];
  }
  const missing = failed.find((x) => !x.comment?.trim());
  if (missing) {
    throw refuse(
      'invalid',
      'comment_required',
      `failed item ${missing.item} needs a comment saying what to correct`,
      'checklist',
    );
  }
  const failedItems = failed.map((x) => ({ item: x.item, comment: (x.comment ?? '').trim() }));
  return [{ type: 'ReturnedForCorrection', data: { ...ref, failedItems } }];
}

/**
 * 115号 第十条: the county reviews the form and checks on site where needed. Once it has flagged an on-site check,
 * the formal review may pass only on a recorded result that found the data consistent (returning for correction
 * stays open at any time).
 */
function onSiteCheckAllowsPass(e: Evaluation): void {
  const check = e.onSiteCheck;
  if (!check) return;
  if (!check.result) {
    throw refuse(
      'conflict',
      'on_site_check_pending',
      `flagged for an on-site check on ${check.flaggedOn}: record its result (POST …/on-site-check/result) before passing`,
    );
  }
  if (check.result.outcome === 'inconsistent') {
    throw refuse(
      'conflict',
      'on_site_check_inconsistent',
      `the on-site check of ${check.result.checkedOn} found the data inconsistent: return the form for correction`,
    );
  }
}

function recordOnSiteCheck(
  e: Evaluation,
  c: Extract<EvaluationCommand, { type: 'RecordOnSiteCheck' }>,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  requireStatus(e, ['submitted', 'returned', 'forwarded'], 'record an on-site check of');
  const check = e.onSiteCheck;
  if (!check) throw refuse('conflict', 'not_flagged', 'no on-site check was flagged for this evaluation');
  if (check.result) {
    throw refuse(
      'conflict',
      'on_site_check_recorded',
      `its result was recorded on ${check.result.recordedOn}`,
    );
  }
  if (c.checkedOn > ctx.today || c.checkedOn < check.flaggedOn) {
    throw refuse(
      'invalid',
      'checked_on_out_of_range',
      `checkedOn must lie between the flag (${check.flaggedOn}) and today (${ctx.today})`,
      'checkedOn',
    );
  }
  const data = {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    checkedOn: c.checkedOn,
    recordedOn: ctx.today,
    outcome: c.outcome,
    note: c.note,
    inspector: c.inspector,
  };
  return [{ type: 'OnSiteCheckRecorded', data }];
}

function flag(
  e: Evaluation,
  c: Extract<EvaluationCommand, { type: 'FlagOnSiteCheck' }>,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  requireStatus(e, ['submitted', 'returned', 'forwarded'], 'flag for on-site check');
  if (e.onSiteCheck) {
    throw refuse('conflict', 'already_flagged', `flagged for on-site check on ${e.onSiteCheck.flaggedOn}`);
  }
  const reasons = c.reasons && c.reasons.length > 0 ? [...new Set(c.reasons)] : e.onSiteCheckSuggested;
  const note = c.note?.trim() || null;
  if (reasons.length === 0 || (reasons.includes('reviewer_judgement') && !note)) {
    throw refuse(
      'invalid',
      'reason_required',
      'nothing suggests an on-site check: give reviewer_judgement with a note',
      'note',
    );
  }
  const data = {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    flaggedOn: ctx.today,
    reasons,
    note,
  };
  return [{ type: 'OnSiteCheckFlagged', data }];
}

function requestRevocation(
  e: Evaluation,
  c: Extract<EvaluationCommand, { type: 'RequestRevocation' }>,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  requireStatus(e, ['entered'], 'request revocation of');
  if (e.revocationRequest) {
    throw refuse(
      'conflict',
      'revocation_already_requested',
      `revocation was already requested on ${e.revocationRequest.requestedOn}`,
    );
  }
  const data = {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    requestedOn: ctx.today,
    ground: c.ground,
  };
  return [{ type: 'RevocationRequested', data: { ...data, reason: c.reason } }];
}

function revoke(
  e: Evaluation,
  c: Extract<EvaluationCommand, { type: 'RevokeEntry' }>,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  requireStatus(e, ['entered'], 'revoke');
  const data = {
    evaluationId: e.evaluationId,
    uscc: e.uscc,
    year: e.year,
    registrationNumber: e.entry?.registrationNumber ?? '',
    revokedOn: ctx.today,
    ground: c.ground,
    // Serious fraud is fraud by definition; other grounds (e.g. misconduct) are fraud when the province says so.
    fraud: c.ground === 'serious_fraud' || c.fraud === true,
    reason: c.reason,
  };
  return [{ type: 'SmeEntryRevoked', data }];
}

/**
 * decide: (command, state, ctx) → events, or a DomainError naming the rule. Pure. `state` is the evaluation
 * with its batch outcome folded in (the item events of batch streams: the command pipeline loads them), since
 * the evaluation stream alone does not know it was batched, rejected or entered.
 */
export function decideEvaluation(
  command: EvaluationCommand,
  state: EvaluationState,
  ctx: EvaluationContext,
): EvaluationEvent[] {
  if (command.type === 'DraftSmeEvaluation') return draft(state, command, ctx);
  const e = current(state);
  const ref = { evaluationId: e.evaluationId, uscc: e.uscc, year: e.year };
  switch (command.type) {
    case 'UpdateSmeEvaluation':
      requireStatus(e, ['draft', 'returned'], 'edit');
      // An identical form is already true: a retried save records nothing.
      if (JSON.stringify(command.form) === JSON.stringify(e.form)) return [];
      return [{ type: 'SmeEvaluationUpdated', data: { ...ref, form: command.form, updatedOn: ctx.today } }];
    case 'SubmitSmeEvaluation':
      return submit(e, ctx);
    case 'WithdrawSmeEvaluation':
      // Once the county has forwarded it, the province decides; the enterprise can no longer pull it back
      // (this also keeps a withdrawal from racing the province's batching, which lives on another stream).
      requireStatus(e, ['draft', 'submitted', 'returned'], 'withdraw');
      return [
        {
          type: 'SmeEvaluationWithdrawn',
          data: { ...ref, withdrawnOn: ctx.today, reason: command.reason?.trim() || null },
        },
      ];
    case 'ReviewFormally':
      return review(e, command, ctx);
    case 'FlagOnSiteCheck':
      return flag(e, command, ctx);
    case 'RecordOnSiteCheck':
      return recordOnSiteCheck(e, command, ctx);
    case 'SendBackToCounty': {
      requireStatus(e, ['forwarded'], 'send back');
      const days = requireCampaign(e.countyCode ?? '', e.year, ctx).countyReviewWorkingDays;
      const due = countyDueDate(ctx.today, days, ctx.addWorkingDays);
      return [
        {
          type: 'SentBackByProvince',
          data: { ...ref, sentBackOn: ctx.today, reason: command.reason, ...due },
        },
      ];
    }
    case 'RecomputeReviewDue': {
      // people-and-places.md: on publication a provisional deadline is recounted; later moves, earlier is ignored.
      if (e.status !== 'submitted' || !e.due || !e.due.provisional || e.dueOn === null) return [];
      const r = ctx.recomputeDeadline({
        startOn: e.due.startOn,
        workingDays: e.due.workingDays,
        dueOn: e.dueOn,
      });
      if (!r.moved) return [];
      const data = {
        ...ref,
        previousDueOn: e.dueOn,
        dueOn: r.dueOn,
        calendarYear: command.calendarYear,
        calendarReference: command.calendarReference,
        movedOn: ctx.today,
        provisional: r.provisional,
      };
      return [{ type: 'ReviewDueDateMoved', data }];
    }
    case 'RequestRevocation':
      return requestRevocation(e, command, ctx);
    case 'RevokeEntry':
      return revoke(e, command, ctx);
  }
}

/** The evaluation aggregate: one stream per enterprise and campaign year (evolve also folds item batch events). */
export const evaluationDecider: Decider<
  EvaluationState,
  EvaluationCommand,
  EvaluationEvent | ItemBatchEvent,
  EvaluationContext
> = { initialState: initialEvaluationState, evolve: evolveEvaluation, decide: decideEvaluation };
