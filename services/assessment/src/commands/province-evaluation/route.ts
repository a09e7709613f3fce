import { validated } from '@peiyu/service-kit';
import { z } from 'zod';
import { respond } from '../../http/command';
import type { Slice } from '../../http/context';
import { evaluationCommand } from '../../http/evaluation-command';
import { EvaluationParams, Reason, SmeRevocationGroundSchema } from '../schemas';

export const SendBackBody = z.strictObject({ reason: Reason });
/** `fraud` marks a non-fraud ground as fraud too (3-year bar); serious_fraud is fraud by definition. */
export const RevokeEntryBody = z.strictObject({
  ground: SmeRevocationGroundSchema,
  fraud: z.boolean().optional(),
  reason: Reason,
});

export const provinceEvaluationRoutes: Slice = (router, { deps, serial }) => {
  router.post(
    '/v1/sme-evaluations/:uscc/:year/send-back',
    validated({ params: EvaluationParams, body: SendBackBody }, async ({ params, body }, req, res) => {
      await respond(deps, req, res, () =>
        evaluationCommand(deps, serial, req, params, 'send_back', {
          type: 'SendBackToCounty',
          reason: body.reason,
        }),
      );
    }),
  );
  router.post(
    '/v1/sme-evaluations/:uscc/:year/revoke',
    validated({ params: EvaluationParams, body: RevokeEntryBody }, async ({ params, body }, req, res) => {
      await respond(deps, req, res, () =>
        evaluationCommand(deps, serial, req, params, 'revoke', { type: 'RevokeEntry', ...body }),
      );
    }),
  );
};
