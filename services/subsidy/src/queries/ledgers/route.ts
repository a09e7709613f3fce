import { DivisionCodeSchema, FISCAL_LEVELS } from '@peiyu/contracts';
import { etagOf, readPage } from '@peiyu/eventstore';
import { endpoint, listScope, pagedQuery, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { ledgerKeyOf, ledgerView, loadLedger } from '../../commands/ledger-command';
import { LedgerParams } from '../../commands/schemas';
import { authoriseSubsidy, SUBSIDY_ACCESS, SUBSIDY_SCOPE } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { LedgerDoc } from '../../read-models/ledgers';
import type { ShareDoc } from '../../read-models/shares';

/** The ledgers list's filters; a level's share lists and their exports take the same. */
export const LEDGER_FILTERS = {
  region: DivisionCodeSchema.optional(),
  level: z.enum(FISCAL_LEVELS).optional(),
  policyId: z.string().max(64).optional(),
  budgetYear: z.coerce.number().int().min(2000).max(2100).optional(),
};
export const SHARE_STATUSES = [
  'pending',
  'approved',
  'reduced',
  'disbursed',
  'withdrawn',
  'clawback-ordered',
  'recovered',
] as const;
export const LedgersQuery = pagedQuery(LEDGER_FILTERS);
export const SharesQuery = pagedQuery({ status: z.enum(SHARE_STATUSES).optional() });

// The list shows the figures; the shares themselves are the ledger's own read.
function listItem(d: LedgerDoc): Omit<LedgerDoc, 'state'> {
  const { state: _state, ...figures } = d;
  return figures;
}

/**
 * Finance bureaus' ledgers (level × region × policy × budget year) with live budget consumption: the list is
 * scoped (each bureau its own and those below it in its region), a single ledger is its stream, and a
 * ledger's shares are its queue to approve (`status=pending`) and its payment list.
 */
export const ledgersRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/ledgers',
      summary: 'Ledgers in your region with budget, consumption, payments and clawbacks',
      roles: SUBSIDY_ACCESS.read_ledgers,
      query: LedgersQuery,
      ok: { 200: 'a page of ledgers' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const scope = listScope(principalOf(req), query.region, {
        scope: SUBSIDY_SCOPE,
        roles: SUBSIDY_ACCESS.read_ledgers,
      });
      const filter: Record<string, unknown> = { ...scope };
      if (query.level) filter.level = query.level;
      if (query.policyId) filter.policyId = query.policyId;
      if (query.budgetYear) filter.budgetYear = query.budgetYear;
      const page = await readPage<LedgerDoc>(await deps.reads.ledgers(), filter, { ledgerId: 1 }, query);
      res.json({ ...page, items: page.items.map(listItem) });
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/ledgers/:ledger',
      summary: 'One ledger: budget status and every share it holds',
      roles: SUBSIDY_ACCESS.read_ledgers,
      params: LedgerParams,
      ok: { 200: 'the ledger' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const key = ledgerKeyOf(params.ledger);
      authoriseSubsidy(
        deps.logger,
        principalOf(req),
        'read_ledgers',
        { regionCode: key.regionCode },
        `ledger ${params.ledger}`,
      );
      const { state, version } = await loadLedger(deps, key);
      res.setHeader('ETag', etagOf(version));
      res.json(ledgerView(key, state, version));
    },
  );
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/ledgers/:ledger/shares',
      summary: "The ledger's shares: its queue to approve (status=pending), approvals, payments, clawbacks",
      roles: SUBSIDY_ACCESS.read_ledgers,
      params: LedgerParams,
      query: SharesQuery,
      ok: { 200: 'a page of shares, in decision order' },
      errors: [403, 404],
    },
    async ({ params, query }, req, res) => {
      const key = ledgerKeyOf(params.ledger);
      authoriseSubsidy(
        deps.logger,
        principalOf(req),
        'read_ledgers',
        { regionCode: key.regionCode },
        `ledger ${params.ledger}`,
      );
      const filter: Record<string, unknown> = { ledgerId: `subsidy-ledger-${params.ledger}` };
      if (query.status) filter.status = query.status;
      res.json(
        await readPage<ShareDoc>(
          await deps.reads.shares(),
          filter,
          { decisionOn: 1, entitlementId: 1 },
          query,
        ),
      );
    },
  );
};
