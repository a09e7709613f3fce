import type { Principal } from '@peiyu/service-kit';
import { canActOnEnterprise, ForbiddenError, NotFoundError } from '@peiyu/service-kit';
import type { Logger } from '@peiyu/service-kit';

/** What each role may do to one enterprise record (people-and-places.md), besides being in scope. */
export type RegistryAction =
  'read' | 'history' | 'register' | 'update' | 'rename' | 'relocate' | 'sanction' | 'deregister';

const ALLOWED: Record<RegistryAction, ReadonlyArray<Principal['role']>> = {
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
};

export interface AccessOptions {
  provinciallyAdministered: ReadonlySet<string>;
  logger: Logger;
}

/**
 * Throws unless `principal` may take `action` on the enterprise. Another enterprise asking about a USCC gets
 * 404 — whether a company is registered is not its business; a bureau outside its region gets 403. Every
 * refusal is logged (people-and-places.md: "the attempt is logged").
 */
export function authorize(
  principal: Principal,
  action: RegistryAction,
  enterprise: { uscc: string; regionCode: string },
  o: AccessOptions,
): void {
  const inScope = canActOnEnterprise(principal, enterprise, {
    provinciallyAdministered: o.provinciallyAdministered,
  });
  const roleMay = ALLOWED[action].includes(principal.role);
  if (inScope && roleMay) return;
  o.logger.warn(
    {
      event: 'access_denied',
      action,
      uscc: enterprise.uscc,
      region: enterprise.regionCode,
      principal: { sub: principal.sub, role: principal.role, region: principal.region },
    },
    'access denied',
  );
  if (principal.role === 'enterprise' && !inScope)
    throw new NotFoundError(`no enterprise ${enterprise.uscc}`);
  if (!roleMay) throw new ForbiddenError(`role ${principal.role} may not ${action} enterprise records`);
  throw new ForbiddenError(`enterprise ${enterprise.uscc} is outside your region`);
}

/** A missing record: the same answer for everyone, so existence leaks nothing. */
export function notFound(uscc: string): NotFoundError {
  return new NotFoundError(`no enterprise ${uscc}`);
}
