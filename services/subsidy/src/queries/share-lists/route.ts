import { readPage } from '@peiyu/eventstore';
import {
  endpoint,
  MAX_SHEET_ROWS,
  pagedQuery,
  principalOf,
  sendTable,
  TABLE_MEDIA_TYPES,
  TableFormatSchema,
} from '@peiyu/service-kit';
import { z } from 'zod';
import { refuse } from '../../domain';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import type { ShareDoc } from '../../read-models/shares';
import { LEDGER_FILTERS, SHARE_STATUSES } from '../ledgers/route';
import { levelList } from './scope';
import { LIST_STATUSES, shareTable, type ShareListKind } from './tables';

const SHARE_FILTERS = { ...LEDGER_FILTERS, status: z.enum(SHARE_STATUSES).optional() };
export const LevelSharesQuery = pagedQuery(SHARE_FILTERS);
export const ShareExportQuery = z.strictObject({ ...SHARE_FILTERS, format: TableFormatSchema });

/** Lists and exports in decision order (the order a queue round approves them in). */
const ORDER = { decisionOn: 1, entitlementId: 1, level: 1 } as const;

/** An export is one sheet: at most the rows a sheet is read back with (a province-wide year is narrowed first). */
export const MAX_EXPORT_ROWS = MAX_SHEET_ROWS;

/**
 * A finance level's shares across its ledgers: the paginated list (`GET /v1/shares`), and its approval list and
 * payment list as CSV or XLSX (`GET /v1/exports/approvals|payments?format=`) for the bureau's files — the same
 * filters as the ledgers list, the same scope (`levelList`: the kit's list scope, own level for finance).
 */
export const shareListsRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/shares',
      summary: "A level's shares across its ledgers (a finance account: its own level and region)",
      roles: SUBSIDY_ACCESS.read_ledgers,
      query: LevelSharesQuery,
      ok: { 200: 'a page of shares, in decision order' },
      errors: [403],
    },
    async ({ query }, req, res) => {
      const { filter } = levelList(principalOf(req), query, 'read_ledgers');
      res.json(await readPage<ShareDoc>(await deps.reads.shares(), filter, ORDER, query));
    },
  );
  for (const kind of ['approvals', 'payments'] as const) exportRoute(router, deps, kind);
};

const SUMMARY: Record<ShareListKind, string> = {
  approvals: "A level's approval list (pending, approved, reduced, withdrawn shares) as CSV or XLSX",
  payments: "A level's payment list (disbursed shares, payment references, clawbacks) as CSV or XLSX",
};

const exportRoute = (router: Parameters<Slice>[0], deps: Parameters<Slice>[1], kind: ShareListKind) =>
  endpoint(
    router,
    {
      method: 'get',
      path: `/v1/exports/${kind}`,
      summary: SUMMARY[kind],
      description:
        'Chinese headers; amounts in yuan with two decimals, converted exactly from integer fen. `status` narrows the list to one of its statuses.',
      roles: SUBSIDY_ACCESS.export_lists,
      query: ShareExportQuery,
      ok: { 200: 'the list as a download (Content-Disposition: attachment)' },
      produces: Object.values(TABLE_MEDIA_TYPES),
      errors: [403],
    },
    async ({ query }, req, res) => {
      const list = levelList(principalOf(req), query, 'export_lists', LIST_STATUSES[kind]);
      const coll = await deps.reads.shares();
      const docs = (await coll
        .find(list.filter)
        .sort(ORDER)
        .limit(MAX_EXPORT_ROWS + 1)
        .toArray()) as unknown as ShareDoc[];
      if (docs.length > MAX_EXPORT_ROWS)
        throw refuse('invalid', 'export.too-many', `more than ${MAX_EXPORT_ROWS} rows: narrow the filters`);
      const names = await deps.reads.enterpriseNames(docs.map((d) => d.uscc));
      const table = shareTable(kind, list, query, docs, names, deps.clock.today());
      const stem = [kind, list.level ?? 'all', list.region ?? 'all', query.budgetYear ?? 'all'].join('-');
      await sendTable(res, table, query.format, stem);
    },
  );
