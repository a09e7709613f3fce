export { refuse, type AssessmentRefusal } from './errors';
export type {
  AddWorkingDays,
  CampaignParams,
  EnterpriseView,
  EvaluationContext,
  OnSiteCheckFlagsFn,
  RevocationRecord,
  SanctionView,
  ScoreFn,
  ScoreResult,
} from './context';
export type { BatchEvent, EvaluationEvent, ItemBatchEvent } from './events';
export {
  CLOSED_STATUSES,
  EVALUATION_STATUSES,
  withBatchOutcome,
  evolveEvaluation,
  initialEvaluationState,
  type Evaluation,
  type EvaluationState,
  type EvaluationStatus,
} from './evaluation-state';
export {
  decideEvaluation,
  evaluationDecider,
  type EvaluationCommand,
  type FormalReviewItem,
  type OnSiteCheckReason,
  type SmeRevocationGround,
} from './evaluation-decide';
export {
  entriesToNumber,
  evolveBatch,
  initialBatchState,
  type Batch,
  type BatchItem,
  type BatchState,
  type Objection,
} from './batch-state';
export {
  batchDecider,
  decideBatch,
  type BatchCommand,
  type BatchContext,
  type EvaluationItemView,
} from './batch-decide';
export {
  checkRegistrationNumberFormat,
  DEFAULT_REGISTRATION_NUMBER_FORMAT,
  formatRegistrationNumber,
  provinceOf,
  type SequenceBlock,
} from './registration-number';
export { selectSpotCheckSample, spotCheckSize, SPOT_CHECK_MIN_PERCENT } from './spot-check';
export { suggestOnSiteCheck, type OnSiteSuggestion } from './on-site';
export { countyDueDate, isOverdue } from './due';
export {
  FRAUD_BAR_YEARS,
  fraudBar,
  revokedRecently,
  sanctionsInWindow,
  sanctionWindowStart,
} from './eligibility';
export { ACTIONS_BY_ROLE, type AssessmentAction } from './authorize';
export { addYears } from './dates';
export {
  evolveEnterpriseView,
  evolveHnteCertificates,
  hnteValidOn,
  revocationRecord,
  type CertificationFeedEvent,
  type HnteCertificateView,
  type RegistryFeedEvent,
} from './views';
export { itemView, reviewQueue, reviewQueueItem, type ReviewQueueItem } from './queries';
