import { createRegionRegistry, DEFAULT_PROVINCIALLY_ADMINISTERED, type Region } from '@peiyu/policy';

/** Division codes as statistics needs them: GB/T 2260 via @peiyu/policy plus the configured management areas. */
export interface Regions {
  parse(code: string): Region | null;
  /** Every county-level code under a city (or a province's 省直管县 for a province): the ranking's candidates. */
  countiesOf(areaCode: string): string[];
  name(code: string): string;
  /** 省直管县 (e.g. 汝州市 410482): no city bureau covers them; passed to service-kit scoping. */
  provinciallyAdministered: ReadonlySet<string>;
}

export function createRegions(
  provinciallyAdministered: readonly string[] = DEFAULT_PROVINCIALLY_ADMINISTERED,
): Regions {
  const registry = createRegionRegistry({ provinciallyAdministered });
  const parse = (code: string) => registry.parseRegion(code);
  const countiesOf = (areaCode: string): string[] => {
    const area = parse(areaCode);
    if (!area || area.level === 'county') return [];
    // A city's counties share its first four digits; a province's direct ones sit under any of its cities.
    const prefixes =
      area.level === 'city'
        ? [areaCode.slice(0, 4)]
        : Array.from({ length: 99 }, (_, i) => `${areaCode.slice(0, 2)}${String(i + 1).padStart(2, '0')}`);
    const out: string[] = [];
    for (const p of prefixes) {
      for (let i = 1; i <= 99; i += 1) {
        const r = parse(`${p}${String(i).padStart(2, '0')}`);
        if (r?.level !== 'county') continue;
        if (area.level === 'province' && !r.provinciallyAdministered) continue;
        out.push(r.code);
      }
    }
    return out;
  };
  return {
    parse,
    countiesOf,
    name: (code) => parse(code)?.name ?? code,
    provinciallyAdministered: new Set(provinciallyAdministered),
  };
}
