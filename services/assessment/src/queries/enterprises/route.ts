import { DivisionCodeSchema } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { listScope, pagedQuery, principalOf, endpoint } from '@peiyu/service-kit';
import { ASSESSMENT_ACCESS, ASSESSMENT_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { EnterpriseDoc } from '../../read-models/enterprises';

export const EnterprisesQuery = pagedQuery({ region: DivisionCodeSchema.optional() });

/**
 * GET /v1/sme-enterprises?region= — the enterprises as assessment knows them from the registry's events
 * (current county, status, sanctions): who may apply in a county, and whether a registry change has arrived.
 */
export const enterprisesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-enterprises',
      summary: 'Enterprises as assessment knows them from the registry events',
      roles: ASSESSMENT_ACCESS.read,
      query: EnterprisesQuery,
      ok: { 200: 'a page of enterprises' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const filter = listScope(principalOf(req), query.region, {
        scope: ASSESSMENT_SCOPE,
        roles: ASSESSMENT_ACCESS.read,
      });
      const page = await readPage<EnterpriseDoc>(
        await deps.reads.enterprisesCollection(),
        filter,
        { uscc: 1 },
        query,
      );
      res.json({
        ...page,
        items: page.items.map(({ view, countyCode }) => ({
          uscc: view.uscc,
          name: view.name,
          countyCode,
          status: view.status,
          sanctions: view.sanctions,
        })),
      });
    },
  );
};
