import { ASSESSMENT_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
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
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/formal-review',
      summary: 'County formal review: the four-item checklist',
      roles: ASSESSMENT_ACCESS.review,
      params: EvaluationParams,
      body: FormalReviewBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'review', {
        type: 'ReviewFormally',
        checklist: body.checklist,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/on-site-check',
      summary: 'Flag an on-site check',
      roles: ASSESSMENT_ACCESS.flag_on_site_check,
      params: EvaluationParams,
      body: FlagOnSiteCheckBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'flag_on_site_check', {
        type: 'FlagOnSiteCheck',
        ...(body.reasons ? { reasons: body.reasons } : {}),
        note: body.note ?? null,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/revocation-request',
      summary: 'County requests revocation of an entry',
      roles: ASSESSMENT_ACCESS.request_revocation,
      params: EvaluationParams,
      body: RequestRevocationBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'request_revocation', {
        type: 'RequestRevocation',
        ...body,
      });
    },
  );
};
