import { validated } from '@peiyu/service-kit';
import { z } from 'zod';
import type { Slice } from '../../http/slice';
import { runEvaluationCommand } from '../evaluation-command';
import {
  EvaluationParams,
  FormalReviewItemSchema,
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
export const RequestRevocationBody = z.strictObject({ ground: SmeRevocationGroundSchema, reason: Reason });

export const countyReviewRoutes: Slice = (router, deps) => {
  router.post(
    '/v1/sme-evaluations/:uscc/:year/formal-review',
    validated({ params: EvaluationParams, body: FormalReviewBody }, async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'review', {
        type: 'ReviewFormally',
        checklist: body.checklist,
      });
    }),
  );
  router.post(
    '/v1/sme-evaluations/:uscc/:year/on-site-check',
    validated({ params: EvaluationParams, body: FlagOnSiteCheckBody }, async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'flag_on_site_check', {
        type: 'FlagOnSiteCheck',
        ...(body.reasons ? { reasons: body.reasons } : {}),
        note: body.note ?? null,
      });
    }),
  );
  router.post(
    '/v1/sme-evaluations/:uscc/:year/revocation-request',
    validated(
      { params: EvaluationParams, body: RequestRevocationBody },
      async ({ params, body }, req, res) => {
        await runEvaluationCommand(deps, req, res, params, 'request_revocation', {
          type: 'RequestRevocation',
          ...body,
        });
      },
    ),
  );
};
