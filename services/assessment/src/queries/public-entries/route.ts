import { DivisionCodeSchema } from '@peiyu/contracts';
import { validated } from '@peiyu/service-kit';
import { z } from 'zod';
import { withinRegion } from '../../domain';
import type { Slice } from '../../http/context';
import { CampaignYearSchema } from '../../commands/schemas';

export const PublicEntriesQuery = z.strictObject({
  year: z.coerce.number().pipe(CampaignYearSchema),
  region: DivisionCodeSchema.optional(),
});

/**
 * GET /v1/sme-entries?year=&region= — the announcement list (入库名单): public, no sign-in. Only what an
 * announcement shows: name, USCC, registration number, county, entry date and validity. Revoked entries leave it.
 */
export const publicEntriesRoute: Slice = (router, { deps }) => {
  router.get(
    '/v1/sme-entries',
    validated({ query: PublicEntriesQuery }, async ({ query }, _req, res) => {
      const entries = (await deps.reads.entries(query.year)).filter(
        (e) => !query.region || withinRegion(query.region, e.countyCode),
      );
      const names = await deps.reads.enterprises(entries.map((e) => e.uscc));
      res.json({
        year: query.year,
        region: query.region ?? null,
        total: entries.length,
        items: entries
          .map((e) => ({
            name: names.get(e.uscc)?.name ?? null,
            uscc: e.uscc,
            registrationNumber: e.registrationNumber,
            region: e.countyCode,
            enteredOn: e.enteredOn,
            validUntil: e.validUntil,
          }))
          .sort((a, b) => a.registrationNumber.localeCompare(b.registrationNumber)),
      });
    }),
  );
};
