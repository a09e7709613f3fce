import { CampaignYearSchema } from '@peiyu/contracts';
import { scoreTechSme, type TechSmeInput } from './score';
import { TECH_SME_RULE_SETS, techSmeRuleSetById, techSmeRuleSetFor } from './rule-sets';

const form: TechSmeInput = {
  employees: 100,
  techStaff: 30,
  salesRevenue: 1_000_000,
  totalAssets: 5_000_000,
  rdExpense: 60_000,
  totalCostExpense: 900_000,
  ipClassI: 1,
  ipClassII: 0,
  conditions: { superDeductionNegativeList: true },
};

describe('an auditor recomputes a recorded score from its rule-set id alone (tech-sme.md workflow 1)', () => {
  // services/assessment records `ruleSetId: techSmeRuleSetFor(year).id` (the trace's id) at submission, for
  // every campaign year its events accept (CampaignYearSchema).
  const years = Array.from({ length: 2100 - 2017 + 1 }, (_, i) => 2017 + i).filter(
    (y) => CampaignYearSchema.safeParse(y).success,
  );

  it('every rule set a campaign year can name is in TECH_SME_RULE_SETS', () => {
    expect(years.length).toBeGreaterThan(80);
    for (const y of years) {
      const rs = techSmeRuleSetFor(y);
      expect(TECH_SME_RULE_SETS[rs.id]).toBe(rs);
      expect(techSmeRuleSetById(rs.id)).toBe(rs);
    }
    expect(Object.keys(TECH_SME_RULE_SETS).sort()).toEqual(['tsme-2017-115', 'tsme-2017-115/2023']);
  });

  it.each([2022, 2023, 2030])('campaign %i: the recorded result is reproduced byte for byte', (year) => {
    const recorded = scoreTechSme(form, { ruleSet: techSmeRuleSetFor(year) });
    const again = scoreTechSme(structuredClone(form), {
      ruleSet: techSmeRuleSetById(recorded.trace.ruleSetId),
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(recorded));
  });

  it('refuses an unknown id instead of guessing', () => {
    expect(() => techSmeRuleSetById('tsme-2099')).toThrow(
      expect.objectContaining({ code: 'tsme.rule-set-unknown' }),
    );
    expect(() => techSmeRuleSetById('toString')).toThrow(
      expect.objectContaining({ code: 'tsme.rule-set-unknown' }),
    );
  });
});
