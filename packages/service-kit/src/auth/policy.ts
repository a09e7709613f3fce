import type { Principal } from './principal';
import { isDivisionCode, regionContains, regionLevel, type RegionLevel } from './regions';

/**
 * Scope rules of people-and-places.md, as pure functions so that no service re-implements them.
 * They answer "may act on" by place only; which *actions* a role may take is the service's business.
 */
export interface ScopeOptions {
  /**
   * Counties administered directly by their province (省直管县, e.g. 汝州市 410482): they report to the province,
   * so the city whose code prefix they share has no scope over them.
   */
  provinciallyAdministered?: ReadonlySet<string>;
}

/** Whether a bureau whose region is `own` covers `region`. */
function covers(own: string | undefined, region: string, options: ScopeOptions): boolean {
  if (own === undefined || !regionContains(own, region)) return false;
  const cityScope = regionLevel(own) === 'city';
  return !(cityScope && options.provinciallyAdministered?.has(region));
}

// A reviewer's code must be at its role's level; a principal built by hand with the wrong level gets no scope
// rather than a wider one.
function hasLevel(own: string | undefined, level: RegionLevel): boolean {
  return own !== undefined && isDivisionCode(own) && regionLevel(own) === level;
}

/** May this principal act on things located in `regionCode`? */
export function canActOnRegion(
  principal: Principal,
  regionCode: string,
  options: ScopeOptions = {},
): boolean {
  switch (principal.role) {
    case 'admin':
      return isDivisionCode(regionCode);
    case 'enterprise': // scoped by its own USCC, never by place
    case 'expert': // scoped by assignment, never by place
      return false;
    case 'county_reviewer':
      return hasLevel(principal.region, 'county') && covers(principal.region, regionCode, options);
    case 'city_reviewer':
      return hasLevel(principal.region, 'city') && covers(principal.region, regionCode, options);
    case 'province_reviewer':
      return hasLevel(principal.region, 'province') && covers(principal.region, regionCode, options);
    // Auditors and finance bureaus sit at any level: their scope is whatever their own code covers.
    case 'auditor':
    case 'finance':
      return covers(principal.region, regionCode, options);
  }
}

export interface EnterpriseRef {
  uscc: string;
  /** Division code where the enterprise is registered. */
  regionCode: string;
}

/** May this principal act on this enterprise? An enterprise only on itself; others by the enterprise's region. */
export function canActOnEnterprise(
  principal: Principal,
  enterprise: EnterpriseRef,
  options: ScopeOptions = {},
): boolean {
  if (principal.role === 'enterprise')
    return principal.uscc !== undefined && principal.uscc === enterprise.uscc;
  return canActOnRegion(principal, enterprise.regionCode, options);
}
