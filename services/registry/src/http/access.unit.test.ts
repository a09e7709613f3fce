import { accessDecision, type AccessDecision, type Principal } from '@peiyu/service-kit';
import { createRegions } from '../regions';
import { REGISTRY_ACCESS, type RegistryAction } from './access';

const scope = { provinciallyAdministered: createRegions().provinciallyAdministered };
const E = { uscc: '91410402MA9G5K2X8R', regionCode: '410402' }; // 新华区, 平顶山 410400, 河南 410000
const RUZHOU = { uscc: '91410482MA9G5K2X8R', regionCode: '410482' }; // 省直管县

type Who = Omit<Principal, 'sub'>;
const ent: Who = { role: 'enterprise', region: '410402', uscc: E.uscc };
const otherEnt: Who = { role: 'enterprise', region: '410402', uscc: '91410402MA47C9KX3T' };
const county: Who = { role: 'county_reviewer', region: '410402' };
const otherCounty: Who = { role: 'county_reviewer', region: '410403' };
const city: Who = { role: 'city_reviewer', region: '410400' };
const province: Who = { role: 'province_reviewer', region: '410000' };
const hunan: Who = { role: 'province_reviewer', region: '430000' };

describe('registry access: role × region × action (the kit’s one rule with the registry table)', () => {
  it.each<[string, Who, RegistryAction, typeof E, AccessDecision]>([
    ['enterprise reads itself', ent, 'read', E, 'allow'],
    ['enterprise renames itself', ent, 'rename', E, 'allow'],
    ['enterprise sanctions itself', ent, 'sanction', E, 'role_not_allowed'],
    ['another enterprise reads it', otherEnt, 'read', E, 'not_found'],
    ['its county updates', county, 'update', E, 'allow'],
    ['another county reads', otherCounty, 'read', E, 'outside_region'],
    ['its city reads', city, 'read', E, 'allow'],
    ['its city renames', city, 'rename', E, 'role_not_allowed'],
    ['its city reads a 省直管县', city, 'read', RUZHOU, 'outside_region'],
    ['its province reads a 省直管县', province, 'read', RUZHOU, 'allow'],
    ['its province deregisters', province, 'deregister', E, 'allow'],
    ['another province deregisters', hunan, 'deregister', E, 'outside_region'],
    ['finance reads the history', { role: 'finance', region: '410000' }, 'history', E, 'role_not_allowed'],
    [
      'an auditor of the city reads the history',
      { role: 'auditor', region: '410400' },
      'history',
      E,
      'allow',
    ],
    ['an expert reads', { role: 'expert', region: '410402' }, 'read', E, 'role_not_allowed'],
    ['admin relocates anywhere', { role: 'admin' }, 'relocate', RUZHOU, 'allow'],
  ])('%s → %s', (_l, who, action, target, decision) => {
    expect(accessDecision({ sub: 't', ...who }, action, target, REGISTRY_ACCESS, scope)).toBe(decision);
  });
});
