import { HNTE_RULE_SETS } from '@peiyu/policy';
import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runOpenBatch } from '../register-command';
import { BatchIdSchema, IsoDate, ProvinceCodeSchema, Year } from '../schemas';
import { humanText } from '@peiyu/contracts';

export const OpenBatchBody = z.strictObject({
  /** Optional: a readable id such as `43-2022-1`; else one is minted. */
  batchId: BatchIdSchema.optional(),
  provinceCode: ProvinceCodeSchema,
  year: Year,
  title: humanText({ max: 100 }),
  applicationOpensOn: IsoDate,
  applicationClosesOn: IsoDate,
  recommendationDueOn: IsoDate,
  ruleSetId: z
    .string()
    .refine((id) => id in HNTE_RULE_SETS, 'unknown HNTE rule set')
    .default('hnte-2016-32'),
});

/** POST /v1/hnte-batches — the recognition body opens a batch (typically June and September). */
export const batchRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/hnte-batches',
      summary: 'Open an HNTE batch of a province and year (application window, recommendation deadline)',
      roles: CERTIFICATION_ACCESS.open_batch,
      body: OpenBatchBody,
      ok: { 201: 'the batch; Location set' },
      errors: [403, 409],
      command: true,
    },
    async ({ body }, req, res) => {
      await runOpenBatch(deps, req, res, {
        type: 'OpenHnteBatch',
        ...body,
        batchId: body.batchId ?? deps.newId(),
      });
    },
  );
};
