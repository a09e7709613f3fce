import { scoreTechSme, TSME_2017_115_2023 } from '@peiyu/policy';
import { countySteps, demoForm, planCounty, STATUS_ORDER } from './plan';

describe('demo plan', () => {
  const usccs = ['C', 'A', 'B'];

  it('gives a county of three enterprises every status, one evaluation per enterprise and year', () => {
    const slots = planCounty(usccs, '410402', 2026);
    expect(slots.map((s) => s.target)).toEqual(STATUS_ORDER);
    const keys = slots.map((s) => `${s.uscc}/${s.year}`);
    expect(new Set(keys).size).toBe(slots.length);
    expect(slots.find((s) => s.target === 'revoked')).toMatchObject({ uscc: 'C', year: 2024 });
  });

  it('fills what it can when a county has fewer enterprises', () => {
    expect(planCounty(['A'], '410402', 2026).map((s) => s.target)).toEqual([
      'draft',
      'submitted',
      'returned',
    ]);
  });

  it('takes each slot through the county steps its status needs', () => {
    expect(countySteps('draft')).toEqual([]);
    expect(countySteps('returned')).toEqual(['submit', 'return']);
    expect(countySteps('withdrawn')).toEqual(['submit', 'withdraw']);
    expect(countySteps('entered')).toEqual(['submit', 'pass']);
  });

  it('writes forms that qualify by score under the current rule set', () => {
    for (let seed = 0; seed < 50; seed++) {
      const { evidence: _e, ...input } = demoForm(seed);
      expect(scoreTechSme(input, { ruleSet: TSME_2017_115_2023 })).toMatchObject({ eligible: true });
    }
  });
});
