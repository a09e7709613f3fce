import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACCESS, authoriseAct } from '../../http/access';
import type { AuditDeps } from '../../http/deps';

const JobParams = z.strictObject({ id: z.uuid() });

/** GET /v1/recompute-jobs/:id — progress (done of total), summary and the differing records. Its requester or an admin. */
export function recomputeJobRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/recompute-jobs/:id',
      summary: 'Progress and summary of a recompute job',
      roles: AUDIT_ACCESS.read,
      params: JobParams,
      ok: { 200: 'the job' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      const principal = principalOf(req);
      authoriseAct(deps, principal, 'read', 'recompute jobs');
      const job = await deps.recomputations.get(params.id);
      if (!job || (principal.role !== 'admin' && job.requestedBy.sub !== principal.sub))
        throw new NotFoundError({ en: `no recompute job ${params.id}`, zh: `未找到重算任务 ${params.id}` });
      await deps.accessLog.record(principal, `recompute job ${params.id}`);
      const { _id, ...rest } = job;
      res.json({ id: _id, ...rest, progress: job.total ? job.done / job.total : 1 });
    },
  );
}
