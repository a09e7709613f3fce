import { REGISTRY_ACCESS } from '../../http/access';
import { humanText, newEventId } from '@peiyu/contracts';
import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { runEnterpriseCommand } from '../enterprise-command';
import type { RegistryDeps } from '../../http/deps';
import { IsoDate, SanctionKindSchema, UsccParams } from '../schemas';

/** POST /v1/enterprises/:uscc/sanctions — an accident, violation or list entry (tech-sme.md condition 4). */
export const RecordSanctionBody = z.strictObject({
  kind: SanctionKindSchema,
  occurredOn: IsoDate,
  reference: humanText({ max: 200 }),
});

export function recordSanctionRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/sanctions',
      summary: 'Record a sanction (county or province bureau)',
      roles: REGISTRY_ACCESS.sanction,
      params: UsccParams,
      body: RecordSanctionBody,
      ok: { 200: 'the enterprise after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const sanctionId = newEventId(deps.clock.now());
      await runEnterpriseCommand(deps, req, res, params.uscc, 'sanction', {
        type: 'RecordSanction',
        sanctionId,
        ...body,
      });
    },
  );
}
