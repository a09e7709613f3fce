import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { STATISTICS_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runTargetsCommand } from '../record-commands';
import { Count, CountyYearParams, Reason, Reference, Yuan } from '../schemas';

/** A yearly target per indicator; null = no target set for it. Turnover in yuan (stored in fen). */
export const SetTargetsBody = z.strictObject({
  targets: z.strictObject({
    newTechSmesEntered: Count.nullable(),
    newHnteCertified: Count.nullable(),
    validHnte: Count.nullable(),
    techContractTurnoverYuan: Yuan.nullable(),
    innovationPlatforms: Count.nullable(),
  }),
  /** The document that sets them, e.g. 《驻马店市2021年科技创新行动方案》. */
  reference: Reference.nullable().default(null),
  /** Required when the targets change (a new version). */
  reason: Reason.nullable().default(null),
});

/** PUT /v1/county-targets/:countyCode/:year — set or change a county's yearly targets (a new version). */
export const setTargetsRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'put',
      path: '/v1/county-targets/:countyCode/:year',
      summary: "Set a county's yearly targets (城市或省级科技部门下达年度目标)",
      roles: STATISTICS_ACCESS.set_targets,
      params: CountyYearParams,
      body: SetTargetsBody,
      ok: { 201: 'the first version', 200: 'a new version (or the same targets again: unchanged)' },
      errors: [403, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const { techContractTurnoverYuan, ...counts } = body.targets;
      await runTargetsCommand(deps, req, res, {
        type: 'SetCountyTargets',
        countyCode: params.countyCode,
        year: params.year,
        targets: { ...counts, techContractTurnoverFen: techContractTurnoverYuan },
        reference: body.reference,
        reason: body.reason,
      });
    },
  );
};
