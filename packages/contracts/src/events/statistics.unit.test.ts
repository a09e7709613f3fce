import { allEvents } from './index';
import { rankingStreamId } from './statistics';

const city = { role: 'city_reviewer', id: 'zmd-1', region: '411700' } as const;
const decode = (type: string, data: unknown) => allEvents().decode({ type, schemaVersion: 1, data }).data;

describe('statistics events', () => {
  it('keeps a county target with who, when and the source document', () => {
    const data = {
      countyCode: '411702',
      cityCode: '411700',
      year: 2021,
      targetVersion: 1,
      targets: {
        newTechSmesEntered: 40,
        newHnteCertified: 3,
        validHnte: null,
        techContractTurnoverFen: 12_000_000_000,
        innovationPlatforms: null,
      },
      setBy: city,
      setOn: '2021-04-28',
      reference: '驻马店市2021年科技创新行动方案',
      reason: null,
    };
    expect(decode('CountyTargetSet', data)).toEqual(data);
    expect(() =>
      decode('CountyTargetSet', { ...data, targets: { ...data.targets, newHnteCertified: 1.5 } }),
    ).toThrow(/newHnteCertified/);
    expect(() => decode('CountyTargetSet', { ...data, targetVersion: 0 })).toThrow(/targetVersion/);
  });

  it('requires evidence on an indicator report and a quarter from 1 to 4', () => {
    const data = {
      countyCode: '411702',
      year: 2021,
      quarter: 2,
      reportVersion: 1,
      techContractTurnoverFen: 5_000_000,
      provincialPlatforms: 1,
      cityPlatforms: 2,
      evidence: ['技术合同登记台账-2021Q2.pdf'],
      channel: 'form',
      reportedBy: { role: 'county_reviewer', id: 'yc-1', region: '411702' },
      reportedOn: '2021-07-05',
      correctionReason: null,
    };
    expect(decode('IndicatorsReported', data)).toEqual(data);
    expect(() => decode('IndicatorsReported', { ...data, evidence: [] })).toThrow(/evidence/);
    expect(() => decode('IndicatorsReported', { ...data, quarter: 5 })).toThrow(/quarter/);
  });

  it('accepts both ranking methods and rejects an unknown one', () => {
    const base = {
      cityCode: '411700',
      year: 2021,
      methodVersion: 1,
      tieRule: { indicators: ['newHnteCertified'], finally: 'county_code' },
      setBy: city,
      setOn: '2021-04-28',
      reason: null,
    };
    const weights = [{ indicator: 'newTechSmesEntered', weight: 50 }];
    expect(decode('RankingMethodSet', { ...base, method: { kind: 'weighted', weights } })).toMatchObject({
      method: { kind: 'weighted' },
    });
    expect(
      decode('RankingMethodSet', {
        ...base,
        method: { kind: 'target_completion', weights, capPercent: 120 },
      }),
    ).toMatchObject({ method: { capPercent: 120 } });
    expect(() => decode('RankingMethodSet', { ...base, method: { kind: 'lottery', weights } })).toThrow(
      /method/,
    );
  });

  it('accepts province-defined titles but not free text codes', () => {
    const data = {
      uscc: '91410402MA9G5K2X8R',
      grantId: 'nx-2024-001',
      titleCode: 'sci_tech_little_giant',
      titleName: '科技小巨人',
      level: 'provincial',
      grantedByRegion: '640000',
      grantedOn: '2024-06-01',
      validUntil: null,
      reference: '宁科发〔2024〕1号',
    };
    expect(decode('EnterpriseTitleGranted', data)).toEqual(data);
    expect(decode('EnterpriseTitleGranted', { ...data, titleCode: 'nx_specialised' })).toMatchObject({
      titleCode: 'nx_specialised',
    });
    expect(() => decode('EnterpriseTitleGranted', { ...data, titleCode: '小巨人' })).toThrow(/titleCode/);
  });

  it('names ranking streams per city, year and quarter', () => {
    expect(rankingStreamId('411700', 2021, 3)).toBe('ranking-411700-2021-q3');
  });
});
