import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express } from 'express';
import { allocateBudgetRoute } from './commands/allocate-budget/route';
import { approveRoundRoute } from './commands/approve-round/route';
import { approveShareRoute } from './commands/approve-share/route';
import { disburseShareRoute } from './commands/disburse-share/route';
import { publishPolicyRoute } from './commands/publish-policy/route';
import { rdSubsidyRoutes } from './commands/rd-subsidy/route';
import { recordRecoveryRoute } from './commands/record-recovery/route';
import type { SubsidyDeps } from './http/deps';
import type { Slice } from './http/slice';
import { entitlementsRoutes } from './queries/entitlements/route';
import { ledgersRoutes } from './queries/ledgers/route';
import { policiesRoute } from './queries/policies/route';
import { shareListsRoutes } from './queries/share-lists/route';
import { whatIfRoute } from './queries/what-if/route';

const SLICES: Slice[] = [
  publishPolicyRoute,
  policiesRoute,
  rdSubsidyRoutes,
  entitlementsRoutes,
  allocateBudgetRoute,
  approveShareRoute,
  approveRoundRoute,
  disburseShareRoute,
  recordRecoveryRoute,
  ledgersRoutes,
  shareListsRoutes,
  whatIfRoute,
];

/** The service's app: its slices behind the kit's one app shape (service-guide.md). */
export const buildSubsidyApp = (
  deps: SubsidyDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express =>
  serviceApp({
    name: 'subsidy',
    title: 'Peiyu subsidy (财政补助与奖励)',
    description:
      'Subsidy policies as data, entitlements from facts with their whole trace, the province ≤ 50 % / city ≤ 20 % split, budgets, approvals, payments and clawbacks per level, what-if. Money in integer fen. Vocabulary: docs/vocabulary.md.',
    slices: SLICES,
    deps,
    auth,
    readiness,
  });
