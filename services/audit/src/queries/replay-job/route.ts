import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { AUDIT_ACCESS, authoriseAct } from '../../http/access';
import type { AuditDeps } from '../../http/deps';

const JobParams = z.strictObject({ id: z.uuid() });

/** GET /v1/replays/:id — a replay job's progress (done of total) and result. Only its requester (or an admin). */
export function replayJobRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/replays/:id',
      summary: 'Progress and result of a replay job',
      roles: AUDIT_ACCESS.read,
      params: JobParams,
      ok: { 200: 'the job' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      authoriseAct(deps, principalOf(req), 'read', 'replay jobs');
      const principal = principalOf(req);
      const job = await deps.jobs.get(params.id);
      if (!job || (principal.role !== 'admin' && job.requestedBy.sub !== principal.sub))
        throw new NotFoundError({ en: `no replay job ${params.id}`, zh: `未找到重放任务 ${params.id}` });
      const { _id, ...rest } = job;
      res.json({ id: _id, ...rest, progress: job.total ? job.done / job.total : 1 });
    },
  );
}
