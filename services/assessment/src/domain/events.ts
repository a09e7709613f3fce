import type { z } from 'zod';
import type {
  ASSESSMENT_BATCH_EVENTS,
  ASSESSMENT_EVALUATION_EVENTS,
  AddedToBatch,
  EventDefinition,
  ObjectionResolved,
  SmeEntered,
} from '@peiyu/contracts';

/** `{ type, data }` for each event definition of a list (distributes over the union). */
type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

/** Events of an evaluation stream (one enterprise, one campaign year). */
export type EvaluationEvent = EventOf<(typeof ASSESSMENT_EVALUATION_EVENTS)[number]>;
/** Events of a batch stream (one provincial batch). */
export type BatchEvent = EventOf<(typeof ASSESSMENT_BATCH_EVENTS)[number]>;
/**
 * Batch events that change one item's status. The evaluation's view folds them too (the shell reads them by
 * evaluationId), so the evaluation decider knows an item was batched, rejected or entered.
 */
export type ItemBatchEvent = EventOf<typeof AddedToBatch | typeof ObjectionResolved | typeof SmeEntered>;
