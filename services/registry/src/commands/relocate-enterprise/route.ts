import { validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { DivisionCodeSchema, IsoDate, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/relocate — moves the enterprise (and its review queues) to another county. */
export const RelocateEnterpriseBody = z.strictObject({
  countyCode: DivisionCodeSchema,
  effectiveOn: IsoDate,
});

export function relocateEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  router.post(
    '/v1/enterprises/:uscc/relocate',
    validated({ params: UsccParams, body: RelocateEnterpriseBody }, async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'relocate', {
        type: 'RelocateEnterprise',
        ...body,
      });
    }),
  );
}
