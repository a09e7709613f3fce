import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import {
  authorise,
  ROLES,
  type AccessTable,
  type AccessTarget,
  type Logger,
  type Principal,
  type ScopeOptions,
} from '@peiyu/service-kit';
import { ACTIONS_BY_ROLE, type AssessmentAction } from '../domain';

/** 省直管县 (e.g. 汝州市 410482) report to the province: no city-level account covers them. */
export const ASSESSMENT_SCOPE: ScopeOptions = {
  provinciallyAdministered: new Set(DEFAULT_PROVINCIALLY_ADMINISTERED),
};

/** The domain's role → actions table, as the kit's action → roles table. */
export const ASSESSMENT_ACCESS: AccessTable<AssessmentAction> = Object.fromEntries(
  [...new Set(Object.values(ACTIONS_BY_ROLE).flat())].map((action) => [
    action,
    ROLES.filter((role) => ACTIONS_BY_ROLE[role].includes(action)),
  ]),
) as unknown as AccessTable<AssessmentAction>;

/**
 * The kit's one access rule with assessment's table: another enterprise's item is answered 404 so its
 * existence stays private; a role refusal is `role_not_allowed`, a place refusal `outside_region`.
 */
export function authoriseAssessment(
  logger: Logger,
  principal: Principal,
  action: AssessmentAction,
  target: AccessTarget | null,
  what: string,
): void {
  authorise(principal, action, target, { table: ASSESSMENT_ACCESS, scope: ASSESSMENT_SCOPE, logger, what });
}
