import type { Actor } from '@peiyu/contracts';
import type { DecisionContext } from '@peiyu/eventstore';
import { refuse, type RefusalCode } from './errors';
import type { ParseRegion } from './scope';

/** The contracts' Actor from the decision context (the shell has validated the token's role). */
export const actorOf = (ctx: DecisionContext): Actor => ctx.actor as Actor;

const forbidden = (code: RefusalCode, message: string) => refuse('forbidden', code, message);

/**
 * Targets are set by the city over its counties, or by the province (people-and-places.md: "Bureaus set yearly
 * targets per county"); a 省直管县 has no city level, so only its province sets them.
 */
export function assertTargetAuthority(
  ctx: DecisionContext,
  countyCode: string,
  parseRegion: ParseRegion,
): void {
  const county = parseRegion(countyCode);
  if (county?.level !== 'county') {
    throw refuse('invalid', 'targets.county-unknown', `${countyCode} is not a county`, 'countyCode');
  }
  const { role, region } = ctx.actor;
  const byProvince = role === 'province_reviewer' && region === county.province.code;
  const byCity =
    role === 'city_reviewer' &&
    !county.provinciallyAdministered &&
    county.city !== null &&
    region === county.city.code;
  if (!byProvince && !byCity) {
    throw forbidden('targets.out-of-scope', `only ${county.name}'s city or province bureau sets its targets`);
  }
}

/** Indicator reports come from the county's own bureau (issue 17: "County bureaus report"). */
export function assertCountyBureau(ctx: DecisionContext, countyCode: string): void {
  if (ctx.actor.role !== 'county_reviewer' || ctx.actor.region !== countyCode) {
    throw forbidden(
      'indicators.out-of-scope',
      `only the bureau of county ${countyCode} reports its indicators`,
    );
  }
}

/** A city ranks only its counties; the province ranks its provincially administered counties. */
export function assertRankingAuthority(ctx: DecisionContext, areaCode: string): void {
  const { role, region } = ctx.actor;
  const isProvince = areaCode.endsWith('0000');
  const ok = region === areaCode && (isProvince ? role === 'province_reviewer' : role === 'city_reviewer');
  if (!ok) throw forbidden('ranking.out-of-scope', `only the bureau of ${areaCode} ranks its counties`);
}
