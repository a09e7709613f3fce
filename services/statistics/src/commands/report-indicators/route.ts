import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { STATISTICS_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runReportCommand } from '../record-commands';
import { Count, CountyQuarterParams, Reason, Reference, Yuan } from '../schemas';

/** What a county reports for one quarter (not cumulative): turnover in yuan, new platforms, evidence. */
export const ReportIndicatorsBody = z.strictObject({
  techContractTurnoverYuan: Yuan,
  provincialPlatforms: Count,
  cityPlatforms: Count,
  evidence: z.array(Reference).min(1).max(50),
  /** Required for a correction (a new version). */
  correctionReason: Reason.nullable().default(null),
});

/** PUT /v1/indicator-reports/:countyCode/:year/:quarter — report (or correct) a quarter's indicators. */
export const reportIndicatorsRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'put',
      path: '/v1/indicator-reports/:countyCode/:year/:quarter',
      summary: "Report a quarter's technology-contract turnover and innovation platforms (县级季度报送)",
      roles: STATISTICS_ACCESS.report,
      params: CountyQuarterParams,
      body: ReportIndicatorsBody,
      ok: { 201: 'the first version', 200: 'a correction (or the same figures again: unchanged)' },
      errors: [403, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runReportCommand(deps, req, res, {
        type: 'ReportIndicators',
        ...params,
        techContractTurnoverFen: body.techContractTurnoverYuan,
        provincialPlatforms: body.provincialPlatforms,
        cityPlatforms: body.cityPlatforms,
        evidence: body.evidence,
        channel: 'form',
        correctionReason: body.correctionReason,
      });
    },
  );
};
