import { validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { IsoDate, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/deregister — the record becomes read-only; its history stays. */
export const DeregisterEnterpriseBody = z.strictObject({
  effectiveOn: IsoDate,
  reason: z.string().trim().min(1).max(500),
});

export function deregisterEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  router.post(
    '/v1/enterprises/:uscc/deregister',
    validated({ params: UsccParams, body: DeregisterEnterpriseBody }, async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'deregister', {
        type: 'DeregisterEnterprise',
        ...body,
      });
    }),
  );
}
