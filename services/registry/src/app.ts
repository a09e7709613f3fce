import { authenticate, createApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express, Router } from 'express';
import { registerEnterpriseRoute } from './commands/register-enterprise/route';
import { updateEnterpriseProfileRoute } from './commands/update-enterprise-profile/route';
import { renameEnterpriseRoute } from './commands/rename-enterprise/route';
import { relocateEnterpriseRoute } from './commands/relocate-enterprise/route';
import { recordSanctionRoute } from './commands/record-sanction/route';
import { liftSanctionRoute } from './commands/lift-sanction/route';
import { deregisterEnterpriseRoute } from './commands/deregister-enterprise/route';
import { calendarRoutes } from './calendar/routes';
import type { RegistryDeps } from './http/deps';
import { openApiDocument } from './openapi';
import { enterpriseHistoryRoute } from './queries/enterprise-history/route';
import { getEnterpriseRoute } from './queries/get-enterprise/route';
import { listEnterprisesRoute } from './queries/list-enterprises/route';

const SLICES: Array<(r: Router, d: RegistryDeps) => void> = [
  registerEnterpriseRoute,
  listEnterprisesRoute,
  getEnterpriseRoute,
  updateEnterpriseProfileRoute,
  renameEnterpriseRoute,
  relocateEnterpriseRoute,
  recordSanctionRoute,
  liftSanctionRoute,
  deregisterEnterpriseRoute,
  enterpriseHistoryRoute,
  calendarRoutes,
];

export function buildRegistryApp(
  deps: RegistryDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express {
  const doc = openApiDocument();
  return createApp({
    name: 'registry',
    logger: deps.logger,
    clock: deps.clock,
    readiness,
    routes: (app) => {
      // The API description is public; everything under /v1 needs a bearer token.
      app.get('/openapi.json', (_req, res) => {
        res.json(doc);
      });
      app.use('/v1', authenticate(auth));
      for (const slice of SLICES) slice(app as unknown as Router, deps);
    },
  });
}
