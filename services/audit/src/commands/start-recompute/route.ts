import { DivisionCodeSchema } from '@peiyu/contracts';
import { endpoint, listScope, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { overridesOf, ParameterOverridesSchema } from '../../http/recompute-body';

export const StartRecomputeBody = z.strictObject({
  /** Default: the auditor's own region. */
  region: DivisionCodeSchema.optional(),
  /** Campaign year (scores), submission year (pre-checks), budget year (entitlements). */
  year: z.number().int().min(2000).max(2100),
  parameterOverrides: ParameterOverridesSchema.optional(),
});

/**
 * POST /v1/recompute-jobs {region?, year, parameterOverrides?} — recompute every score, pre-check and
 * entitlement of a region and year as a job; follow it at GET /v1/recompute-jobs/:id (progress and summary),
 * or with `npm run audit -- recompute`.
 */
export function startRecomputeRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/recompute-jobs',
      summary: 'Start a batch recompute of a region and year',
      roles: AUDIT_ACCESS.act,
      body: StartRecomputeBody,
      ok: { 202: 'started; Location names the job' },
      errors: [400, 403],
    },
    async ({ body }, req, res) => {
      const principal = principalOf(req);
      const where = listScope(principal, body.region, { scope: deps.scope, roles: AUDIT_ACCESS.act });
      const job = await deps.recomputations.start(
        where,
        { ...(body.region ? { region: body.region } : {}), year: body.year },
        overridesOf(body.parameterOverrides),
        {
          sub: principal.sub,
          role: principal.role,
          ...(principal.region ? { region: principal.region } : {}),
        },
      );
      await deps.accessLog.record(principal, `recompute job ${job._id} ${JSON.stringify(body)}`);
      res
        .status(202)
        .location(`/v1/recompute-jobs/${job._id}`)
        .json({ id: job._id, status: job.status, total: job.total, done: 0 });
    },
  );
}
