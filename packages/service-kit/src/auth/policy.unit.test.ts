import { canActOnEnterprise, canActOnRegion } from './policy';
import type { Principal } from './principal';
import { regionContains, regionLevel } from './regions';

const USCC_A = '91410402MA40000001';
const USCC_B = '91410402MA40000002';

const p = (role: Principal['role'], region?: string, uscc?: string): Principal => ({
  sub: `${role}-1`,
  role,
  ...(region ? { region } : {}),
  ...(uscc ? { uscc } : {}),
});

// Places from people-and-places.md: 平顶山 410400 (新华区 410402, 卫东区 410403, 汝州市 410482 provincially
// administered), 驻马店 411700 (驿城区 411702), Henan 410000, Hunan 岳阳 430600 (岳阳楼区 430602).
const provinciallyAdministered = new Set(['410482']);

const table: [string, Principal, string, boolean][] = [
  ['county reviewer: own county', p('county_reviewer', '410402'), '410402', true],
  ['county reviewer: neighbouring county', p('county_reviewer', '410402'), '410403', false],
  ['county reviewer: its city', p('county_reviewer', '410402'), '410400', false],
  ['city reviewer: a county of its city', p('city_reviewer', '410400'), '410403', true],
  ['city reviewer: the city itself', p('city_reviewer', '410400'), '410400', true],
  ['city reviewer: a county of another city', p('city_reviewer', '410400'), '411702', false],
  ['city reviewer: a provincially administered county', p('city_reviewer', '410400'), '410482', false],
  ['city reviewer: its province', p('city_reviewer', '410400'), '410000', false],
  ['province reviewer: any county of the province', p('province_reviewer', '410000'), '411702', true],
  ['province reviewer: a provincially administered county', p('province_reviewer', '410000'), '410482', true],
  ['province reviewer: another province', p('province_reviewer', '410000'), '430602', false],
  ['auditor at province level', p('auditor', '410000'), '410403', true],
  ['auditor at city level: its county', p('auditor', '411700'), '411702', true],
  ['auditor at city level: another city', p('auditor', '411700'), '410402', false],
  ['auditor at county level: its county only', p('auditor', '410402'), '410403', false],
  ['finance at county level: its county', p('finance', '410402'), '410402', true],
  ['finance at city level: a county of the city', p('finance', '430600'), '430602', true],
  ['finance at city level: the province', p('finance', '430600'), '430000', false],
  ['expert: never by region', p('expert'), '410402', false],
  ['enterprise: never by region', p('enterprise', '410402', USCC_A), '410402', false],
  ['admin: everywhere', p('admin'), '430602', true],
  ['admin: not a malformed code', p('admin'), '4104', false],
  ['county reviewer: malformed code', p('county_reviewer', '410402'), '41040', false],
  ['a county reviewer holding a city code gets no scope', p('county_reviewer', '410400'), '410402', false],
  ['a city reviewer holding a province code gets no scope', p('city_reviewer', '410000'), '410402', false],
  ['a reviewer without a region gets no scope', p('province_reviewer'), '410402', false],
];

describe('canActOnRegion', () => {
  it.each(table)('%s', (_name, principal, region, expected) => {
    expect(canActOnRegion(principal, region, { provinciallyAdministered })).toBe(expected);
  });

  it('without the list of provincially administered counties, falls back to the code prefix', () => {
    expect(canActOnRegion(p('city_reviewer', '410400'), '410482')).toBe(true);
  });
});

describe('canActOnEnterprise', () => {
  const enterpriseA = { uscc: USCC_A, regionCode: '410402' };
  it.each([
    ['enterprise: itself', p('enterprise', '410402', USCC_A), true],
    ['enterprise: another enterprise in the same county', p('enterprise', '410402', USCC_B), false],
    ['enterprise without a uscc', p('enterprise', '410402'), false],
    ['county reviewer of its county', p('county_reviewer', '410402'), true],
    ['county reviewer of another county', p('county_reviewer', '410403'), false],
    ['city reviewer of its city', p('city_reviewer', '410400'), true],
    ['province reviewer of another province', p('province_reviewer', '430000'), false],
    ['expert', p('expert'), false],
    ['admin', p('admin'), true],
  ] as const)('%s', (_name, principal, expected) => {
    expect(canActOnEnterprise(principal, enterpriseA)).toBe(expected);
  });
});

describe('regions', () => {
  it.each([
    ['410000', 'province'],
    ['410400', 'city'],
    ['410402', 'county'],
  ] as const)('%s is a %s', (code, level) => expect(regionLevel(code)).toBe(level));

  it('rejects malformed codes', () => {
    expect(() => regionLevel('41040')).toThrow(RangeError);
    expect(regionContains('410000', 'abcdef')).toBe(false);
  });
});
