import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { CERTIFICATION_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { runPoolCommand } from '../pool-command';
import { ExpertIdSchema, ExpertParams, ExpertProfileBody, PoolParams, Reason } from '../schemas';

export const EnlistBody = ExpertProfileBody.extend({ expertId: ExpertIdSchema.optional() });
export const RetireBody = z.strictObject({ reason: Reason.nullable().optional() });

/** The province's expert pool: enlist, update (whole profile), retire. The expert id is its sign-in subject. */
export const expertPoolRoutes: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/hnte-expert-pools/:provinceCode/experts',
      summary: 'Enlist an expert (technical fields or financial; organisation; declared relations)',
      roles: CERTIFICATION_ACCESS.manage_pool,
      params: PoolParams,
      body: EnlistBody,
      ok: { 201: 'the expert; Location set' },
      errors: [403, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const { expertId, ...profile } = body;
      await runPoolCommand(deps, req, res, {
        type: 'EnlistExpert',
        provinceCode: params.provinceCode,
        expertId: expertId ?? deps.newId(),
        ...profile,
      });
    },
  );
  endpoint(
    router,
    {
      method: 'put',
      path: '/v1/hnte-expert-pools/:provinceCode/experts/:expertId',
      summary: "Replace an expert's profile",
      roles: CERTIFICATION_ACCESS.manage_pool,
      params: ExpertParams,
      body: ExpertProfileBody,
      ok: { 200: 'the expert' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runPoolCommand(deps, req, res, { type: 'UpdateExpert', ...params, ...body });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/hnte-expert-pools/:provinceCode/experts/:expertId/retire',
      summary: 'Retire an expert from the pool',
      roles: CERTIFICATION_ACCESS.manage_pool,
      params: ExpertParams,
      body: RetireBody,
      ok: { 200: 'the expert' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runPoolCommand(deps, req, res, { type: 'RetireExpert', ...params, reason: body.reason ?? null });
    },
  );
};
