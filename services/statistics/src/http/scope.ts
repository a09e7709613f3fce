import { listScope, placeOf, type Principal } from '@peiyu/service-kit';
import { rankingAreaOf } from '../domain';
import type { Regions } from '../regions';
import { STATISTICS_ACCESS, statisticsScope } from './access';

/** The kit's list scope for statistics' read models (their place fields). */
export const scopeOf = (regions: Regions, principal: Principal, region: string | undefined) =>
  listScope(principal, region, { scope: statisticsScope(regions), roles: STATISTICS_ACCESS.read });

/** Whether a county lies within a place filter of listScope (for lists computed in memory from the facts). */
export function inScope(regions: Regions, filter: Record<string, unknown>, countyCode: string): boolean {
  const place = placeOf(countyCode, statisticsScope(regions)) as unknown as Record<string, unknown>;
  return Object.entries(filter).every(([k, v]) => place[k] === v);
}

/**
 * Rankings and methods are placed at their area: a bureau lists those of its region; a county lists its own
 * area's (issue 17: a county sees its city's published ranking), whichever region it asks within its own.
 */
export function areaScopeOf(
  regions: Regions,
  principal: Principal,
  region: string | undefined,
): Record<string, unknown> {
  const filter = scopeOf(regions, principal, region);
  if (typeof filter['countyCode'] !== 'string') return filter;
  return { areaCode: rankingAreaOf(filter['countyCode'], regions.parse) ?? '' };
}
