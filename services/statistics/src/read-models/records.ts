import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import type { Recorded } from '../domain';

/**
 * Statistics' own versioned records (targets, reports, methods, rankings), one document per stream with every
 * version and the instant it was recorded — the as-of reads pick "the latest version known at" from these.
 * Place fields make the lists scoped by the kit's listScope; a ranking or method is placed at its area (its
 * city; a province's own ranking of its 省直管县 has no city).
 */
export interface RecordsDoc<T> {
  versions: Recorded<T>[];
  latest: T;
  year: number;
  quarter: number | null;
  /** The city (or province) the record belongs to, for rankings and methods. */
  areaCode: string | null;
  countyCode: string | null;
  cityCode: string | null;
  provinceCode: string;
}

export const TARGETS = 'statistics_targets';
export const REPORTS = 'statistics_reports';
export const METHODS = 'statistics_methods';
export const RANKINGS = 'statistics_rankings';

export interface Keys {
  year: number;
  quarter?: number;
  countyCode?: string;
  cityCode?: string;
}

function areaPlace(areaCode: string): Omit<Place, 'countyCode'> & { countyCode: null } {
  const isProvince = areaCode.endsWith('0000');
  return {
    countyCode: null,
    cityCode: isProvince ? null : areaCode,
    provinceCode: `${areaCode.slice(0, 2)}0000`,
  };
}

function recordsProjection<T extends Keys>(
  name: string,
  type: string,
  scope: ScopeOptions,
  byCounty: boolean,
): StoreProjection<RecordsDoc<T>> {
  return {
    name,
    indexes: [
      { key: { countyCode: 1, year: 1, quarter: 1 }, name: 'county' },
      { key: { cityCode: 1, year: 1, quarter: 1 }, name: 'city' },
      { key: { provinceCode: 1, year: 1, quarter: 1 }, name: 'province' },
      { key: { areaCode: 1, year: 1, quarter: 1 }, name: 'area' },
    ],
    apply(doc, event: RecordedEvent) {
      if (event.type !== type) return doc;
      const data = event.data as T;
      const place = byCounty ? placeOf(data.countyCode!, scope) : areaPlace(data.cityCode!);
      return {
        versions: [...(doc?.versions ?? []), { data, recordedAt: event.recordedAt }],
        latest: data,
        year: data.year,
        quarter: data.quarter ?? null,
        areaCode: byCounty ? null : data.cityCode!,
        ...place,
      };
    },
  };
}

export const targetsProjection = (scope: ScopeOptions) =>
  recordsProjection(TARGETS, 'CountyTargetSet', scope, true);
export const reportsProjection = (scope: ScopeOptions) =>
  recordsProjection(REPORTS, 'IndicatorsReported', scope, true);
export const methodsProjection = (scope: ScopeOptions) =>
  recordsProjection(METHODS, 'RankingMethodSet', scope, false);
export const rankingsProjection = (scope: ScopeOptions) =>
  recordsProjection(RANKINGS, 'RankingPublished', scope, false);
