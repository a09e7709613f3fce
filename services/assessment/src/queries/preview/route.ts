import { SmeFormSchema } from '@peiyu/contracts';
import { PolicyInputError, scoreTechSme, techSmeRuleSetFor } from '@peiyu/policy';
import { ValidationError, endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import type { Slice } from '../../http/slice';
import { CampaignYearSchema } from '../../commands/schemas';

/**
 * The body is exactly `scoreTechSme`'s input: the form's figures (counts, integer fen) without the evidence,
 * and `direct.validHnteCertificate` may be declared here because nothing is recorded.
 */
export const PreviewBody = SmeFormSchema.omit({ evidence: true }).extend({
  direct: z
    .strictObject({
      validHnteCertificate: z.boolean().optional(),
      nationalAwardTop3: z.boolean().optional(),
      provincialRdInstitution: z.boolean().optional(),
      ledStandard: z.boolean().optional(),
    })
    .optional(),
});
/** `year` picks the campaign's rule set (default: the current year). */
export const PreviewQuery = z.strictObject({ year: z.coerce.number().pipe(CampaignYearSchema).optional() });

/** POST /v1/sme-evaluations/preview — score a form without saving (the national platform's self-check). */
export const previewRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-evaluations/preview',
      summary: 'Score a form without saving (self-check)',
      roles: ['enterprise', 'county_reviewer', 'city_reviewer', 'province_reviewer', 'auditor', 'admin'],
      body: PreviewBody,
      query: PreviewQuery,
      ok: { 200: 'the score with its trace' },
    },
    async ({ body, query }, _req, res) => {
      const year = query.year ?? Number(deps.clock.today().slice(0, 4));
      try {
        res.json(scoreTechSme(body, { ruleSet: techSmeRuleSetFor(year) }));
      } catch (err) {
        if (!(err instanceof PolicyInputError)) throw err;
        throw new ValidationError(err.message, [{ path: '/body', message: err.message, code: err.code }]);
      }
    },
  );
};
