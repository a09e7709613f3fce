import type { Role } from '@peiyu/contracts';
import { ForbiddenError } from '../problem/errors';
import { canActOnRegion, type ScopeOptions } from './policy';
import type { Principal } from './principal';
import { regionLevel } from './regions';

/**
 * Where an enterprise is, at every level, as read models store it for scoped lists. `cityCode` is null for a
 * county administered directly by its province (省直管县): no city bureau covers it, so a city's filter
 * `{ cityCode }` never matches it.
 */
export interface Place {
  countyCode: string;
  cityCode: string | null;
  provinceCode: string;
}

export function placeOf(countyCode: string, scope: ScopeOptions = {}): Place {
  const direct = scope.provinciallyAdministered?.has(countyCode) ?? false;
  return {
    countyCode,
    cityCode: direct ? null : `${countyCode.slice(0, 4)}00`,
    provinceCode: `${countyCode.slice(0, 2)}0000`,
  };
}

/** A MongoDB filter on the Place fields of a read model. */
export type PlaceFilter = Record<string, unknown>;

/** The documents placed within `region` (a province, city or county code). */
export function placeFilter(region: string): PlaceFilter {
  switch (regionLevel(region)) {
    case 'province':
      return { provinceCode: region };
    case 'city':
      return { cityCode: region };
    case 'county':
      return { countyCode: region };
  }
}

/**
 * The one list scope: the filter a principal's list query must carry. A bureau sees its region (the one it
 * asks for, which must lie within its own: else 403 `outside_region`), an admin any region, an enterprise
 * only its own records (`usccField`). A role not in `roles` (when given), or without a region (expert), gets
 * 403 `role_not_allowed`.
 */
export function listScope(
  principal: Principal,
  asked: string | undefined,
  o: { scope?: ScopeOptions; usccField?: string; roles?: readonly Role[] } = {},
): PlaceFilter {
  const roleMay = o.roles?.includes(principal.role) ?? true;
  if (principal.role === 'enterprise' && roleMay) return { [o.usccField ?? 'uscc']: principal.uscc ?? '' };
  const own = principal.role === 'admin' ? undefined : principal.region;
  if (!roleMay || principal.role === 'enterprise' || (principal.role !== 'admin' && own === undefined)) {
    throw new ForbiddenError(
      {
        en: `role ${principal.role} may not list these records`,
        zh: `当前角色（${principal.role}）无权查看此列表`,
      },
      { code: 'role_not_allowed' },
    );
  }
  const region = asked ?? own;
  if (region === undefined) return {};
  if (asked !== undefined && !canActOnRegion(principal, asked, o.scope)) {
    throw new ForbiddenError(
      {
        en: `region ${asked} is outside your region (${own ?? 'none'})`,
        zh: `区域 ${asked} 不在您的管辖区域内`,
      },
      { code: 'outside_region' },
    );
  }
  return placeFilter(region);
}
