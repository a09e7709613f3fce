import {
  CampaignYearSchema,
  FormalReviewItemSchema,
  IsoDate as IsoDateSchema,
  OnSiteCheckOutcomeSchema,
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
export const BatchParams = z.strictObject({ batchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const Reason = z.string().trim().min(1).max(1000);
export {
  CampaignYearSchema,
  FormalReviewItemSchema,
  IsoDateSchema,
  OnSiteCheckOutcomeSchema,
  OnSiteCheckReasonSchema,
  SmeFormInputSchema,
  SmeFormSchema,
  SmeRevocationGroundSchema,
};
