import { REGISTRY_ACCESS } from '../../http/access';
import { enterpriseStreamId } from '@peiyu/contracts';
import { principalOf, endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { notFound } from '../../commands/enterprise-command';
import { UsccParams } from '../../commands/schemas';
import { authoriseEnterprise } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { loadEnterprise } from '../../http/view';

/** GET /v1/enterprises/:uscc/history — the stream's events with their hash chain, for audit. */
export function enterpriseHistoryRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprises/:uscc/history',
      summary: 'The events of the enterprise with their hash chain',
      roles: REGISTRY_ACCESS.history,
      params: UsccParams,
      ok: { 200: 'events in version order' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state } = await loadEnterprise(deps.store, params.uscc);
      if (!state) throw notFound(params.uscc);
      authoriseEnterprise(deps, principalOf(req), 'history', {
        uscc: state.uscc,
        countyCode: state.divisionCode,
      });
      const events = await deps.store.readStream(enterpriseStreamId(params.uscc));
      const verified = await deps.store.verifyStream(enterpriseStreamId(params.uscc));
      res.json({
        uscc: params.uscc,
        integrity: verified,
        events: events.map((e) => ({
          eventId: e.eventId,
          version: e.streamVersion,
          type: e.type,
          schemaVersion: e.schemaVersion,
          occurredAt: e.occurredAt,
          recordedAt: e.recordedAt,
          actor: e.actor,
          data: e.data,
          prevHash: e.prevHash,
          hash: e.hash,
        })),
      });
    },
  );
}
