import { REGISTRY_ACCESS } from '../../http/access';
import { etagOf } from '@peiyu/eventstore';
import { endpoint, logPersonalDataRead, principalOf } from '@peiyu/service-kit';
import type { Router } from 'express';
import { notFound } from '../../commands/enterprise-command';
import { UsccParams } from '../../commands/schemas';
import { authoriseEnterprise } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { enterpriseView, loadEnterprise } from '../../http/view';

/** GET /v1/enterprises/:uscc — read from the stream itself, so it is never stale and its ETag is exact. */
export function getEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'get',
      path: '/v1/enterprises/:uscc',
      summary: 'Read one enterprise (ETag = stream version; the full contact read is logged)',
      roles: REGISTRY_ACCESS.read,
      params: UsccParams,
      ok: { 200: 'the enterprise', 304: 'not modified (If-None-Match)' },
      errors: [403, 404, 503],
    },
    async ({ params }, req, res) => {
      const { state, version } = await loadEnterprise(deps.store, params.uscc);
      if (!state) throw notFound(params.uscc);
      const principal = principalOf(req);
      authoriseEnterprise(deps, principal, 'read', { uscc: state.uscc, countyCode: state.divisionCode });
      // PIPL: the contact person's details are personal information; every full read is logged.
      logPersonalDataRead(deps.logger, principal, {
        what: 'enterprise record',
        subject: state.uscc,
        fields: ['contact'],
        why: 'single-record read',
        masked: false,
      });
      res.setHeader('ETag', etagOf(version));
      // The whole answer is the stream at this version: a client may keep it privately and revalidate.
      res.setHeader('Cache-Control', 'private, no-cache');
      if (req.get('If-None-Match') === etagOf(version)) {
        res.status(304).end();
        return;
      }
      res.json(enterpriseView(state, version));
    },
  );
}
