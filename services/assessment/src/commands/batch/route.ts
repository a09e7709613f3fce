import { ASSESSMENT_ACCESS } from '../../http/access';
import { principalOf, endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import type { Slice } from '../../http/slice';
import { existing, runBatchCommand } from '../batch-command';
import { BatchParams, CampaignYearSchema, MintedId, Reason } from '../schemas';

const EvaluationIds = z.array(MintedId).min(1).max(1000);
/** POST /v1/sme-batches — the province forms a batch of forwarded evaluations of its province. */
export const FormBatchBody = z.strictObject({ year: CampaignYearSchema, evaluationIds: EvaluationIds });
export const AddItemsBody = z.strictObject({ evaluationIds: EvaluationIds });
export const LodgeObjectionBody = z.strictObject({
  evaluationId: MintedId,
  summary: Reason,
});
export const ResolveObjectionBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  finding: Reason,
});
export const SpotCheckBody = z.strictObject({
  evaluationId: MintedId,
  selection: z.enum(['random', 'flagged']),
  outcome: z.enum(['passed', 'failed', 'materials_not_provided']),
  findings: Reason,
});
const Empty = z.strictObject({});
const ObjectionParams = BatchParams.extend({ objectionId: MintedId });

export const batchRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches',
      summary: 'Form a provincial batch of forwarded evaluations',
      roles: ASSESSMENT_ACCESS.add_to_batch,
      body: FormBatchBody,
      ok: { 201: 'formed; Location and ETag set' },
      errors: [403, 404],
      command: true,
    },
    async ({ body }, req, res) => {
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
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches/:batchId/items',
      summary: 'Add evaluations to a forming batch',
      roles: ASSESSMENT_ACCESS.add_to_batch,
      params: BatchParams,
      body: AddItemsBody,
      ok: { 200: 'the batch after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
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
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches/:batchId/notice/open',
      summary: 'Open the public notice (10 working days)',
      roles: ASSESSMENT_ACCESS.open_notice,
      params: BatchParams,
      body: Empty,
      ok: { 200: 'the batch after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'open_notice', (state) => {
        existing(state, params.batchId);
        return { type: 'OpenPublicNotice' };
      });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches/:batchId/objections',
      summary: 'Lodge an objection during the notice',
      roles: ASSESSMENT_ACCESS.lodge_objection,
      params: BatchParams,
      body: LodgeObjectionBody,
      ok: { 201: 'lodged; the body names objectionId' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
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
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches/:batchId/objections/:objectionId/resolve',
      summary: 'Resolve an objection (upheld: the item is rejected)',
      roles: ASSESSMENT_ACCESS.resolve_objection,
      params: ObjectionParams,
      body: ResolveObjectionBody,
      ok: { 200: 'the batch after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'resolve_objection', () => ({
        type: 'ResolveObjection',
        objectionId: params.objectionId,
        ...body,
      }));
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches/:batchId/notice/close',
      summary: 'Close the notice on its end date: entries get registration numbers',
      roles: ASSESSMENT_ACCESS.close_notice,
      params: BatchParams,
      body: Empty,
      ok: { 200: 'the batch after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'close_notice', () => ({
        type: 'ClosePublicNotice',
      }));
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/sme-batches/:batchId/spot-checks',
      summary: 'Record a spot check of an entered item',
      roles: ASSESSMENT_ACCESS.record_spot_check,
      params: BatchParams,
      body: SpotCheckBody,
      ok: { 200: 'the batch after the change' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runBatchCommand(deps, req, res, params.batchId, 'record_spot_check', () => ({
        type: 'RecordSpotCheck',
        ...body,
      }));
    },
  );
};
