import {
  authorise,
  type AccessTable,
  type AccessTarget,
  type Logger,
  type Principal,
  type ScopeOptions,
} from '@peiyu/service-kit';
import { rankingAreaOf } from '../domain';
import type { Regions } from '../regions';

/**
 * What each role may do in statistics (issue 17, people-and-places.md "The cultivation ladder and reporting"),
 * besides being in scope. The deciders check the finer rule (a city sets targets only over its counties, a
 * county reports only its own figures); this table is the role gate and the place gate of the kit.
 */
export type StatisticsAction =
  'read' | 'set_targets' | 'report' | 'set_method' | 'rank' | 'grant_title' | 'read_ranking';

const BUREAUS = ['county_reviewer', 'city_reviewer', 'province_reviewer', 'auditor', 'admin'] as const;

export const STATISTICS_ACCESS: AccessTable<StatisticsAction> = {
  read: [...BUREAUS],
  // Cities set targets for their counties, provinces for any county (and alone for a 省直管县).
  set_targets: ['city_reviewer', 'province_reviewer'],
  // Only the county bureau reports its own turnover and platforms.
  report: ['county_reviewer'],
  set_method: ['city_reviewer', 'province_reviewer'],
  rank: ['city_reviewer', 'province_reviewer'],
  grant_title: ['city_reviewer', 'province_reviewer'],
  // A county sees its city's published ranking (see authoriseRanking).
  read_ranking: [...BUREAUS],
};

export const statisticsScope = (regions: Regions): ScopeOptions => ({
  provinciallyAdministered: regions.provinciallyAdministered,
});

/** The kit's one access rule with statistics' table; every refusal is logged by the kit. */
export function authoriseStatistics(
  o: { logger: Logger; regions: Regions },
  principal: Principal,
  action: StatisticsAction,
  target: AccessTarget | null,
  what: string,
): void {
  authorise(principal, action, target, {
    table: STATISTICS_ACCESS,
    scope: statisticsScope(o.regions),
    logger: o.logger,
    what,
  });
}

/**
 * A published ranking is read by the bureaus above the area and by each county it ranks (issue 17: "a county
 * sees its own reports and its city's published ranking").
 */
export function authoriseRanking(
  o: { logger: Logger; regions: Regions },
  principal: Principal,
  areaCode: string,
  what: string,
): void {
  const ownArea =
    principal.role === 'county_reviewer' &&
    principal.region !== undefined &&
    rankingAreaOf(principal.region, o.regions.parse) === areaCode;
  if (ownArea) return;
  authoriseStatistics(o, principal, 'read_ranking', { regionCode: areaCode }, what);
}
