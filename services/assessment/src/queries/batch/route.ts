import { NotFoundError, principalOf, validated } from '@peiyu/service-kit';
import { requireAccess } from '../../http/access';
import type { Slice } from '../../http/context';
import { batchView, etagOf } from '../../http/views';
import { BatchParams } from '../../commands/schemas';

/** GET /v1/sme-batches/:batchId — the batch, its notice, objections, entries and offered spot-check sample. */
export const batchQueryRoute: Slice = (router, { deps }) => {
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
