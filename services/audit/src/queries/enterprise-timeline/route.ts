import { enterpriseStreamId } from '@peiyu/contracts';
import { endpoint, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { anyPersonal, entryView, streamFor, UsccParams } from '../../http/views';

/**
 * GET /v1/enterprises/:uscc/timeline — every event about the enterprise across services (registry,
 * assessment, and certification/subsidy as their events arrive), in the order the ledger received them.
 */
export function enterpriseTimelineRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprises/:uscc/timeline',
      summary: "An enterprise's timeline across services (personal data masked)",
      roles: AUDIT_ACCESS.read,
      params: UsccParams,
      ok: { 200: 'events about the enterprise, oldest first' },
      errors: [403, 404],
    },
    async ({ params }, req, res) => {
      // Scoped by the enterprise's registry stream (its county).
      await streamFor(deps, req, enterpriseStreamId(params.uscc));
      const entries = await deps.ledger.entries.find({ usccs: params.uscc }).sort({ seq: 1 }).toArray();
      await deps.accessLog.record(principalOf(req), `timeline of ${params.uscc}`, anyPersonal(entries));
      res.json({
        uscc: params.uscc,
        events: entries.map((e) => ({ service: e.topic?.split('.')[1] ?? null, ...entryView(e) })),
      });
    },
  );
}
