import {
  apiDocs,
  authenticate,
  createApp,
  openApiDocumentOf,
  openApiPathsOf,
  type ReadinessCheck,
  type TokenVerifier,
} from '@peiyu/service-kit';
import type { Express, Router } from 'express';
import { registerEnterpriseRoute } from './commands/register-enterprise/route';
import { updateEnterpriseProfileRoute } from './commands/update-enterprise-profile/route';
import { renameEnterpriseRoute } from './commands/rename-enterprise/route';
import { relocateEnterpriseRoute } from './commands/relocate-enterprise/route';
import { recordSanctionRoute } from './commands/record-sanction/route';
import { liftSanctionRoute } from './commands/lift-sanction/route';
import { deregisterEnterpriseRoute } from './commands/deregister-enterprise/route';
import type { RegistryDeps } from './http/deps';
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
];

const TITLE = 'Peiyu registry (企业注册登记)';
const DESCRIPTION =
  'Enterprises of the cultivation ladder, one event stream per USCC. Vocabulary: docs/vocabulary.md.';

export function buildRegistryApp(
  deps: RegistryDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express {
  return createApp({
    name: 'registry',
    logger: deps.logger,
    clock: deps.clock,
    readiness,
    routes: (app) => {
      // Everything under /v1 needs a bearer token; the API description and its viewer are public.
      app.use('/v1', authenticate(auth));
      for (const slice of SLICES) slice(app as unknown as Router, deps);
      app.use(
        apiDocs(openApiDocumentOf({ title: TITLE, description: DESCRIPTION, paths: openApiPathsOf(app) })),
      );
    },
  });
}
