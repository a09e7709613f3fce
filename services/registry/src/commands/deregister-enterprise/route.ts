import { REGISTRY_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { IsoDate, Reason, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/deregister — the record becomes read-only; its history stays. */
export const DeregisterEnterpriseBody = z.strictObject({
  effectiveOn: IsoDate,
  reason: Reason,
});

export function deregisterEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/deregister',
      summary: 'Deregister (the record becomes read-only)',
      roles: REGISTRY_ACCESS.deregister,
      params: UsccParams,
      body: DeregisterEnterpriseBody,
      ok: { 200: 'the enterprise after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'deregister', {
        type: 'DeregisterEnterprise',
        ...body,
      });
    },
  );
}
