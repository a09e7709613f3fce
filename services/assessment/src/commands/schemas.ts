import {
  CampaignYearSchema,
  FormalReviewItemSchema,
  humanText,
  OnSiteCheckReasonSchema,
  SmeFormInputSchema,
  SmeFormSchema,
  SmeRevocationGroundSchema,
  UsccSchema,
} from '@peiyu/contracts';
import { z } from 'zod';

/** Shared request pieces of the assessment API. */
export const EvaluationParams = z.strictObject({
  uscc: UsccSchema,
  year: z.coerce.number().pipe(CampaignYearSchema),
});
/** Ids the service minted (UUIDs): ASCII only, so neither a path nor a body carries odd text into a stream. */
export const MintedId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id (letters, digits, - and _)');
export const BatchParams = z.strictObject({ batchId: MintedId });
/** Reasons, comments, findings: contracts' human text (issue 12 findings 7 and 13), several lines allowed. */
export const Reason = humanText({ max: 1000, multiline: true });
export {
  CampaignYearSchema,
  FormalReviewItemSchema,
  OnSiteCheckReasonSchema,
  SmeFormInputSchema,
  SmeFormSchema,
  SmeRevocationGroundSchema,
};
