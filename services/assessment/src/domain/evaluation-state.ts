import type {
  EventData,
  OnSiteCheckRecorded,
  SmeEvaluationSubmittedV2,
  SmeForm,
  SmeEntryRevoked,
} from '@peiyu/contracts';
import type { EvaluationEvent, ItemBatchEvent } from './events';

type Submitted = EventData<typeof SmeEvaluationSubmittedV2>;
export type OnSiteCheckResult = Omit<EventData<typeof OnSiteCheckRecorded>, 'evaluationId' | 'uscc' | 'year'>;

/**
 * draft → submitted → forwarded (county passed) → batched → entered → revoked, with the side roads
 * submitted → returned (correct and resubmit), forwarded → submitted (sent back by the province),
 * batched → rejected (objection upheld) and draft/submitted/returned → withdrawn.
 */
export const EVALUATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'forwarded',
  'withdrawn',
  'batched',
  'rejected',
  'entered',
  'revoked',
] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** Statuses that no longer count as "the live evaluation" of the year: a new draft may start. */
export const CLOSED_STATUSES: ReadonlySet<EvaluationStatus> = new Set(['withdrawn', 'rejected']);

export interface Evaluation {
  evaluationId: string;
  uscc: string;
  year: number;
  status: EvaluationStatus;
  form: SmeForm;
  /** Number of submissions so far (a resubmission after correction is a fresh one). */
  submissions: number;
  submittedOn: string | null;
  /** The county review due date, while in the county queue. */
  dueOn: string | null;
  /** How dueOn was counted (for recomputation after a calendar publication), and whether provisionally. */
  due: { startOn: string; workingDays: number; provisional: boolean } | null;
  countyCode: string | null;
  ruleSetId: string | null;
  score: Submitted['score'] | null;
  validHnteCertificate: boolean;
  onSiteCheckSuggested: Submitted['onSiteCheckSuggested'];
  onSiteCheck: {
    flaggedOn: string;
    reasons: Submitted['onSiteCheckSuggested'];
    /** The recorded result (OnSiteCheckRecorded); null while the check is outstanding. */
    result: OnSiteCheckResult | null;
  } | null;
  /** The failed checklist items of the latest return, with the reviewer's comment each. */
  corrections: Array<{ item: string; comment: string }>;
  batchId: string | null;
  entry: { registrationNumber: string; enteredOn: string; validUntil: string } | null;
  revocationRequest: { requestedOn: string; ground: string; reason: string } | null;
  revocation: Pick<EventData<typeof SmeEntryRevoked>, 'revokedOn' | 'ground' | 'fraud'> | null;
  /** Status history for the enterprise's timeline. */
  history: Array<{ status: EvaluationStatus; on: string }>;
}

/** The stream holds the year's evaluations one after another; the state is the latest. */
export type EvaluationState = Evaluation | null;
export const initialEvaluationState: EvaluationState = null;

function moved(
  e: Evaluation,
  status: EvaluationStatus,
  on: string,
  patch: Partial<Evaluation> = {},
): Evaluation {
  return { ...e, ...patch, status, history: [...e.history, { status, on }] };
}

function drafted(d: Extract<EvaluationEvent, { type: 'SmeEvaluationDrafted' }>['data']): Evaluation {
  return {
    evaluationId: d.evaluationId,
    uscc: d.uscc,
    year: d.year,
    status: 'draft',
    form: d.form,
    submissions: 0,
    submittedOn: null,
    dueOn: null,
    due: null,
    countyCode: null,
    ruleSetId: null,
    score: null,
    validHnteCertificate: false,
    onSiteCheckSuggested: [],
    onSiteCheck: null,
    corrections: [],
    batchId: null,
    entry: null,
    revocationRequest: null,
    revocation: null,
    history: [{ status: 'draft', on: d.draftedOn }],
  };
}

function submitted(e: Evaluation, d: Submitted): Evaluation {
  return moved(e, 'submitted', d.submittedOn, {
    form: d.form,
    submissions: d.submission,
    submittedOn: d.submittedOn,
    dueOn: d.dueOn,
    due: { startOn: d.submittedOn, workingDays: d.reviewWorkingDays, provisional: d.provisional },
    countyCode: d.countyCode,
    ruleSetId: d.ruleSetId,
    score: d.score,
    validHnteCertificate: d.validHnteCertificate,
    onSiteCheckSuggested: d.onSiteCheckSuggested,
    corrections: [],
  });
}

/**
 * Item events of the batch stream. The shell folds them after the evaluation's own stream, so they move the
 * status only from the status they follow (forwarded → batched → rejected | entered); a revocation already
 * folded from the stream keeps its status while the entry data is still filled in.
 */
function evolveBatch(e: Evaluation, event: ItemBatchEvent): Evaluation {
  switch (event.type) {
    case 'AddedToBatch': {
      if (!event.data.items.some((i) => i.evaluationId === e.evaluationId)) return e;
      const patch = { batchId: event.data.batchId, dueOn: null };
      return e.status === 'forwarded' ? moved(e, 'batched', event.data.addedOn, patch) : { ...e, ...patch };
    }
    case 'ObjectionResolved':
      if (event.data.evaluationId !== e.evaluationId || event.data.outcome !== 'upheld') return e;
      return e.status === 'batched' ? moved(e, 'rejected', event.data.resolvedOn) : e;
    case 'SmeEntered': {
      if (event.data.evaluationId !== e.evaluationId) return e;
      const { registrationNumber, enteredOn, validUntil } = event.data;
      const entry = { entry: { registrationNumber, enteredOn, validUntil } };
      return e.status === 'batched' ? moved(e, 'entered', enteredOn, entry) : { ...e, ...entry };
    }
  }
}

/** evolve: pure fold of one event into the state (never validates: events are facts). */
export function evolveEvaluation(
  state: EvaluationState,
  event: EvaluationEvent | ItemBatchEvent,
): EvaluationState {
  if (event.type === 'SmeEvaluationDrafted') return drafted(event.data);
  if (!state) return state;
  if ('evaluationId' in event.data && event.data.evaluationId !== state.evaluationId) return state;
  switch (event.type) {
    case 'SmeEvaluationUpdated':
      return { ...state, form: event.data.form };
    case 'SmeEvaluationSubmitted':
      return submitted(state, event.data);
    case 'SmeEvaluationWithdrawn':
      return moved(state, 'withdrawn', event.data.withdrawnOn, { dueOn: null });
    case 'FormalReviewPassed':
      return moved(state, 'forwarded', event.data.reviewedOn, { dueOn: null });
    case 'ReturnedForCorrection':
      return moved(state, 'returned', event.data.reviewedOn, {
        dueOn: null,
        corrections: event.data.failedItems,
      });
    case 'OnSiteCheckFlagged':
      return {
        ...state,
        onSiteCheck: { flaggedOn: event.data.flaggedOn, reasons: event.data.reasons, result: null },
      };
    case 'OnSiteCheckRecorded': {
      if (!state.onSiteCheck) return state;
      const { evaluationId: _e, uscc: _u, year: _y, ...result } = event.data;
      return { ...state, onSiteCheck: { ...state.onSiteCheck, result } };
    }
    case 'SentBackByProvince':
      return moved(state, 'submitted', event.data.sentBackOn, {
        dueOn: event.data.dueOn,
        due: {
          startOn: event.data.sentBackOn,
          workingDays: event.data.reviewWorkingDays,
          provisional: event.data.provisional,
        },
      });
    case 'ReviewDueDateMoved':
      return {
        ...state,
        dueOn: event.data.dueOn,
        due: state.due ? { ...state.due, provisional: event.data.provisional } : null,
      };
    case 'RevocationRequested': {
      const { requestedOn, ground, reason } = event.data;
      return { ...state, revocationRequest: { requestedOn, ground, reason } };
    }
    case 'SmeEntryRevoked': {
      const { revokedOn, ground, fraud } = event.data;
      return moved(state, 'revoked', revokedOn, { revocation: { revokedOn, ground, fraud } });
    }
    default:
      return evolveBatch(state, event);
  }
}

/** The evaluation's full view: its own stream's state with the batch outcome (item batch events) folded on top. */
export function withBatchOutcome(
  state: EvaluationState,
  events: ReadonlyArray<ItemBatchEvent>,
): EvaluationState {
  return events.reduce(evolveEvaluation, state);
}
