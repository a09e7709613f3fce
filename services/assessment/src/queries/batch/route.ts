import { ASSESSMENT_ACCESS } from '../../http/access';
import { DivisionCodeSchema, smeBatchStreamId } from '@peiyu/contracts';
import { etagOf, loadStream, readPage } from '@peiyu/eventstore';
import { pagedQuery, principalOf, endpoint } from '@peiyu/service-kit';
import { existing, flaggedOf, itemViews } from '../../commands/batch-command';
import { BatchParams, CampaignYearSchema } from '../../commands/schemas';
import { batchDecider } from '../../domain';
import { authoriseAssessment } from '../../http/access';
import { BATCH_STATUS_LABELS } from '../../http/labels';
import type { Slice } from '../../http/slice';
import { batchView, noticeView } from '../../http/views';
import type { BatchDoc } from '../../read-models/batches';
import { z } from 'zod';

export const ListBatchesQuery = pagedQuery({
  region: DivisionCodeSchema.optional(),
  year: z.coerce.number().pipe(CampaignYearSchema).optional(),
});

export const batchQueryRoute: Slice = (router, deps) => {
  // GET /v1/sme-batches?region=&year= — a province's batches with their notice state, newest first.
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-batches',
      summary: 'The batches of a province, newest first',
      roles: ASSESSMENT_ACCESS.read,
      query: ListBatchesQuery,
      ok: { 200: 'a page of batches' },
      errors: [403, 404],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const province = query.region ?? principal.region ?? '';
      const target = /^\d{2}0000$/.test(province) ? { regionCode: province } : null;
      authoriseAssessment(deps.logger, principal, 'read', target, `batches of ${province || 'no province'}`);
      const filter = { provinceCode: province, ...(query.year === undefined ? {} : { year: query.year }) };
      const page = await readPage<BatchDoc>(await deps.reads.batches(), filter, { formedAt: -1 }, query);
      const calendar = deps.calendar.current();
      res.json({
        ...page,
        items: page.items.map(({ batch }) => ({
          batchId: batch.batchId,
          year: batch.year,
          status: batch.status,
          statusLabel: BATCH_STATUS_LABELS[batch.status],
          notice: noticeView(batch.notice, calendar),
          items: batch.items.length,
          openObjections: batch.objections.filter((o) => o.outcome === 'open').length,
        })),
      });
    },
  );
  // GET /v1/sme-batches/:batchId — the batch, its notice, objections, entries and offered spot-check sample.
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-batches/:batchId',
      summary: 'Read a batch (ETag = stream version)',
      roles: ASSESSMENT_ACCESS.read,
      params: BatchParams,
      ok: { 200: 'the batch with its spot-check sample' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state, version } = await loadStream(deps.store, batchDecider, smeBatchStreamId(params.batchId));
      const target = state ? { regionCode: state.provinceCode } : null;
      authoriseAssessment(deps.logger, principalOf(req), 'read', target, `batch ${params.batchId}`);
      res.setHeader('ETag', etagOf(version));
      const batch = existing(state, params.batchId);
      const views = await itemViews(
        deps,
        batch.items.map((i) => i.evaluationId),
      );
      res.json(batchView(batch, version, flaggedOf(views), deps.calendar.current()));
    },
  );
};
