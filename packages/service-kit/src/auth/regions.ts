/** GB/T 2260 division codes: province `PP0000`, city `PPCC00`, county `PPCCXX`. */
export type RegionLevel = 'province' | 'city' | 'county';

export const DIVISION_CODE = /^\d{6}$/;

export function isDivisionCode(code: string): boolean {
  return DIVISION_CODE.test(code);
}

/** The level a code names, read from its zero suffix. */
export function regionLevel(code: string): RegionLevel {
  if (!isDivisionCode(code)) throw new RangeError(`not a division code: "${code}"`);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

const PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6 };

/** Whether `code` lies within `scope` (a region contains itself). Malformed codes are contained by nothing. */
export function regionContains(scope: string, code: string): boolean {
  if (!isDivisionCode(scope) || !isDivisionCode(code)) return false;
  const length = PREFIX_LENGTH[regionLevel(scope)];
  return code.slice(0, length) === scope.slice(0, length);
}
