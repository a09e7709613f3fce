import { validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runCommand } from '../../http/command';
import type { RegistryDeps } from '../../http/deps';
import { DivisionCodeSchema, IsoDate, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/relocate — moves the enterprise (and its review queues) to another county. */
export const RelocateEnterpriseBody = z.strictObject({
  divisionCode: DivisionCodeSchema,
  effectiveOn: IsoDate,
});

export function relocateEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  router.post(
    '/v1/enterprises/:uscc/relocate',
    validated({ params: UsccParams, body: RelocateEnterpriseBody }, async ({ params, body }, req, res) => {
      await runCommand(deps, req, res, params.uscc, 'relocate', { type: 'RelocateEnterprise', ...body });
    }),
  );
}
