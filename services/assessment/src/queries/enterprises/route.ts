import { DivisionCodeSchema } from '@peiyu/contracts';
import { principalOf, validated } from '@peiyu/service-kit';
import { z } from 'zod';
import { cityExcluded, requireAccess } from '../../http/access';
import type { Slice } from '../../http/context';

export const EnterprisesQuery = z.strictObject({ region: DivisionCodeSchema.optional() });

/**
 * GET /v1/sme-enterprises?region= — the enterprises as assessment knows them from the registry's events
 * (current county, status, sanctions): who may apply in a county, and whether a registry change has arrived.
 */
export const enterprisesRoute: Slice = (router, { deps }) => {
  router.get(
    '/v1/sme-enterprises',
    validated({ query: EnterprisesQuery }, async ({ query }, req, res) => {
      const principal = principalOf(req);
      const region = query.region ?? principal.region ?? '';
      requireAccess(
        principal,
        'read',
        region ? { divisionCode: region } : null,
        deps.logger,
        `enterprises of ${region}`,
      );
      const items = (await deps.reads.enterprisesIn(region)).filter(
        (e) => !cityExcluded(principal.region, e.divisionCode),
      );
      res.json({ region, total: items.length, items: items.sort((a, b) => a.uscc.localeCompare(b.uscc)) });
    }),
  );
};
