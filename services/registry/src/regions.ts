import { createRegionRegistry, DEFAULT_PROVINCIALLY_ADMINISTERED, type Region } from '@peiyu/policy';
import type { RegionInfo } from './domain/decide';

/** Division codes as the registry needs them: GB/T 2260 via @peiyu/policy plus configured management areas. */
export interface Regions {
  parse(code: string): Region | null;
  info(code: string): RegionInfo | null;
  /** 省直管县 (e.g. 汝州市 410482): their city bureau has no scope over them; passed to service-kit scoping. */
  provinciallyAdministered: ReadonlySet<string>;
}

export function createRegions(
  provinciallyAdministered: readonly string[] = DEFAULT_PROVINCIALLY_ADMINISTERED,
): Regions {
  const registry = createRegionRegistry({ provinciallyAdministered });
  return {
    parse: (code) => registry.parseRegion(code),
    info: (code) => {
      const r = registry.parseRegion(code);
      return r ? { code: r.code, level: r.level, name: r.name } : null;
    },
    provinciallyAdministered: new Set(provinciallyAdministered),
  };
}
