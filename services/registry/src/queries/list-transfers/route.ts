import { endpoint, listScope, pagedQuery, principalOf } from '@peiyu/service-kit';
import { readPage } from '@peiyu/eventstore';
import type { Router } from 'express';
import { DivisionCodeSchema } from '@peiyu/contracts';
import { REGISTRY_ACCESS } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { DIRECTORY, type DirectoryDoc } from '../../read-models/enterprise-directory';

export const ListTransfersQuery = pagedQuery({ region: DivisionCodeSchema.optional() });

/** The kit's list scope on the place of the destination (`transferTo.*`) instead of the enterprise's own. */
function onDestination(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).map(([k, v]) => [`transferTo.${k}`, v]));
}

/**
 * GET /v1/enterprise-transfers — transfers awaiting an answer whose destination lies in your region (finding 3):
 * the destination county sees what it is asked to receive. Contacts are not shown here.
 */
export function listTransfersRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprise-transfers',
      summary: 'Transfers awaiting your county’s answer',
      roles: REGISTRY_ACCESS.answer_transfer,
      query: ListTransfersQuery,
      ok: { 200: 'a page of pending transfers' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const scope = { provinciallyAdministered: deps.regions.provinciallyAdministered };
      const where = onDestination(
        listScope(principalOf(req), query.region, { scope, roles: REGISTRY_ACCESS.answer_transfer }),
      );
      const page = await readPage<DirectoryDoc>(
        await deps.projector.collection(DIRECTORY),
        { transferTo: { $ne: null }, ...where },
        { uscc: 1 },
        query,
      );
      res.json({
        ...page,
        items: page.items.map((d) => ({
          uscc: d.uscc,
          name: d.name,
          fromCountyCode: d.countyCode,
          toCountyCode: d.transferTo!.countyCode,
          effectiveOn: d.enterprise.pendingTransfer?.effectiveOn ?? null,
          requestedOn: d.enterprise.pendingTransfer?.requestedOn ?? null,
        })),
      });
    },
  );
}
