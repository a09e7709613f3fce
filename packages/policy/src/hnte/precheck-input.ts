import type { HnteApplicationForm } from '@peiyu/contracts';
import { PolicyInputError } from '../core/errors';
import type { HntePrecheckInput } from './precheck';

type IpItem = HnteApplicationForm['ipItems'][number];

/** IP that counts: owned and in force — an exclusive licence does not (国科发火〔2016〕32号 第十一条(二)). */
export const countsAsOwnedIp = (i: IpItem): boolean => i.inForce && i.acquiredBy !== 'exclusive_licence';

/**
 * The pre-check's input read from an application form as the 认定办法 counts it: R&D expense is domestic plus
 * abroad (第十一条(五)); net assets are assets less liabilities (工作指引, growth); the last accounting year gives
 * the high-tech revenue share (第十一条(六)). One reading for the certification service and the audit's recompute.
 */
export function hntePrecheckInputOf(
  form: HnteApplicationForm,
  registeredOn: string,
  applicationDate: string,
): HntePrecheckInput {
  const years = form.financials;
  const last = years[years.length - 1];
  if (!last)
    throw new PolicyInputError('no_financials', 'the application needs at least one accounting year');
  const owned = form.ipItems.filter(countsAsOwnedIp);
  return {
    registeredOn,
    applicationDate,
    employees: form.employees,
    techStaff: form.techStaff,
    salesRevenueByYear: years.map((y) => y.salesRevenue),
    rdExpenseByYear: years.map((y) => y.rdExpenseDomestic + y.rdExpenseAbroad),
    domesticRdExpenseByYear: years.map((y) => y.rdExpenseDomestic),
    highTechRevenueLastYear: last.highTechRevenue,
    totalRevenueLastYear: last.totalRevenue,
    ipClassI: owned.filter((i) => i.ipClass === 'I').length,
    ipClassII: owned.filter((i) => i.ipClass === 'II').length,
    ownsCoreIp: owned.some((i) => i.coreSupport),
    ownRdIp: owned.some((i) => i.acquiredBy === 'own_rd'),
    field: form.field,
    majorIncidentLastYear: form.majorIncidentLastYear,
    netAssetsByYear: years.map((y) => y.totalAssets - y.liabilities),
    conversionsByYear: years.map((y) => y.conversions),
  };
}
