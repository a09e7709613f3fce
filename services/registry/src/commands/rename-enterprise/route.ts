import { validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { EnterpriseName, IsoDate, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/rename — a name change registered with the market regulator. */
export const RenameEnterpriseBody = z.strictObject({ newName: EnterpriseName, effectiveOn: IsoDate });

export function renameEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  router.post(
    '/v1/enterprises/:uscc/rename',
    validated({ params: UsccParams, body: RenameEnterpriseBody }, async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'rename', {
        type: 'RenameEnterprise',
        ...body,
      });
    }),
  );
}
