import { REGISTRY_ACCESS } from '../../http/access';
import { DivisionCodeSchema, humanText } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { listScope, pagedQuery, principalOf, endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import type { RegistryDeps } from '../../http/deps';
import { maskContact } from '../../http/mask';
import { DIRECTORY, type DirectoryDoc } from '../../read-models/enterprise-directory';

export const ListEnterprisesQuery = pagedQuery({
  region: DivisionCodeSchema.optional(),
  q: humanText({ max: 100 }).optional(),
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** GET /v1/enterprises?region=&q=&page=&pageSize= — from the directory read model; contacts masked. */
export function listEnterprisesRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprises',
      summary: 'List enterprises in your region (contacts masked)',
      roles: REGISTRY_ACCESS.read,
      query: ListEnterprisesQuery,
      ok: { 200: 'a page of enterprises' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const scope = { provinciallyAdministered: deps.regions.provinciallyAdministered };
      const filters: Array<Record<string, unknown>> = [listScope(principalOf(req), query.region, { scope })];
      if (query.q) {
        const q = escapeRegex(query.q);
        filters.push({ $or: [{ name: { $regex: q } }, { uscc: { $regex: `^${q.toUpperCase()}` } }] });
      }
      const where = filters.length === 1 ? filters[0]! : { $and: filters };
      const page = await readPage<DirectoryDoc>(
        await deps.projector.collection(DIRECTORY),
        where,
        { uscc: 1 },
        query,
      );
      res.json({
        ...page,
        items: page.items.map((d) => ({
          uscc: d.uscc,
          name: d.name,
          countyCode: d.countyCode,
          status: d.status,
          foundedOn: d.enterprise.foundedOn,
          hnteField: d.enterprise.hnteField,
          activeSanctions: d.activeSanctions,
          contact: maskContact(d.enterprise.contact),
        })),
      });
    },
  );
}
