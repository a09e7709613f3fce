import { principalOf, ValidationError, validated } from '@peiyu/service-kit';
import { z } from 'zod';
import { runEvaluationCommand } from '../evaluation-command';
import type { Slice } from '../../http/slice';
import { CampaignYearSchema, EvaluationParams, Reason, SmeFormSchema } from '../schemas';

/** POST /v1/sme-evaluations — the enterprise drafts its evaluation for a campaign year (its USCC from the token). */
export const DraftEvaluationBody = z.strictObject({ year: CampaignYearSchema, form: SmeFormSchema });
/** PUT /v1/sme-evaluations/:uscc/:year/form — edit a draft, or correct a returned one. */
export const UpdateEvaluationBody = z.strictObject({ form: SmeFormSchema });
export const WithdrawEvaluationBody = z.strictObject({ reason: Reason.nullable().optional() });
const Empty = z.strictObject({});

export const evaluationIntakeRoutes: Slice = (router, deps) => {
  router.post(
    '/v1/sme-evaluations',
    validated({ body: DraftEvaluationBody }, async ({ body }, req, res) => {
      const principal = principalOf(req);
      // Only an enterprise drafts (authorize refuses other roles); it drafts for the USCC of its token.
      const uscc = principal.uscc ?? '';
      const key = { uscc, year: body.year };
      if (principal.role === 'enterprise' && !uscc)
        throw new ValidationError('the enterprise token carries no uscc');
      await runEvaluationCommand(deps, req, res, key, 'draft', {
        type: 'DraftSmeEvaluation',
        evaluationId: deps.newId(),
        uscc,
        year: body.year,
        form: body.form,
      });
    }),
  );
  router.put(
    '/v1/sme-evaluations/:uscc/:year/form',
    validated(
      { params: EvaluationParams, body: UpdateEvaluationBody },
      async ({ params, body }, req, res) => {
        await runEvaluationCommand(deps, req, res, params, 'update', {
          type: 'UpdateSmeEvaluation',
          form: body.form,
        });
      },
    ),
  );
  router.post(
    '/v1/sme-evaluations/:uscc/:year/submit',
    validated({ params: EvaluationParams, body: Empty }, async ({ params }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'submit', { type: 'SubmitSmeEvaluation' });
    }),
  );
  router.post(
    '/v1/sme-evaluations/:uscc/:year/withdraw',
    validated(
      { params: EvaluationParams, body: WithdrawEvaluationBody },
      async ({ params, body }, req, res) => {
        await runEvaluationCommand(deps, req, res, params, 'withdraw', {
          type: 'WithdrawSmeEvaluation',
          reason: body.reason ?? null,
        });
      },
    ),
  );
};
