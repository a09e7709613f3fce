import { enterpriseStreamId } from '@peiyu/contracts';
import { maskedHistory } from '@peiyu/eventstore';
import { endpoint, logPersonalDataRead, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { notFound } from '../../commands/enterprise-command';
import { UsccParams } from '../../commands/schemas';
import { authoriseEnterprise, REGISTRY_ACCESS } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { maskContact } from '../../http/mask';
import { loadEnterprise } from '../../http/view';

/** The registry's events carry personal data only in `contact` (registration, profile update). */
function maskEventData(_type: string, data: unknown): unknown {
  const d = data as { contact?: { name: string; phone: string; email: string } };
  return d.contact ? { ...d, contact: maskContact(d.contact) } : data;
}

/**
 * GET /v1/enterprises/:uscc/history — the stream's events with their hash chain, for audit. Masked like every
 * read and logged (issue 12, finding 5): contacts and actors' account ids masked; the full contact is read
 * with GET /v1/enterprises/:uscc, itself logged.
 */
export function enterpriseHistoryRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprises/:uscc/history',
      summary: 'The events of the enterprise with their hash chain (contacts and account ids masked; logged)',
      roles: REGISTRY_ACCESS.history,
      params: UsccParams,
      ok: { 200: 'events in version order' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state } = await loadEnterprise(deps.store, params.uscc);
      if (!state) throw notFound(params.uscc);
      const principal = principalOf(req);
      authoriseEnterprise(deps, principal, 'history', { uscc: state.uscc, countyCode: state.divisionCode });
      const events = await deps.store.readStream(enterpriseStreamId(params.uscc));
      const verified = await deps.store.verifyStream(enterpriseStreamId(params.uscc));
      logPersonalDataRead(deps.logger, principal, {
        what: 'enterprise history',
        subject: state.uscc,
        fields: ['contact', 'actor.id'],
        why: 'history read',
        masked: true,
      });
      res.json({ uscc: params.uscc, integrity: verified, events: maskedHistory(events, maskEventData) });
    },
  );
}
