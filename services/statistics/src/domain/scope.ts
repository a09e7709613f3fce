import type { Region } from '@peiyu/policy';
import { refuse } from './errors';

/** Policy's region registry (`parseRegion` / `createRegionRegistry(config).parseRegion`). */
export type ParseRegion = (code: string) => Region | null;

export interface RankingScope {
  readonly ranked: string[];
  readonly excluded: { countyCode: string; reason: 'provincially_administered' }[];
}

/**
 * Which of a city's counties its ranking covers. A 省直管县 (e.g. 汝州 under 平顶山 in GB/T 2260) reports to the
 * province, which sets its targets and assesses it: it is listed as excluded from the city's ranking. When the
 * province itself ranks (`areaCode` a province code), it ranks exactly its provincially administered counties.
 * A code outside the area is refused: a city ranks only its own counties (issue 17, role × region).
 */
export function rankingScope(
  areaCode: string,
  candidates: readonly string[],
  parseRegion: ParseRegion,
): RankingScope {
  const area = parseRegion(areaCode);
  if (!area || area.level === 'county') {
    throw refuse('invalid', 'ranking.area-unknown', `${areaCode} is not a city or province`, 'cityCode');
  }
  const ranked: string[] = [];
  const excluded: RankingScope['excluded'] = [];
  for (const code of [...new Set(candidates)].sort()) {
    const r = parseRegion(code);
    const inArea =
      r?.level === 'county' &&
      (area.level === 'city' ? r.city?.code === area.code : r.province.code === area.code);
    if (!r || !inArea) {
      throw refuse(
        'invalid',
        'ranking.county-outside-area',
        `${code} is not a county of ${area.name}`,
        'counties',
      );
    }
    if (area.level === 'province') {
      if (r.provinciallyAdministered) ranked.push(code);
    } else if (r.provinciallyAdministered)
      excluded.push({ countyCode: code, reason: 'provincially_administered' });
    else ranked.push(code);
  }
  return { ranked, excluded };
}

/** The area whose ranking a county belongs to: its city, or the province for a 省直管县. */
export function rankingAreaOf(countyCode: string, parseRegion: ParseRegion): string | null {
  const r = parseRegion(countyCode);
  if (r?.level !== 'county') return null;
  return r.provinciallyAdministered || r.city === null ? r.province.code : r.city.code;
}
