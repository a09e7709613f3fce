import { endpoint, NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { AUDIT_ACCESS } from '../../http/access';
import type { AuditDeps } from '../../http/deps';
import { RegionPeriod, regionPeriod } from '../../http/region-filter';
import { exportBundle } from '../../read-models/export';

/**
 * GET /v1/exports?region=&from=&to= — a bundle for offline verification (JSON Lines: the latest signed
 * checkpoint, its public key, every checkpointed head, and the region's streams up to their checkpointed
 * version). Verify with `npm run audit -- verify <file>`, which needs no database and no project code.
 */
export function exportRoute(router: Router, deps: AuditDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/exports',
      summary: 'Export a region and period for offline verification (application/x-ndjson)',
      roles: AUDIT_ACCESS.act,
      query: RegionPeriod,
      ok: { 200: 'the bundle, JSON Lines' },
      errors: [403, 404],
    },
    async ({ query }, req, res) => {
      const principal = principalOf(req);
      const { where, period } = regionPeriod(deps, principal, query);
      const bundle = await exportBundle(deps.ledger, deps.checkpoints, where, {
        ...period,
        createdAt: deps.clock.now().toISOString(),
      });
      if (!bundle)
        throw new NotFoundError({
          en: 'no audit checkpoint to export against yet',
          zh: '尚无可导出的审计检查点',
        });
      await deps.accessLog.record(
        principal,
        `export ${JSON.stringify(query)}: ${bundle.streams} streams, ${bundle.events} events`,
        true,
      );
      res.type('application/x-ndjson').send(bundle.text);
    },
  );
}
