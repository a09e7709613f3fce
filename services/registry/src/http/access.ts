import { accessDecision, authorise, type AccessTable, type Principal } from '@peiyu/service-kit';
import type { RegistryDeps } from './deps';

/** What each role may do to one enterprise record (people-and-places.md), besides being in scope. */
export type RegistryAction =
  | 'read'
  | 'history'
  | 'register'
  | 'update'
  | 'rename'
  | 'relocate'
  | 'sanction'
  | 'deregister'
  | 'answer_transfer';

export const REGISTRY_ACCESS: AccessTable<RegistryAction> = {
  read: [
    'enterprise',
    'county_reviewer',
    'city_reviewer',
    'province_reviewer',
    'auditor',
    'finance',
    'admin',
  ],
  history: ['enterprise', 'county_reviewer', 'city_reviewer', 'province_reviewer', 'auditor', 'admin'],
  // An enterprise registers itself; a county bureau may register one in its county.
  register: ['enterprise', 'county_reviewer', 'admin'],
  update: ['enterprise', 'county_reviewer', 'admin'],
  rename: ['enterprise', 'county_reviewer', 'admin'],
  relocate: ['enterprise', 'county_reviewer', 'province_reviewer', 'admin'],
  // Sanctions are recorded by the county or province bureau (issue: "by county or province reviewers").
  sanction: ['county_reviewer', 'province_reviewer', 'admin'],
  deregister: ['county_reviewer', 'province_reviewer', 'admin'],
  // 迁移接收 (finding 3): the destination's bureau answers a transfer request, judged by the destination county.
  answer_transfer: ['county_reviewer', 'province_reviewer', 'admin'],
};

/**
 * Whether the principal may itself place the enterprise in `countyCode` (a relocation within its scope). An
 * enterprise never may — a bureau receives it — and nor may a county for another county: those relocations
 * become transfer requests that the destination county accepts or refuses (issue 12, finding 3).
 */
export function mayPlaceIn(
  deps: Pick<RegistryDeps, 'regions'>,
  principal: Principal,
  uscc: string,
  countyCode: string,
): boolean {
  if (principal.role === 'enterprise') return false;
  const scope = { provinciallyAdministered: deps.regions.provinciallyAdministered };
  return (
    accessDecision(principal, 'relocate', { uscc, regionCode: countyCode }, REGISTRY_ACCESS, scope) ===
    'allow'
  );
}

/**
 * The kit's one access rule with the registry's table: another enterprise asking about a USCC gets 404 —
 * whether a company is registered is not its business; a bureau outside its region gets 403.
 */
export function authoriseEnterprise(
  deps: Pick<RegistryDeps, 'logger' | 'regions'>,
  principal: Principal,
  action: RegistryAction,
  enterprise: { uscc: string; countyCode: string } | null,
): void {
  authorise(principal, action, enterprise && { uscc: enterprise.uscc, regionCode: enterprise.countyCode }, {
    table: REGISTRY_ACCESS,
    scope: { provinciallyAdministered: deps.regions.provinciallyAdministered },
    logger: deps.logger,
    what: `enterprise ${enterprise?.uscc ?? ''}`.trim(),
  });
}
