import { exampleUscc, parseRegion } from '@peiyu/policy';

/**
 * What a newcomer needs to call the demo stack, printed in the start banner and written in the README (a unit
 * test checks both and runs every command): the demo places and a token command per role that works as printed.
 */
export const DEMO_PLACES = {
  province: { code: '410000', name: '河南省' },
  city: { code: '410400', name: '平顶山市' },
  county: { code: '410402', name: '新华区' },
} as const;

/** The first demo enterprise of 新华区 (registry's demo: exampleUscc(county, 1)). */
export const DEMO_ENTERPRISE_USCC = exampleUscc(DEMO_PLACES.county.code, 1);

export const TOKEN_EXAMPLES: ReadonlyArray<{ role: string; args: readonly string[] }> = [
  {
    role: 'enterprise',
    args: ['--role', 'enterprise', '--region', '410402', '--uscc', DEMO_ENTERPRISE_USCC],
  },
  { role: 'county_reviewer', args: ['--role', 'county_reviewer', '--region', '410402'] },
  { role: 'city_reviewer', args: ['--role', 'city_reviewer', '--region', '410400'] },
  { role: 'province_reviewer', args: ['--role', 'province_reviewer', '--region', '410000'] },
  { role: 'finance', args: ['--role', 'finance', '--region', '410000'] },
  { role: 'auditor', args: ['--role', 'auditor', '--region', '410000'] },
  { role: 'expert', args: ['--role', 'expert'] },
  { role: 'admin', args: ['--role', 'admin'] },
];

export const tokenCommand = (args: readonly string[]): string => `npm run token -- ${args.join(' ')}`;

/** The banner's lines for tokens and places. */
export function newcomerLines(): Array<[string, string]> {
  const p = DEMO_PLACES;
  return [
    [
      'places',
      `province ${p.province.code} ${p.province.name}, city ${p.city.code} ${p.city.name}, county ${p.county.code} ${p.county.name}`,
    ],
    ...TOKEN_EXAMPLES.map((t): [string, string] => [`token ${t.role}`, tokenCommand(t.args)]),
    ['test USCC', 'npm run uscc -- --county 410402   (valid example codes for a county)'],
  ];
}

export const USCC_USAGE = 'usage: npm run uscc -- --county <6-digit county code> [--count N] [--from N]';

/**
 * `npm run uscc -- --county 410402`: valid example USCCs for a county (policy's exampleUscc: 91 + the division
 * code + MA + a serial + the check character; not real enterprises). Serials from 9,000,001 up by default, so
 * they do not collide with the demo's own enterprises (serials below 10,000).
 */
export function usccLines(argv: { county?: string; count?: string; from?: string }): string[] {
  const county = argv.county ?? '';
  const region = parseRegion(county);
  if (!region || region.level !== 'county') {
    throw new Error(`--county must be a county-level division code such as 410402 (新华区), got "${county}"`);
  }
  const count = Number(argv.count ?? '5');
  const from = Number(argv.from ?? '9000001');
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new Error('--count must be 1–1000');
  if (!Number.isInteger(from) || from < 0 || from + count - 1 > 9_999_999)
    throw new Error('--from must be 0–9999999 (with --count within that range)');
  const where = [region.province.name, region.city?.name, region.name].filter(Boolean).join(' ');
  return [
    `# valid example USCCs in ${region.code} ${where} (not real enterprises)`,
    ...Array.from({ length: count }, (_v, i) => exampleUscc(region.code, from + i)),
  ];
}
