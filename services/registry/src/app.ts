import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express, Router } from 'express';
import { registerEnterpriseRoute } from './commands/register-enterprise/route';
import { updateEnterpriseProfileRoute } from './commands/update-enterprise-profile/route';
import { renameEnterpriseRoute } from './commands/rename-enterprise/route';
import { relocateEnterpriseRoute } from './commands/relocate-enterprise/route';
import { recordSanctionRoute } from './commands/record-sanction/route';
import { liftSanctionRoute } from './commands/lift-sanction/route';
import { deregisterEnterpriseRoute } from './commands/deregister-enterprise/route';
import { answerTransferRoutes } from './commands/answer-transfer/route';
import { listTransfersRoute } from './queries/list-transfers/route';
import { calendarRoutes } from './calendar/routes';
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
  answerTransferRoutes,
  listTransfersRoute,
  enterpriseHistoryRoute,
  calendarRoutes,
];

/** The service's app: its slices behind the kit's one app shape (service-guide.md). */
export const buildRegistryApp = (
  deps: RegistryDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express =>
  serviceApp({
    name: 'registry',
    title: 'Peiyu registry (企业注册登记)',
    description:
      'Enterprises of the cultivation ladder, one event stream per USCC. Vocabulary: docs/vocabulary.md.',
    slices: SLICES,
    deps,
    auth,
    readiness,
  });
