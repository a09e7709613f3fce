import { ASSESSMENT_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import type { Slice } from '../../http/slice';
import { runEvaluationCommand } from '../evaluation-command';
import { EvaluationParams, Reason, SmeRevocationGroundSchema } from '../schemas';

export const SendBackBody = z.strictObject({ reason: Reason });
/** `fraud` marks a non-fraud ground as fraud too (3-year bar); serious_fraud is fraud by definition. */
export const RevokeEntryBody = z.strictObject({
  ground: SmeRevocationGroundSchema,
  fraud: z.boolean().optional(),
  reason: Reason,
});

export const provinceEvaluationRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/send-back',
      summary: 'Province sends a forwarded evaluation back to the county',
      roles: ASSESSMENT_ACCESS.send_back,
      params: EvaluationParams,
      body: SendBackBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'send_back', {
        type: 'SendBackToCounty',
        reason: body.reason,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/:uscc/:year/revoke',
      summary: 'Province revokes an entry',
      roles: ASSESSMENT_ACCESS.revoke,
      params: EvaluationParams,
      body: RevokeEntryBody,
      ok: { 200: 'the evaluation after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'revoke', { type: 'RevokeEntry', ...body });
    },
  );
};
