import { DivisionCodeSchema } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { endpoint, pagedQuery } from '@peiyu/service-kit';
import { z } from 'zod';
import { CampaignYearSchema } from '../../commands/schemas';
import { BATCH_STATUS_LABELS } from '../../http/labels';
import type { Slice } from '../../http/slice';
import { noticeView } from '../../http/views';
import type { BatchDoc } from '../../read-models/batches';

export const PublicNoticesQuery = pagedQuery({
  year: z.coerce.number().pipe(CampaignYearSchema).optional(),
  province: DivisionCodeSchema.optional(),
  status: z.enum(['in_notice', 'closed']).optional(),
});

/**
 * GET /v1/sme-notices?year=&province=&status= — the 公示 (public notice) of each batch: public, no sign-in, so
 * anyone may read the list and object within the period (tech-sme.md workflow 4). Only what a notice shows: the
 * period and each enterprise's name, USCC and county; newest first.
 */
export const publicNoticesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-notices',
      summary: 'Public notices (公示) of the provincial batches',
      roles: 'public',
      query: PublicNoticesQuery,
      ok: { 200: 'a page of notices' },
    },
    async ({ query }, _req, res) => {
      const filter: Record<string, unknown> = { status: query.status ?? { $in: ['in_notice', 'closed'] } };
      if (query.year !== undefined) filter['year'] = query.year;
      if (query.province) filter['provinceCode'] = query.province;
      const page = await readPage<BatchDoc>(await deps.reads.batches(), filter, { formedAt: -1 }, query);
      const names = await deps.reads.enterprises(page.items.flatMap((d) => d.batch.items.map((i) => i.uscc)));
      const calendar = deps.calendar.current();
      res.json({
        ...page,
        items: page.items.map(({ batch }) => ({
          batchId: batch.batchId,
          year: batch.year,
          provinceCode: batch.provinceCode,
          status: batch.status,
          statusLabel: BATCH_STATUS_LABELS[batch.status],
          notice: noticeView(batch.notice, calendar),
          // anyone may object through the form while the notice is open (through its last day)
          objectionForm: batch.status === 'in_notice' ? `/v1/sme-notices/${batch.batchId}/objections` : null,
          enterprises: batch.items.map((i) => ({
            name: names.get(i.uscc)?.name ?? null,
            uscc: i.uscc,
            countyCode: i.countyCode,
          })),
        })),
      });
    },
  );
};
