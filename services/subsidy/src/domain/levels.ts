import type { FiscalLevel } from './events';

/** GB/T 2260: province PP0000, city PPCC00, county PPCCXX (people-and-places.md "Regions"). */
export function levelOfRegion(code: string): FiscalLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'county';
}

/**
 * Who pays each level's share for an enterprise of `countyCode` (属地原则). A provincially administered county
 * (省直管县) has no city level: its city share falls to the county (subsidy.md), so the city payer is null.
 */
export function payersOf(
  countyCode: string,
  provinciallyAdministered: boolean,
): { province: string; city: string | null; county: string } {
  return {
    province: `${countyCode.slice(0, 2)}0000`,
    city: provinciallyAdministered ? null : `${countyCode.slice(0, 4)}00`,
    county: countyCode,
  };
}
