import { PolicyInputError } from '../core/errors';
import { createRegionRegistry, parseRegion } from './regions';

// The places named in shared/domain/people-and-places.md, with the city each belongs to.
const SEED_COUNTIES: readonly [string, string, string][] = [
  ['410402', '新华区', '410400'],
  ['410403', '卫东区', '410400'],
  ['410404', '石龙区', '410400'],
  ['410411', '湛河区', '410400'],
  ['410421', '宝丰县', '410400'],
  ['410422', '叶县', '410400'],
  ['410423', '鲁山县', '410400'],
  ['410425', '郏县', '410400'],
  ['410481', '舞钢市', '410400'],
  ['410482', '汝州市', '410400'],
  ['411702', '驿城区', '411700'],
  ['411721', '西平县', '411700'],
  ['411722', '上蔡县', '411700'],
  ['411723', '平舆县', '411700'],
  ['411724', '正阳县', '411700'],
  ['411725', '确山县', '411700'],
  ['411726', '泌阳县', '411700'],
  ['411727', '汝南县', '411700'],
  ['411728', '遂平县', '411700'],
  ['411729', '新蔡县', '411700'],
  ['430602', '岳阳楼区', '430600'],
  ['430603', '云溪区', '430600'],
  ['430611', '君山区', '430600'],
  ['430621', '岳阳县', '430600'],
  ['430623', '华容县', '430600'],
  ['430624', '湘阴县', '430600'],
  ['430626', '平江县', '430600'],
  ['430681', '汨罗市', '430600'],
  ['430682', '临湘市', '430600'],
];

describe('parseRegion', () => {
  it.each(SEED_COUNTIES)('knows %s %s under city %s', (code, name, city) => {
    const r = parseRegion(code);
    expect(r).toMatchObject({ code, name, level: 'county', source: 'gbt2260', city: { code: city } });
    expect(r?.province.code).toBe(`${code.slice(0, 2)}0000`);
  });

  it('marks only the configured county (汝州市) as provincially administered among the seeds', () => {
    const direct = SEED_COUNTIES.filter(([code]) => parseRegion(code)?.provinciallyAdministered).map(
      ([c]) => c,
    );
    expect(direct).toEqual(['410482']);
  });

  it('parses provinces and cities', () => {
    expect(parseRegion('410000')).toMatchObject({
      level: 'province',
      name: '河南省',
      city: null,
      county: null,
    });
    expect(parseRegion('430600')).toMatchObject({
      level: 'city',
      name: '岳阳市',
      province: { code: '430000', name: '湖南省' },
    });
  });

  it('names the city of a municipality district after the municipality', () => {
    expect(parseRegion('110105')).toMatchObject({
      name: '朝阳区',
      city: { code: '110100', name: '北京市' },
      provinciallyAdministered: false,
    });
    expect(parseRegion('500100')).toMatchObject({ level: 'city', name: '重庆市' });
  });

  it('treats counties of the 省直辖县级行政区划 block as having no city level', () => {
    expect(parseRegion('419001')).toMatchObject({
      name: '济源市',
      city: null,
      provinciallyAdministered: true,
    });
    expect(parseRegion('419000')).toBeNull();
  });

  it('knows the configured 岳阳 management areas and the statistical development zones', () => {
    expect(parseRegion('430672')).toMatchObject({
      name: '岳阳经济技术开发区',
      source: 'configured',
      city: { code: '430600' },
    });
    expect(parseRegion('430673')).toMatchObject({
      name: '城陵矶新港区',
      source: 'configured',
      city: { code: '430600' },
    });
    expect(parseRegion('410471')).toMatchObject({ source: 'statistical', city: { code: '410400' } });
  });

  it.each(['', '41040', '4104020', 'abcdef', '990000', '419999', '410499'])('returns null for %j', (code) => {
    expect(parseRegion(code)).toBeNull();
  });

  it('lets a deployment configure its own lists', () => {
    const reg = createRegionRegistry({
      provinciallyAdministered: ['411729'],
      managementAreas: [{ code: '411772', name: '示范区', cityCode: '411700' }],
    });
    expect(reg.parseRegion('411729')?.provinciallyAdministered).toBe(true);
    expect(reg.parseRegion('410482')?.provinciallyAdministered).toBe(false);
    expect(reg.parseRegion('411772')).toMatchObject({ source: 'configured', city: { code: '411700' } });
    expect(reg.parseRegion('430672')).toBeNull();
  });

  it('refuses configured codes that collide with real ones or sit under another city', () => {
    const area = (code: string, cityCode = '430600') => ({
      managementAreas: [{ code, name: 'x', cityCode }],
    });
    expect(() => createRegionRegistry(area('430671'))).toThrow(PolicyInputError);
    expect(() => createRegionRegistry(area('430600'))).toThrow(PolicyInputError);
    expect(() => createRegionRegistry(area('430672', '410400'))).toThrow(PolicyInputError);
    expect(() => createRegionRegistry({ provinciallyAdministered: ['410400'] })).toThrow(PolicyInputError);
  });
});
