import { INDICATORS, type Indicator } from '@peiyu/contracts';

export { INDICATORS, type Indicator };

/** Year-to-date figures of one county for the five assessed indicators (驻马店 2021 四(二)). */
export type IndicatorFigures = { readonly [K in Indicator]: number };

/** Chinese labels as the bulletins print them. */
export const INDICATOR_LABELS: { readonly [K in Indicator]: string } = {
  newTechSmesEntered: '新入库科技型中小企业（家）',
  newHnteCertified: '新认定高新技术企业（家）',
  validHnte: '有效高新技术企业（家）',
  techContractTurnoverFen: '技术合同成交额（万元）',
  innovationPlatforms: '省市级创新平台（个）',
};

export const zeroFigures = (): IndicatorFigures => ({
  newTechSmesEntered: 0,
  newHnteCertified: 0,
  validHnte: 0,
  techContractTurnoverFen: 0,
  innovationPlatforms: 0,
});
