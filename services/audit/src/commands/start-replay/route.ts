import { endpoint, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { RegionPeriod, regionPeriod } from '../../http/region-filter';

/**
 * POST /v1/replays {region?, from?, to?} — replay every stream of a region (default: the auditor's) touched in
 * the period, as a job; follow it at GET /v1/replays/:id (or with `npm run audit -- replay`, a progress bar).
 */
export function startReplayRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/replays',
      summary: 'Start a replay job over a region and period',
      roles: AUDIT_ACCESS.act,
      body: RegionPeriod,
      ok: { 202: 'started; Location names the job' },
      errors: [403],
    },
    async ({ body }, req, res) => {
      const principal = principalOf(req);
      const { where, period } = regionPeriod(deps, principal, body);
      const job = await deps.jobs.start(where, period, {
        sub: principal.sub,
        role: principal.role,
        ...(principal.region ? { region: principal.region } : {}),
      });
      await deps.accessLog.record(principal, `replay job ${job._id} ${JSON.stringify(body)}`, true);
      res
        .status(202)
        .location(`/v1/replays/${job._id}`)
        .json({ id: job._id, status: job.status, total: job.total, done: 0 });
    },
  );
}
