import { DivisionCodeSchema } from '@peiyu/contracts';
import { readPage } from '@peiyu/eventstore';
import { pagedQuery, placeFilter, endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { CampaignYearSchema } from '../../commands/schemas';
import type { Slice } from '../../http/slice';
import type { EvaluationDoc } from '../../read-models/evaluations';

export const PublicEntriesQuery = pagedQuery({
  year: z.coerce.number().pipe(CampaignYearSchema),
  region: DivisionCodeSchema.optional(),
});

/**
 * GET /v1/sme-entries?year=&region= — the announcement list (入库名单): public, no sign-in. Only what an
 * announcement shows: name, USCC, registration number, county, entry date and validity. Revoked entries leave it.
 */
export const publicEntriesRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-entries',
      summary: 'The public announcement list (入库名单)',
      roles: 'public',
      query: PublicEntriesQuery,
      ok: { 200: 'a page of entries' },
    },
    async ({ query }, _req, res) => {
      const filter: Record<string, unknown> = { year: query.year, status: 'entered' };
      if (query.region) {
        // The place of the entry is the county it was entered in (SmeEntered.countyCode), kept on the document.
        for (const [field, value] of Object.entries(placeFilter(query.region)))
          filter[`entryPlace.${field}`] = value;
      }
      const page = await readPage<EvaluationDoc>(
        await deps.reads.evaluations(),
        filter,
        { 'evaluation.entry.registrationNumber': 1 },
        query,
      );
      const names = await deps.reads.enterprises(page.items.map((d) => d.uscc));
      res.json({
        ...page,
        items: page.items.map(({ evaluation: e, entryPlace }) => ({
          name: names.get(e.uscc)?.name ?? null,
          uscc: e.uscc,
          registrationNumber: e.entry!.registrationNumber,
          countyCode: entryPlace?.countyCode ?? e.countyCode,
          enteredOn: e.entry!.enteredOn,
          validUntil: e.entry!.validUntil,
        })),
      });
    },
  );
};
