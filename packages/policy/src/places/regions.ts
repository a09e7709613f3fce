import { PolicyInputError } from '../core/errors';
import { divisionTables, DIVISION_DATA_SOURCE } from './division-data';

export interface RegionRef {
  readonly code: string; // 6 digits
  readonly name: string;
}

/**
 * - `gbt2260`: a code of the national standard.
 * - `statistical`: a county-position code 71–80 that the statistics bureau adds for development zones and
 *   similar areas (e.g. 410471); real and stable, but not in GB/T 2260 proper.
 * - `configured`: a management area defined by this deployment (see DEFAULT_MANAGEMENT_AREAS).
 */
export type RegionSource = 'gbt2260' | 'statistical' | 'configured';

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'city' | 'county';
  readonly province: RegionRef;
  /** The prefecture-level city; null for a province and for counties under the "省直辖县级行政区划" block. */
  readonly city: RegionRef | null;
  readonly county: RegionRef | null;
  /** 省直管县: reports to the province directly, no city fiscal level. */
  readonly provinciallyAdministered: boolean;
  readonly source: RegionSource;
}

export interface ManagementArea {
  readonly code: string;
  readonly name: string;
  /** Six-digit code of the city the area is managed under, e.g. '430600'. */
  readonly cityCode: string;
}

export interface RegionConfig {
  /** County codes that are provincially administered (省直管县) although GB/T lists them under a city. */
  readonly provinciallyAdministered?: readonly string[];
  /** Non-standard areas managed like counties (开发区 etc.). */
  readonly managementAreas?: readonly ManagementArea[];
}

/** 汝州市 (Henan) is administered by the province although GB/T 2260 lists it under 平顶山市. */
export const DEFAULT_PROVINCIALLY_ADMINISTERED: readonly string[] = ['410482'];

/**
 * 岳阳's 经开区 and 新港区 are managed like counties but have no GB/T or statistical code. These codes are
 * assigned by this system in the free 72–79 block under 430600 (430671 is 屈原管理区 in the statistical
 * table); `createRegionRegistry` refuses a configured code that the division data already uses.
 */
export const DEFAULT_MANAGEMENT_AREAS: readonly ManagementArea[] = [
  { code: '430672', name: '岳阳经济技术开发区', cityCode: '430600' },
  { code: '430673', name: '城陵矶新港区', cityCode: '430600' },
];

export interface RegionRegistry {
  readonly parseRegion: (code: string) => Region | null;
  readonly dataSource: string;
}

const SIX_DIGITS = /^\d{6}$/;
/** City-position "省直辖县级行政区划" blocks (e.g. 4190): their counties have no city level. */
const isDirectBlock = (cc: string): boolean => cc === '90';

function checkConfig(config: RegionConfig): void {
  const t = divisionTables();
  for (const code of config.provinciallyAdministered ?? []) {
    if (!t.counties.has(code)) {
      throw new PolicyInputError('region.config', `provincially administered ${code} is not a county code`);
    }
  }
  for (const area of config.managementAreas ?? []) {
    if (!SIX_DIGITS.test(area.code) || t.counties.has(area.code) || area.code.endsWith('00')) {
      throw new PolicyInputError('region.config', `management area code ${area.code} is malformed or taken`);
    }
    if (area.code.slice(0, 4) !== area.cityCode.slice(0, 4) || !t.cities.has(area.cityCode.slice(0, 4))) {
      throw new PolicyInputError(
        'region.config',
        `management area ${area.code} must sit under its city ${area.cityCode}`,
      );
    }
  }
}

export function createRegionRegistry(config: RegionConfig = {}): RegionRegistry {
  checkConfig(config);
  const direct = new Set(config.provinciallyAdministered ?? DEFAULT_PROVINCIALLY_ADMINISTERED);
  const areas = new Map((config.managementAreas ?? DEFAULT_MANAGEMENT_AREAS).map((a) => [a.code, a]));
  const t = divisionTables();

  const parseRegion = (code: string): Region | null => {
    if (typeof code !== 'string' || !SIX_DIGITS.test(code)) return null;
    const pp = code.slice(0, 2);
    const cc = code.slice(2, 4);
    const xx = code.slice(4, 6);
    const provinceName = t.provinces.get(pp);
    if (provinceName === undefined) return null;
    const province: RegionRef = { code: `${pp}0000`, name: provinceName };
    if (cc === '00' && xx === '00') {
      return {
        code,
        name: provinceName,
        level: 'province',
        province,
        city: null,
        county: null,
        provinciallyAdministered: false,
        source: 'gbt2260',
      };
    }
    const cityName = t.cities.get(pp + cc);
    if (cityName === undefined) return null;
    // Municipalities list their districts under pseudo-cities named 市辖区 / 县; the city there is the municipality.
    const shownCityName = cityName === '市辖区' || cityName === '县' ? provinceName : cityName;
    const city: RegionRef | null = isDirectBlock(cc) ? null : { code: `${pp}${cc}00`, name: shownCityName };
    if (xx === '00') {
      if (city === null) return null; // the 90 block is not a city
      return {
        code,
        name: shownCityName,
        level: 'city',
        province,
        city,
        county: null,
        provinciallyAdministered: false,
        source: 'gbt2260',
      };
    }
    const configured = areas.get(code);
    const countyName = t.counties.get(code) ?? configured?.name;
    if (countyName === undefined) return null;
    const n = Number(xx);
    const source: RegionSource = configured ? 'configured' : n >= 71 && n <= 80 ? 'statistical' : 'gbt2260';
    return {
      code,
      name: countyName,
      level: 'county',
      province,
      city,
      county: { code, name: countyName },
      provinciallyAdministered: city === null || direct.has(code),
      source,
    };
  };
  return { parseRegion, dataSource: DIVISION_DATA_SOURCE };
}

const defaultRegistry = createRegionRegistry();

/**
 * Parses a six-digit division code with the default configuration (汝州市 provincially administered;
 * 岳阳 经开区 430672 and 新港区 430673 as configured areas). Returns null for anything unknown or malformed,
 * so a service can answer 400 without a try/catch; build your own registry for other configurations.
 */
export function parseRegion(code: string): Region | null {
  return defaultRegistry.parseRegion(code);
}
