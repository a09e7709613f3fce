import { smeBatchStreamId } from '@peiyu/contracts';
import { loadStream } from '@peiyu/eventstore';
import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import { existing } from '../../commands/batch-command';
import { BatchParams } from '../../commands/schemas';
import { batchDecider } from '../../domain';
import { ASSESSMENT_ACCESS, authoriseAssessment } from '../../http/access';
import type { Slice } from '../../http/slice';
import { objectionView } from '../../http/views';

const ObjectionParams = BatchParams.extend({ objectionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * GET /v1/sme-batches/:batchId/objections/:objectionId — the province reads one objection in full, a public
 * objector's real name and contact included (PIPL: each such read is logged, who read whose objection).
 */
export const objectionQueryRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/sme-batches/:batchId/objections/:objectionId',
      summary: 'Read one objection in full, the objector’s name and contact included (read logged)',
      roles: ASSESSMENT_ACCESS.read_objector,
      params: ObjectionParams,
      ok: { 200: 'the objection' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state } = await loadStream(deps.store, batchDecider, smeBatchStreamId(params.batchId));
      const principal = principalOf(req);
      const target = state ? { regionCode: state.provinceCode } : null;
      authoriseAssessment(deps.logger, principal, 'read_objector', target, `batch ${params.batchId}`);
      const o = existing(state, params.batchId).objections.find((x) => x.objectionId === params.objectionId);
      if (!o) {
        throw new NotFoundError({
          en: `no objection ${params.objectionId} in this batch`,
          zh: `该批次没有异议 ${params.objectionId}`,
        });
      }
      if (o.objector) {
        deps.logger.info({
          event: 'personal_data_read',
          objectionId: o.objectionId,
          batchId: params.batchId,
          by: { sub: principal.sub, role: principal.role },
        });
      }
      res.json(objectionView(o, true));
    },
  );
};
