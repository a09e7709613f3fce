import { divisionTables } from '@peiyu/policy';

export type Scale = 'city' | 'province' | 'national';
export const SCALES: readonly Scale[] = ['city', 'province', 'national'];

/**
 * Tech-SME evaluations a year (the volume everything else follows). A nation: ≈ 0.7 M (tech-sme.md, 2023–24);
 * Henan about a fourteenth of it; 平顶山: 690 entries in 2023 (seed 000), which at the ≈ 93 % entry rate of the
 * model below means ≈ 750 evaluations.
 */
export const EVALUATIONS: Record<Scale, number> = { national: 700_000, province: 50_000, city: 750 };

/** The default area of each scale: 平顶山 (410400), Henan (41), the whole country. */
export const DEFAULT_AREA: Record<Scale, string> = { city: '410400', province: '410000', national: '000000' };

/** Enterprises registered per evaluation: a quarter register without evaluating that year. */
export const ENTERPRISES_PER_EVALUATION = 1.25;

export interface County {
  code: string;
  name: string;
  provinceCode: string;
  /** Share of the area's volume before normalisation (see countyWeight). */
  weight: number;
}

export interface Area {
  scale: Scale;
  code: string;
  counties: County[];
  evaluations: number;
}

/**
 * The division data has no population, so the county share is a proxy for economic weight: urban districts
 * and development zones (区) carry the most tech firms, county-level cities (市) more than counties (县) —
 * as 岳阳's 2022 entries show (新港区 61, 经开区 51; 平江县 57, 汨罗市 44, 岳阳县 35; seed 001).
 */
export function countyWeight(name: string): number {
  if (name.endsWith('区')) return 1.5;
  if (name.endsWith('市')) return 1.2;
  return 1;
}

export function areaOf(scale: Scale, code = DEFAULT_AREA[scale]): Area {
  const { counties } = divisionTables();
  const prefix = scale === 'national' ? '' : scale === 'province' ? code.slice(0, 2) : code.slice(0, 4);
  const list: County[] = [...counties]
    .filter(([c]) => c.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([c, name]) => ({
      code: c,
      name,
      provinceCode: `${c.slice(0, 2)}0000`,
      weight: countyWeight(name),
    }));
  if (list.length === 0) throw new Error(`no county-level divisions under ${code}`);
  return { scale, code, counties: list, evaluations: EVALUATIONS[scale] };
}

/** Evaluations per county: the area's volume split by weight (largest remainders, so the sum is exact). */
export function countyEvaluations(area: Area): Map<string, number> {
  const total = area.counties.reduce((s, c) => s + c.weight, 0);
  const raw = area.counties.map((c) => (area.evaluations * c.weight) / total);
  const counts = raw.map(Math.floor);
  let left = area.evaluations - counts.reduce((s, n) => s + n, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return new Map(area.counties.map((c, i) => [c.code, counts[i]!]));
}
