import { rankingAreaOf, rankingScope } from './scope';
import {
  regions,
  regionsWithXincai,
  YUEYANG,
  YY_COUNTIES,
  ZHUMADIAN,
  ZMD_COUNTIES,
} from './test-support/fixtures';

describe('ranking scope', () => {
  it('leaves 汝州 (省直管县) out of 平顶山 ranking and says why', () => {
    const s = rankingScope('410400', ['410402', '410403', '410421', '410482'], regions);
    expect(s.ranked).toEqual(['410402', '410403', '410421']);
    expect(s.excluded).toEqual([{ countyCode: '410482', reason: 'provincially_administered' }]);
  });

  it('follows the region configuration: 新蔡 configured as 省直管县 leaves 驻马店 ranking', () => {
    const all = Object.values(ZMD_COUNTIES);
    expect(rankingScope(ZHUMADIAN, all, regions).ranked).toHaveLength(11);
    const s = rankingScope(ZHUMADIAN, all, regionsWithXincai);
    expect(s.ranked).toHaveLength(10);
    expect(s.excluded).toEqual([{ countyCode: '411729', reason: 'provincially_administered' }]);
  });

  it('ranks 岳阳 management areas 经开区 and 新港区 with the counties', () => {
    expect(rankingScope(YUEYANG, Object.values(YY_COUNTIES), regions).ranked).toEqual([
      '430602',
      '430621',
      '430626',
      '430672',
      '430673',
      '430681',
    ]);
  });

  it('lets the province rank its provincially administered counties only', () => {
    expect(rankingScope('410000', ['410482', '410402'], regions)).toEqual({
      ranked: ['410482'],
      excluded: [],
    });
  });

  it('refuses a county of another city and an unknown area', () => {
    expect(() => rankingScope(ZHUMADIAN, ['410402'], regions)).toThrow(/not a county of 驻马店市/);
    expect(() => rankingScope('411702', [], regions)).toThrow(/not a city or province/);
  });

  it('tells which area ranks a county', () => {
    expect(rankingAreaOf('411702', regions)).toBe(ZHUMADIAN);
    expect(rankingAreaOf('410482', regions)).toBe('410000');
    expect(rankingAreaOf('430672', regions)).toBe(YUEYANG);
    expect(rankingAreaOf('411700', regions)).toBeNull();
  });
});
