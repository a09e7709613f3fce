import { principalOf, validated } from '@peiyu/service-kit';
import { z } from 'zod';
import type { Slice } from '../../http/slice';
import { existing, runBatchCommand } from '../batch-command';
import { BatchParams, CampaignYearSchema, Reason } from '../schemas';

const EvaluationIds = z.array(z.string().min(1).max(64)).min(1).max(1000);
/** POST /v1/sme-batches — the province forms a batch of forwarded evaluations of its province. */
export const FormBatchBody = z.strictObject({ year: CampaignYearSchema, evaluationIds: EvaluationIds });
export const AddItemsBody = z.strictObject({ evaluationIds: EvaluationIds });
export const LodgeObjectionBody = z.strictObject({
  evaluationId: z.string().min(1).max(64),
  summary: Reason,
});
export const ResolveObjectionBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  finding: Reason,
});
export const SpotCheckBody = z.strictObject({
  evaluationId: z.string().min(1).max(64),
  selection: z.enum(['random', 'flagged']),
  outcome: z.enum(['passed', 'failed', 'materials_not_provided']),
  findings: Reason,
});
const Empty = z.strictObject({});
const ObjectionParams = BatchParams.extend({ objectionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const batchRoutes: Slice = (router, deps) => {
  router.post(
    '/v1/sme-batches',
    validated({ body: FormBatchBody }, async ({ body }, req, res) => {
      const provinceCode = principalOf(req).region ?? '';
      const batchId = deps.newId();
      await runBatchCommand(
        deps,
        req,
        res,
        batchId,
        'add_to_batch',
        () => ({ type: 'AddToBatch', batchId, provinceCode, ...body }),
        { newProvinceCode: provinceCode, evaluationIds: body.evaluationIds },
      );
    }),
  );
  router.post(
    '/v1/sme-batches/:batchId/items',
    validated({ params: BatchParams, body: AddItemsBody }, async ({ params, body }, req, res) => {
      await runBatchCommand(
        deps,
        req,
        res,
        params.batchId,
        'add_to_batch',
        (state) => {
          const b = existing(state, params.batchId);
          return {
            type: 'AddToBatch',
            batchId: b.batchId,
            provinceCode: b.provinceCode,
            year: b.year,
            ...body,
          };
        },
        { evaluationIds: body.evaluationIds },
      );
    }),
  );
  router.post(
    '/v1/sme-batches/:batchId/notice/open',
    validated({ params: BatchParams, body: Empty }, async ({ params }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'open_notice', (state) => {
        existing(state, params.batchId);
        return { type: 'OpenPublicNotice' };
      });
    }),
  );
  router.post(
    '/v1/sme-batches/:batchId/objections',
    validated({ params: BatchParams, body: LodgeObjectionBody }, async ({ params, body }, req, res) => {
      const objectionId = deps.newId();
      await runBatchCommand(
        deps,
        req,
        res,
        params.batchId,
        'lodge_objection',
        () => ({ type: 'LodgeObjection', objectionId, ...body }),
        { answer: { status: 201, body: { objectionId } } },
      );
    }),
  );
  router.post(
    '/v1/sme-batches/:batchId/objections/:objectionId/resolve',
    validated({ params: ObjectionParams, body: ResolveObjectionBody }, async ({ params, body }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'resolve_objection', () => ({
        type: 'ResolveObjection',
        objectionId: params.objectionId,
        ...body,
      }));
    }),
  );
  router.post(
    '/v1/sme-batches/:batchId/notice/close',
    validated({ params: BatchParams, body: Empty }, async ({ params }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'close_notice', () => ({
        type: 'ClosePublicNotice',
      }));
    }),
  );
  router.post(
    '/v1/sme-batches/:batchId/spot-checks',
    validated({ params: BatchParams, body: SpotCheckBody }, async ({ params, body }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'record_spot_check', () => ({
        type: 'RecordSpotCheck',
        ...body,
      }));
    }),
  );
};
