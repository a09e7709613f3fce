import { Writable } from 'node:stream';
import { accessDecision, createLogger, type AccessDecision, type Principal } from '@peiyu/service-kit';
import { createRegions } from '../regions';
import { authoriseRanking, STATISTICS_ACCESS, statisticsScope, type StatisticsAction } from './access';

// The role × region table of issue 17: a county reports its own figures and reads its city's ranking; a city
// sets targets and ranks only its counties (never a 省直管县); the province covers its whole province.
const regions = createRegions();
const scope = statisticsScope(regions);
const XINHUA = { regionCode: '410402' }; // 新华区, 平顶山 410400
const RUZHOU = { regionCode: '410482' }; // 汝州: 省直管县
const PINGDINGSHAN = { regionCode: '410400' };

type Who = Omit<Principal, 'sub'>;
const county: Who = { role: 'county_reviewer', region: '410402' };
const otherCounty: Who = { role: 'county_reviewer', region: '410403' };
const city: Who = { role: 'city_reviewer', region: '410400' };
const otherCity: Who = { role: 'city_reviewer', region: '411700' };
const province: Who = { role: 'province_reviewer', region: '410000' };
const ent: Who = { role: 'enterprise', region: '410402', uscc: '91410402MA9G5K2X8R' };

describe('statistics access: role × region × action', () => {
  it.each<[string, Who, StatisticsAction, { regionCode: string }, AccessDecision]>([
    ['a county reports its own figures', county, 'report', XINHUA, 'allow'],
    ['a county reports for its neighbour', otherCounty, 'report', XINHUA, 'outside_region'],
    ['a city reports for its county', city, 'report', XINHUA, 'role_not_allowed'],
    ['a county sets its own targets', county, 'set_targets', XINHUA, 'role_not_allowed'],
    ['its city sets targets', city, 'set_targets', XINHUA, 'allow'],
    ['another city sets targets', otherCity, 'set_targets', XINHUA, 'outside_region'],
    ['the city sets targets of a 省直管县', city, 'set_targets', RUZHOU, 'outside_region'],
    ['the province sets targets of a 省直管县', province, 'set_targets', RUZHOU, 'allow'],
    ['the city ranks its counties', city, 'rank', PINGDINGSHAN, 'allow'],
    ['another city ranks them', otherCity, 'rank', PINGDINGSHAN, 'outside_region'],
    ['a county ranks', county, 'rank', PINGDINGSHAN, 'role_not_allowed'],
    ['the province sets a city method', province, 'set_method', PINGDINGSHAN, 'allow'],
    ['a county reads its own figures', county, 'read', XINHUA, 'allow'],
    ['a county reads its neighbour', otherCounty, 'read', XINHUA, 'outside_region'],
    ['an auditor of the city reads', { role: 'auditor', region: '410400' }, 'read', XINHUA, 'allow'],
    ['finance reads', { role: 'finance', region: '410000' }, 'read', XINHUA, 'role_not_allowed'],
    ['an enterprise reads', ent, 'read', XINHUA, 'not_found'],
  ])('%s → %s', (_name, who, action, target, expected) => {
    expect(accessDecision({ sub: 'x', ...who } as Principal, action, target, STATISTICS_ACCESS, scope)).toBe(
      expected,
    );
  });

  const logger = createLogger('access-test', {}, new Writable({ write: (_c, _e, done) => done() }));
  const readRanking = (who: Who, area: string) => () =>
    authoriseRanking({ logger, regions }, { sub: 'x', ...who } as Principal, area, `ranking of ${area}`);

  it('lets a county read its own city’s published ranking, and no other', () => {
    expect(readRanking(county, '410400')).not.toThrow();
    expect(readRanking(county, '411700')).toThrow(/outside your region/);
    // 汝州 is ranked by the province, not by 平顶山.
    expect(readRanking({ role: 'county_reviewer', region: '410482' }, '410000')).not.toThrow();
    expect(readRanking({ role: 'county_reviewer', region: '410482' }, '410400')).toThrow(
      /outside your region/,
    );
    expect(readRanking(city, '410400')).not.toThrow();
    expect(readRanking(otherCity, '410400')).toThrow(/outside your region/);
  });
});
