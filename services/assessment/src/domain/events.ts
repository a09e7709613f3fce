import type { z } from 'zod';
import type {
  ASSESSMENT_BATCH_EVENTS,
  ASSESSMENT_EVALUATION_EVENTS,
  AddedToBatch,
  EventDefinition,
  ObjectionResolved,
  OnSiteCheckRecorded,
  PublicNoticeEndMoved,
  PublicObjectionLodged,
  PublicNoticeOpenedV2,
  ReviewDueDateMoved,
  SentBackByProvinceV2,
  SmeEntered,
  SmeEvaluationSubmittedV2,
} from '@peiyu/contracts';

/** `{ type, data }` for each event definition of a list (distributes over the union). */
type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** Deadline events as this service records them: v2, saying whether the calendar was provisional. */
type DeadlineV2 = 'SmeEvaluationSubmitted' | 'SentBackByProvince' | 'PublicNoticeOpened';

/** Events of an evaluation stream (one enterprise, one campaign year). */
export type EvaluationEvent =
  | Exclude<EventOf<(typeof ASSESSMENT_EVALUATION_EVENTS)[number]>, { type: DeadlineV2 }>
  | EventOf<
      | typeof SmeEvaluationSubmittedV2
      | typeof SentBackByProvinceV2
      | typeof ReviewDueDateMoved
      | typeof OnSiteCheckRecorded
    >;
/** Events of a batch stream (one provincial batch). */
export type BatchEvent =
  | Exclude<EventOf<(typeof ASSESSMENT_BATCH_EVENTS)[number]>, { type: DeadlineV2 }>
  | EventOf<typeof PublicNoticeOpenedV2 | typeof PublicNoticeEndMoved | typeof PublicObjectionLodged>;
/**
 * Batch events that change one item's status. The evaluation's view folds them too (the shell reads them by
 * evaluationId), so the evaluation decider knows an item was batched, rejected or entered.
 */
export type ItemBatchEvent = EventOf<typeof AddedToBatch | typeof ObjectionResolved | typeof SmeEntered>;
