import { DEFAULT_PROVINCIALLY_ADMINISTERED } from '@peiyu/policy';
import {
  authorise,
  ForbiddenError,
  type AccessTable,
  type AccessTarget,
  type Logger,
  type Principal,
  type ScopeOptions,
} from '@peiyu/service-kit';

/** 省直管县 (e.g. 汝州市 410482) report to the province: no city account covers them, and the county pays the city share. */
export const SUBSIDY_SCOPE: ScopeOptions = {
  provinciallyAdministered: new Set(DEFAULT_PROVINCIALLY_ADMINISTERED),
};

export const isProvinciallyAdministered = (countyCode: string): boolean =>
  SUBSIDY_SCOPE.provinciallyAdministered?.has(countyCode) ?? false;

export type SubsidyAction =
  | 'publish_policy'
  | 'read_policies'
  | 'apply_rd'
  | 'verify_rd'
  | 'read_entitlements'
  | 'manage_ledger'
  | 'read_ledgers'
  | 'export_lists'
  | 'what_if';

const BUREAUS = ['county_reviewer', 'city_reviewer', 'province_reviewer'] as const;

/**
 * Who may take each action at all (people-and-places.md: finance bureaus at county, city and province level;
 * the enterprise sees its own). Which level's share a finance account may touch is the ledger decider's rule
 * (`finance.other-level`, `finance.other-region`), so the refusal names it.
 */
export const SUBSIDY_ACCESS: AccessTable<SubsidyAction> = {
  // Policy owners: the admin and the finance bureaus (subsidy.md "Admin / finance policy owners").
  publish_policy: ['admin', 'finance'],
  read_policies: ['enterprise', ...BUREAUS, 'finance', 'auditor', 'admin'],
  apply_rd: ['enterprise'],
  // subsidy.md: "the county verifies it" (the county's reviewer or its finance bureau; the decider checks the county).
  verify_rd: ['county_reviewer', 'finance'],
  read_entitlements: ['enterprise', ...BUREAUS, 'finance', 'auditor', 'admin'],
  manage_ledger: ['finance'],
  read_ledgers: ['finance', 'auditor', 'admin'],
  // A level's approval and payment lists as CSV/XLSX: a finance account its own level only (`finance.other-level`).
  export_lists: ['finance', 'auditor', 'admin'],
  what_if: ['finance', 'auditor', 'admin'],
};

/**
 * The kit's one access rule with subsidy's table: another enterprise's entitlement is answered 404, a role
 * refusal is `role_not_allowed`, a place refusal `outside_region`.
 */
export function authoriseSubsidy(
  logger: Logger,
  principal: Principal,
  action: SubsidyAction,
  target: AccessTarget | null,
  what: string,
): void {
  authorise(principal, action, target, { table: SUBSIDY_ACCESS, scope: SUBSIDY_SCOPE, logger, what });
}

/**
 * For actions on no enterprise's record, where the place rule is the decider's (a ledger's level and region)
 * or there is none (province-wide policies): the role alone, refused as the kit refuses it, and logged.
 */
export function authoriseRole(
  logger: Logger,
  principal: Principal,
  action: SubsidyAction,
  what: string,
): void {
  if (SUBSIDY_ACCESS[action].includes(principal.role)) return;
  logger.warn(
    {
      event: 'access_denied',
      action,
      decision: 'role_not_allowed',
      principal: { sub: principal.sub, role: principal.role, region: principal.region },
    },
    'access denied',
  );
  throw new ForbiddenError(
    {
      en: `role ${principal.role} may not ${action.replace(/_/g, ' ')} (${what})`,
      zh: `当前角色（${principal.role}）无权执行此操作`,
    },
    { code: 'role_not_allowed' },
  );
}
