import { exampleUscc } from '@peiyu/policy';
import type { HnteField } from '@peiyu/contracts';

/**
 * Counties named in the seed documents (people-and-places.md): 平顶山, 驻马店 (Henan) and 岳阳 (Hunan),
 * including 汝州市 (provincially administered) and 岳阳's 经开区/新港区 management areas. Company names are
 * fictional (示例 = "example"): real companies named in the seeds are not given made-up credit codes.
 */
export const DEMO_COUNTIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: '410402', name: '新华区' },
  { code: '410411', name: '湛河区' },
  { code: '410421', name: '宝丰县' },
  { code: '410422', name: '叶县' },
  { code: '410482', name: '汝州市' },
  { code: '411702', name: '驿城区' },
  { code: '411721', name: '西平县' },
  { code: '411724', name: '正阳县' },
  { code: '411728', name: '遂平县' },
  { code: '430602', name: '岳阳楼区' },
  { code: '430603', name: '云溪区' },
  { code: '430621', name: '岳阳县' },
  { code: '430626', name: '平江县' },
  { code: '430681', name: '汨罗市' },
];

const TRADES: ReadonlyArray<{ word: string; field: HnteField; industry: string }> = [
  { word: '新材料', field: 'new_materials', industry: '化学原料和化学制品制造业' },
  { word: '智能装备', field: 'advanced_manufacturing_automation', industry: '专用设备制造业' },
  { word: '生物医药', field: 'biology_new_medicine', industry: '医药制造业' },
  { word: '信息技术', field: 'electronic_information', industry: '软件和信息技术服务业' },
  { word: '节能环保', field: 'resources_environment', industry: '生态保护和环境治理业' },
];

export interface DemoEnterprise {
  uscc: string;
  name: string;
  countyCode: string;
  foundedOn: string;
  industry: string;
  hnteField: HnteField;
  contact: { name: string; phone: string; email: string };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];

/** `perCounty` enterprises in every demo county, deterministic (same data every run). */
export function demoEnterprises(perCounty = 3): DemoEnterprise[] {
  const out: DemoEnterprise[] = [];
  DEMO_COUNTIES.forEach((county, ci) => {
    for (let i = 0; i < perCounty; i++) {
      const trade = TRADES[(ci + i) % TRADES.length]!;
      const serial = ci * 100 + i + 1;
      out.push({
        uscc: exampleUscc(county.code, serial),
        name: `${county.name}示例${trade.word}科技有限公司${i > 0 ? `（${i + 1}）` : ''}`,
        countyCode: county.code,
        foundedOn: `${2012 + ((ci + i) % 12)}-0${1 + (i % 9)}-1${i % 10}`,
        industry: trade.industry,
        hnteField: trade.field,
        contact: {
          name: `${SURNAMES[(ci + i) % SURNAMES.length]}经理`,
          phone: `0${county.code.startsWith('43') ? '730' : county.code.startsWith('4117') ? '396' : '375'}-${String(2000000 + serial).padStart(7, '0')}`,
          email: `contact${serial}@example.cn`,
        },
      });
    }
  });
  return out;
}
