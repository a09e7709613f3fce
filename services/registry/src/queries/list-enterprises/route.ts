import { DivisionCodeSchema } from '@peiyu/contracts';
import {
  canActOnRegion,
  ForbiddenError,
  principalOf,
  regionLevel,
  validated,
  type Principal,
} from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { RegistryDeps } from '../../http/deps';
import { maskContact } from '../../http/mask';
import { DIRECTORY, type DirectoryDoc } from '../../projection/enterprise-directory';

export const ListEnterprisesQuery = z.strictObject({
  region: DivisionCodeSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

type Filter = Record<string, unknown>;

/** The part of the directory a principal may list (people-and-places.md scopes). */
function regionFilter(code: string): Filter {
  switch (regionLevel(code)) {
    case 'province':
      return { provinceCode: code };
    case 'city':
      return { cityCode: code };
    default:
      return { divisionCode: code };
  }
}

function scopeFilter(p: Principal): Filter {
  if (p.role === 'admin') return {};
  if (p.role === 'enterprise') return { uscc: p.uscc };
  if (p.role === 'expert' || !p.region) throw new ForbiddenError(`role ${p.role} may not list enterprises`);
  return regionFilter(p.region);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** GET /v1/enterprises?region=&q=&page=&pageSize= — from the directory projection; contacts masked. */
export function listEnterprisesRoute(router: Router, deps: RegistryDeps): void {
  router.get(
    '/v1/enterprises',
    validated({ query: ListEnterprisesQuery }, async ({ query }, req, res) => {
      const principal = principalOf(req);
      const filters: Filter[] = [scopeFilter(principal)];
      if (query.region) {
        const inScope =
          principal.role === 'enterprise' ||
          canActOnRegion(principal, query.region, {
            provinciallyAdministered: deps.regions.provinciallyAdministered,
          });
        if (!inScope) throw new ForbiddenError(`region ${query.region} is outside your scope`);
        filters.push(regionFilter(query.region));
      }
      if (query.q) {
        const q = escapeRegex(query.q);
        filters.push({ $or: [{ name: { $regex: q } }, { uscc: { $regex: `^${q.toUpperCase()}` } }] });
      }
      const where = filters.length === 1 ? filters[0]! : { $and: filters };
      const coll = await deps.catalog.live(DIRECTORY);
      const [total, docs] = await Promise.all([
        coll.countDocuments(where),
        coll
          .find(where)
          .sort({ uscc: 1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .toArray(),
      ]);
      res.json({
        page: query.page,
        pageSize: query.pageSize,
        total,
        items: (docs as unknown as DirectoryDoc[]).map((d) => ({
          uscc: d.uscc,
          name: d.name,
          divisionCode: d.divisionCode,
          status: d.status,
          foundedOn: d.enterprise.foundedOn,
          hnteField: d.enterprise.hnteField,
          activeSanctions: d.activeSanctions,
          contact: maskContact(d.enterprise.contact),
        })),
      });
    }),
  );
}
