import { FISCAL_LEVELS, DivisionCodeSchema } from '@peiyu/contracts';
import { readPage, etagOf } from '@peiyu/eventstore';
import { endpoint, listScope, pagedQuery, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { authoriseEntitlement, entitlementView, loadEntitlement } from '../../commands/entitlement-command';
import { EntitlementParams } from '../../commands/schemas';
import { SUBSIDY_ACCESS, SUBSIDY_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { EntitlementDoc } from '../../read-models/entitlements';

export const EntitlementsQuery = pagedQuery(
  {
    region: DivisionCodeSchema.optional(),
    policyId: z.string().max(64).optional(),
    budgetYear: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(['applied', 'rejected', 'calculated']).optional(),
  },
  { sort: ['factDate', 'amount', 'uscc', 'policyId'] },
);

const listItem = (d: EntitlementDoc) => ({
  entitlementId: d.entitlementId,
  uscc: d.uscc,
  policyId: d.policyId,
  status: d.status,
  example: d.example,
  factDate: d.factDate,
  budgetYear: d.budgetYear,
  countyCode: d.countyCode,
  amount: d.amount,
  shares: d.calculation?.shares ?? null,
  levels: d.levels,
});

/**
 * GET /v1/entitlements — scoped and paginated: a bureau its region's (省直管县 never in a city's list), an
 * enterprise only its own. GET /v1/entitlements/:id — the stream (never stale) with its calculation, the
 * explanation in plain Chinese from the recorded trace (`explainEntitlement`) and the payment status per level.
 */
export const entitlementsRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/entitlements',
      summary: 'Entitlements in your region (an enterprise: its own), with the payment status per level',
      roles: SUBSIDY_ACCESS.read_entitlements,
      query: EntitlementsQuery,
      ok: { 200: 'a page of entitlements' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const scope = listScope(principalOf(req), query.region, {
        scope: SUBSIDY_SCOPE,
        roles: SUBSIDY_ACCESS.read_entitlements,
      });
      const filter: Record<string, unknown> = { ...scope };
      if (query.policyId) filter.policyId = query.policyId;
      if (query.budgetYear) filter.budgetYear = query.budgetYear;
      if (query.status) filter.status = query.status;
      const page = await readPage<EntitlementDoc>(
        await deps.reads.entitlements(),
        filter,
        { factDate: -1, entitlementId: 1 },
        query,
      );
      res.json({ ...page, items: page.items.map(listItem) });
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/entitlements/:entitlementId',
      summary: 'One entitlement: calculation with its trace, the explanation, the payment status per level',
      roles: SUBSIDY_ACCESS.read_entitlements,
      params: EntitlementParams,
      ok: { 200: 'the entitlement' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const { state, version } = await loadEntitlement(deps, params.entitlementId);
      authoriseEntitlement(deps, principalOf(req), 'read_entitlements', params.entitlementId, state);
      const doc = await deps.reads.entitlement(params.entitlementId);
      // The ETag names the entitlement stream's version (for If-Match); the payment status per level comes from
      // the ledgers and changes without it, so this read is never answered 304 Not Modified.
      delete req.headers['if-none-match'];
      res.setHeader('ETag', etagOf(version));
      res.json({
        ...entitlementView(params.entitlementId, state, version),
        levels: Object.fromEntries(
          FISCAL_LEVELS.flatMap((l) => (doc?.levels[l] ? [[l, doc.levels[l]]] : [])),
        ),
      });
    },
  );
};
