import { principalOf, validated } from '@peiyu/service-kit';
import type { Router } from 'express';
import { authorize, notFound } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { enterpriseView, etagOf, loadEnterprise } from '../../http/view';
import { UsccParams } from '../../commands/schemas';

/** GET /v1/enterprises/:uscc — read from the stream itself, so it is never stale and its ETag is exact. */
export function getEnterpriseRoute(router: Router, deps: RegistryDeps): void {
  router.get(
    '/v1/enterprises/:uscc',
    validated({ params: UsccParams }, async ({ params }, req, res) => {
      const { state, version } = await loadEnterprise(deps, params.uscc);
      if (!state) throw notFound(params.uscc);
      const principal = principalOf(req);
      authorize(
        principal,
        'read',
        { uscc: state.uscc, regionCode: state.divisionCode },
        {
          provinciallyAdministered: deps.regions.provinciallyAdministered,
          logger: deps.logger,
        },
      );
      // PIPL: the contact person's details are personal information; every full read is logged.
      deps.logger.info(
        { event: 'personal_data_read', uscc: state.uscc, by: { sub: principal.sub, role: principal.role } },
        'contact read',
      );
      res.setHeader('ETag', etagOf(version));
      if (req.get('If-None-Match') === etagOf(version)) {
        res.status(304).end();
        return;
      }
      res.json(enterpriseView(state, version));
    }),
  );
}
