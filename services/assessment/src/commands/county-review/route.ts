import { ASSESSMENT_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import type { Slice } from '../../http/slice';
import { runEvaluationCommand } from '../evaluation-command';
import {
  EvaluationParams,
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
      path: '/v1/sme-evaluations/:uscc/:year/on-site-check/result',
      summary: 'Record the result of the flagged on-site check (实地核查结果), needed before a formal pass',
      roles: ASSESSMENT_ACCESS.record_on_site_check,
      params: EvaluationParams,
      body: RecordOnSiteCheckBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'record_on_site_check', {
        type: 'RecordOnSiteCheck',
        ...body,
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
