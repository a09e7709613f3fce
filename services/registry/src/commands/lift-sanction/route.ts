import { REGISTRY_ACCESS } from '../../http/access';
import { UsccSchema } from '@peiyu/contracts';
import { MintedId, Reason } from '../schemas';
import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';

/** POST /v1/enterprises/:uscc/sanctions/:sanctionId/lift — e.g. after credit repair (信用修复). */
export const LiftSanctionBody = z.strictObject({ reason: Reason });

export function liftSanctionRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/sanctions/:sanctionId/lift',
      summary: 'Lift a sanction',
      roles: REGISTRY_ACCESS.sanction,
      params: z.strictObject({ uscc: UsccSchema, sanctionId: MintedId }),
      body: LiftSanctionBody,
      ok: { 200: 'the enterprise after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'sanction', {
        type: 'LiftSanction',
        sanctionId: params.sanctionId,
        ...body,
      });
    },
  );
}
