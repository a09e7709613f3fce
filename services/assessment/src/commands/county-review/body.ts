import { z } from 'zod';
import {
  FormalReviewItemSchema,
  IsoDateSchema,
  OnSiteCheckOutcomeSchema,
  OnSiteCheckReasonSchema,
  Reason,
  SmeRevocationGroundSchema,
} from '../schemas';

/** The four-item formal review checklist; a failed item carries the comment the enterprise acts on. */
export const FormalReviewBody = z.strictObject({
  checklist: z
    .array(
      z.strictObject({
        item: FormalReviewItemSchema,
        passed: z.boolean(),
        comment: Reason.nullable().optional(),
      }),
    )
    .min(1)
    .max(4),
});
export const FlagOnSiteCheckBody = z.strictObject({
  reasons: z.array(OnSiteCheckReasonSchema).max(5).optional(),
  note: Reason.nullable().optional(),
});
/** The on-site check's result: the visit's ISO date, consistent or not, what was found, who inspected. */
export const RecordOnSiteCheckBody = z.strictObject({
  checkedOn: IsoDateSchema.describe('the day of the visit (ISO date YYYY-MM-DD), not after today'),
  outcome: OnSiteCheckOutcomeSchema.describe(
    'consistent: the form matches what was found (核查属实); inconsistent: it does not (核查不实)',
  ),
  note: Reason.describe('what the inspector found'),
  inspector: z.string().trim().min(1).max(50).describe("the inspector's name as signed on the record"),
});
export const RequestRevocationBody = z.strictObject({ ground: SmeRevocationGroundSchema, reason: Reason });
