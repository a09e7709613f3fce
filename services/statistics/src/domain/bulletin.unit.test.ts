import { BULLETIN_COLUMNS, bulletinOf, fenToWanYuan } from './bulletin';
import type { PublishedRanking } from './events';
import { figures, regions } from './test-support/fixtures';

const ranking: PublishedRanking = {
  cityCode: '411700',
  year: 2021,
  quarter: 2,
  rankingVersion: 2,
  asOf: '2021-06-30',
  knownAt: '2021-07-05T00:00:00.000Z',
  methodVersion: 1,
  groupSize: 1,
  rows: [
    {
      countyCode: '411702',
      rank: 1,
      score: '70',
      figures: figures({ newTechSmesEntered: 30, techContractTurnoverFen: 1_096_575_300 }),
      mark: 'top',
      talk: false,
    },
    {
      countyCode: '411721',
      rank: 2,
      score: '70/3',
      figures: figures({ newTechSmesEntered: 10 }),
      mark: null,
      talk: false,
    },
    { countyCode: '411722', rank: 3, score: '0', figures: figures(), mark: 'bottom', talk: true },
  ],
  excluded: [{ countyCode: '411729', reason: 'provincially_administered' }],
  publishedBy: { id: 'c', role: 'city_reviewer', region: '411700' },
  publishedOn: '2021-07-06',
  correction: { ofVersion: 1, reason: '上蔡县更正技术合同成交额', changes: [] },
};
const names = { areaName: '驻马店市', countyName: (code: string) => regions(code)?.name ?? code };

describe('bulletin (通报)', () => {
  const b = bulletinOf(ranking, names);

  it('has Chinese column labels and a title with the quarter', () => {
    expect(b.title).toBe('驻马店市2021年第二季度科技创新工作通报');
    expect(BULLETIN_COLUMNS.map((c) => c.label)).toEqual([
      '排名',
      '县（市、区）',
      '综合得分',
      '新入库科技型中小企业（家）',
      '新认定高新技术企业（家）',
      '有效高新技术企业（家）',
      '技术合同成交额（万元）',
      '省市级创新平台（个）',
      '通报',
      '约谈',
    ]);
  });

  it('writes the rows with names, scores, 万元 and the marks in words', () => {
    expect(b.rows[0]).toMatchObject({
      rank: 1,
      county: '驿城区',
      score: '70',
      techContractTurnoverFen: '1096.5753',
      mark: '通报表扬',
      talk: '',
    });
    expect(b.rows[1]).toMatchObject({ county: '西平县', score: '23.3333…', mark: '' });
    expect(b.rows[2]).toMatchObject({ county: '上蔡县', mark: '通报批评', talk: '约谈' });
  });

  it('notes the cut-off date, the excluded county and the correction', () => {
    expect(b.notes).toEqual([
      '数据截至2021-06-30；除有效高新技术企业为截止日数量外，各项为本年1月1日起累计。',
      '新蔡县为省直管县，不参加本市排名。',
      '本通报为第2版，更正第1版：上蔡县更正技术合同成交额',
    ]);
  });

  it('converts fen to 万元 exactly', () => {
    expect(fenToWanYuan(0)).toBe('0');
    expect(fenToWanYuan(1)).toBe('0.000001');
    expect(fenToWanYuan(436_066_700)).toBe('436.0667');
  });
});
