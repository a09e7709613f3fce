import { DivisionCodeSchema } from '@peiyu/contracts';
import { NotFoundError, principalOf, validated } from '@peiyu/service-kit';
import { z } from 'zod';
import { requireAccess } from '../../http/access';
import type { Slice } from '../../http/context';
import { batchView, etagOf } from '../../http/views';
import { BatchParams, CampaignYearSchema } from '../../commands/schemas';

export const ListBatchesQuery = z.strictObject({
  province: DivisionCodeSchema.optional(),
  year: z.coerce.number().pipe(CampaignYearSchema).optional(),
});

/** GET /v1/sme-batches/:batchId — the batch, its notice, objections, entries and offered spot-check sample. */
export const batchQueryRoute: Slice = (router, { deps }) => {
  // GET /v1/sme-batches?province=&year= — a province's batches with their notice state, newest first.
  router.get(
    '/v1/sme-batches',
    validated({ query: ListBatchesQuery }, async ({ query }, req, res) => {
      const principal = principalOf(req);
      const province = query.province ?? principal.region ?? '';
      const target = /^\d{2}0000$/.test(province) ? { divisionCode: province } : null;
      requireAccess(principal, 'read', target, deps.logger, `batches of ${province || 'no province'}`);
      const batches = await deps.reads.batchesOf(province, query.year);
      res.json({
        province,
        items: batches.map(({ state, version }) => ({
          batchId: state.batchId,
          year: state.year,
          status: state.status,
          notice: state.notice,
          items: state.items.length,
          openObjections: state.objections.filter((o) => o.outcome === 'open').length,
          version,
        })),
      });
    }),
  );
  router.get(
    '/v1/sme-batches/:batchId',
    validated({ params: BatchParams }, async ({ params }, req, res) => {
      const { state, version } = await deps.reads.loadBatch(params.batchId);
      const target = state ? { divisionCode: state.provinceCode } : null;
      requireAccess(principalOf(req), 'read', target, deps.logger, `batch ${params.batchId}`);
      if (!state) throw new NotFoundError(`no batch ${params.batchId}`);
      res.setHeader('ETag', etagOf(version));
      res.json(batchView(state, version));
    }),
  );
};
