import { ASSESSMENT_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import type { Slice } from '../../http/slice';
import { runEvaluationCommand } from '../evaluation-command';
import { EvaluationParams } from '../schemas';
import { FlagOnSiteCheckBody, FormalReviewBody, RecordOnSiteCheckBody, RequestRevocationBody } from './body';

export { FlagOnSiteCheckBody, FormalReviewBody, RecordOnSiteCheckBody, RequestRevocationBody };

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
