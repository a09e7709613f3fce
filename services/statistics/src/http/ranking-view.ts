import type { PublishedRanking } from '../domain';
import type { Regions } from '../regions';

/** A published ranking with the counties' names (the bulletin prints the same rows). */
export function rankingView(deps: { regions: Regions }, r: PublishedRanking) {
  return {
    ...r,
    areaName: deps.regions.name(r.cityCode),
    rows: r.rows.map((row) => ({ ...row, countyName: deps.regions.name(row.countyCode) })),
    excluded: r.excluded.map((e) => ({ ...e, countyName: deps.regions.name(e.countyCode) })),
  };
}
