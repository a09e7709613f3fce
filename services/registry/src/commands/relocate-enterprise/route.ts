import { REGISTRY_ACCESS } from '../../http/access';
import { endpoint } from '@peiyu/service-kit';
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
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/relocate',
      summary: 'Move to another county-level division (outside your scope: a transfer request, 202)',
      roles: REGISTRY_ACCESS.relocate,
      params: UsccParams,
      body: RelocateEnterpriseBody,
      ok: {
        200: 'the enterprise, moved',
        202: 'a transfer request: nothing moves until the destination county accepts it',
      },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'relocate', {
        type: 'RelocateEnterprise',
        ...body,
      });
    },
  );
}
