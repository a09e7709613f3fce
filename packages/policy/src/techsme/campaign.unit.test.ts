import { PolicyInputError } from '../core/errors';
import { TSME_2017_115, TSME_2017_115_2023, techSmeRuleSetFor } from './rule-sets';
import { techSmeOnSiteCheckFlags } from './on-site';
import { scoreTechSme, type TechSmeInput } from './score';

const input: TechSmeInput = {
  employees: 100,
  techStaff: 30,
  salesRevenue: 1_000_000,
  totalAssets: 5_000_000,
  rdExpense: 60_000,
  totalCostExpense: 900_000,
  ipClassI: 1,
  ipClassII: 0,
  conditions: { superDeductionNegativeList: true, notAuditedAccounts: true },
};

describe('tech-SME rule sets by campaign year', () => {
  it.each([
    [2017, 'tsme-2017-115'],
    [2022, 'tsme-2017-115'],
    [2023, 'tsme-2017-115/2023'],
    [2026, 'tsme-2017-115/2023'],
  ])('campaign %i is judged by %s', (year, id) => {
    expect(techSmeRuleSetFor(year).id).toBe(id);
  });

  it('refuses campaigns before the rule existed', () => {
    expect(() => techSmeRuleSetFor(2016)).toThrow(PolicyInputError);
  });

  it('applies the super-deduction conditions only from the 2023 layer', () => {
    expect(scoreTechSme(input, { ruleSet: TSME_2017_115 }).eligible).toBe(true);
    const r = scoreTechSme(input, { ruleSet: TSME_2017_115_2023 });
    expect(r.eligible).toBe(false);
    expect(r.reasons.map((x) => x.split(':')[0])).toEqual(['condition.negative-list', 'condition.audited']);
    expect(r.trace.ruleSetId).toBe('tsme-2017-115/2023');
  });

  it('the non-resident condition applies in every year', () => {
    expect(scoreTechSme({ ...input, conditions: { nonResident: true } }).eligible).toBe(false);
  });
});

describe('techSmeOnSiteCheckFlags', () => {
  const ok = { employees: 6, ipClassI: 0, ipClassII: 1, rdExpense: 100_000_00, revokedRecently: false };
  it('flags nothing just past every threshold', () => {
    expect(techSmeOnSiteCheckFlags(ok)).toEqual([]);
  });
  it.each([
    [{ employees: 5 }, 'onsite.employees'],
    [{ ipClassII: 0 }, 'onsite.no-ip'],
    [{ rdExpense: 100_000_00 - 1 }, 'onsite.rd'],
    [{ revokedRecently: true }, 'onsite.revoked'],
  ])('%j → %s', (over, code) => {
    expect(techSmeOnSiteCheckFlags({ ...ok, ...over }).map((f) => f.split(':')[0])).toEqual([code]);
  });
});
