import { ASSESSMENT_ACCESS } from '../../http/access';
import { principalOf, ValidationError, endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { runEvaluationCommand } from '../evaluation-command';
import type { Slice } from '../../http/slice';
import { CampaignYearSchema, EvaluationParams, Reason, SmeFormInputSchema } from '../schemas';

/** POST /v1/sme-evaluations — the enterprise drafts its evaluation for a campaign year (its USCC from the token). */
// Impossible inputs (tech staff above employees, R&D above total cost and expense) are refused field by field.
export const DraftEvaluationBody = z.strictObject({ year: CampaignYearSchema, form: SmeFormInputSchema });
/** PUT /v1/sme-evaluations/:uscc/:year/form — edit a draft, or correct a returned one. */
export const UpdateEvaluationBody = z.strictObject({ form: SmeFormInputSchema });
export const WithdrawEvaluationBody = z.strictObject({ reason: Reason.nullable().optional() });
const Empty = z.strictObject({});

export const evaluationIntakeRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations',
      summary: 'Draft the evaluation of your enterprise for a campaign year',
      roles: ASSESSMENT_ACCESS.draft,
      body: DraftEvaluationBody,
      ok: { 201: 'drafted; Location and ETag set' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ body }, req, res) => {
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
    },
  );
  endpoint(
    router,
    {
      method: 'put',
      path: '/v1/sme-evaluations/:uscc/:year/form',
      summary: 'Edit a draft, or correct a returned evaluation',
      roles: ASSESSMENT_ACCESS.update,
      params: EvaluationParams,
      body: UpdateEvaluationBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'update', {
        type: 'UpdateSmeEvaluation',
        form: body.form,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/submit',
      summary: 'Submit (scored by the campaign rule set; county due date set)',
      roles: ASSESSMENT_ACCESS.submit,
      params: EvaluationParams,
      body: Empty,
      ok: {
        200:
          'the evaluation: `dueOn` (ISO date) = the county review deadline, the campaign’s review working days ' +
          '(工作日: weekends, statutory holidays and 调休 honoured; 5 by default) after submission; ' +
          '`dueOnProvisional` true when counted through a year without the official arrangement. Money in the ' +
          'form is integer fen (分).',
      },
      errors: [403, 404],
      command: true,
    },
    async ({ params }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'submit', { type: 'SubmitSmeEvaluation' });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/withdraw',
      summary: 'Withdraw (until the county forwards it)',
      roles: ASSESSMENT_ACCESS.withdraw,
      params: EvaluationParams,
      body: WithdrawEvaluationBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'withdraw', {
        type: 'WithdrawSmeEvaluation',
        reason: body.reason ?? null,
      });
    },
  );
};
