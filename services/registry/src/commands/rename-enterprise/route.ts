import { REGISTRY_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { EnterpriseName, IsoDate, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/rename — a name change registered with the market regulator. */
export const RenameEnterpriseBody = z.strictObject({ newName: EnterpriseName, effectiveOn: IsoDate });

export function renameEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/rename',
      summary: 'Record a name change',
      roles: REGISTRY_ACCESS.rename,
      params: UsccParams,
      body: RenameEnterpriseBody,
      ok: { 200: 'the enterprise after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'rename', {
        type: 'RenameEnterprise',
        ...body,
      });
    },
  );
}
