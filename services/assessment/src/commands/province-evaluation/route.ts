import { validated } from '@peiyu/service-kit';
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
  router.post(
    '/v1/sme-evaluations/:uscc/:year/send-back',
    validated({ params: EvaluationParams, body: SendBackBody }, async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'send_back', {
        type: 'SendBackToCounty',
        reason: body.reason,
      });
    }),
  );
  router.post(
    '/v1/sme-evaluations/:uscc/:year/revoke',
    validated({ params: EvaluationParams, body: RevokeEntryBody }, async ({ params, body }, req, res) => {
      await runEvaluationCommand(deps, req, res, params, 'revoke', { type: 'RevokeEntry', ...body });
    }),
  );
};
