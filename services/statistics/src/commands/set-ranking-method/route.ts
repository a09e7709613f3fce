import { RankingMethodSchema, TieRuleSchema } from '@peiyu/contracts';
import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { STATISTICS_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runMethodCommand } from '../record-commands';
import { AreaYearParams, Reason } from '../schemas';

export const SetMethodBody = z.strictObject({
  method: RankingMethodSchema,
  tieRule: TieRuleSchema.default({ indicators: [], finally: 'county_code' }),
  reason: Reason.nullable().default(null),
});

/** PUT /v1/ranking-methods/:areaCode/:year — how a city ranks its counties this year (a new version). */
export const setRankingMethodRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'put',
      path: '/v1/ranking-methods/:areaCode/:year',
      summary: 'Set the ranking method of a city for a year (weights or target completion; tie rule)',
      roles: STATISTICS_ACCESS.set_method,
      params: AreaYearParams,
      body: SetMethodBody,
      ok: { 201: 'the first version', 200: 'a new version (or unchanged)' },
      errors: [403],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runMethodCommand(deps, req, res, {
        type: 'SetRankingMethod',
        cityCode: params.areaCode,
        year: params.year,
        method: body.method,
        tieRule: body.tieRule,
        reason: body.reason,
      });
    },
  );
};
