import { enterpriseStreamId } from '@peiyu/contracts';
import { principalOf, validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { authorize, notFound } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { loadEnterprise } from '../../http/view';
import { UsccParams } from '../../commands/schemas';

/** GET /v1/enterprises/:uscc/history — the stream's events with their hash chain, for audit. */
export function enterpriseHistoryRoute(router: Router, deps: RegistryDeps): void {
  router.get(
    '/v1/enterprises/:uscc/history',
    validated({ params: UsccParams }, async ({ params }, req, res) => {
      const { state } = await loadEnterprise(deps, params.uscc);
      if (!state) throw notFound(params.uscc);
      authorize(
        principalOf(req),
        'history',
        { uscc: state.uscc, regionCode: state.divisionCode },
        {
          provinciallyAdministered: deps.regions.provinciallyAdministered,
          logger: deps.logger,
        },
      );
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
    }),
  );
}
