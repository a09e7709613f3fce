import { entryValidOn, scoreTechSme, techSmeCampaign, TSME_2017_115_2023 } from '@peiyu/policy';
import { countySteps, demoForm, planCounty, STATUS_ORDER } from './plan';

describe('demo plan', () => {
  const usccs = ['C', 'A', 'B'];

  it('gives a county of three enterprises every status, one evaluation per enterprise and year', () => {
    const slots = planCounty(usccs, '410402', 2026);
    expect([...slots.map((s) => s.target)].sort()).toEqual([...STATUS_ORDER].sort());
    const keys = slots.map((s) => `${s.uscc}/${s.year}`);
    expect(new Set(keys).size).toBe(slots.length);
    expect(slots.find((s) => s.target === 'revoked')).toMatchObject({ uscc: 'C', year: 2026 });
    // the revoked entry is its enterprise's only evaluation of that year
    expect(slots.filter((s) => s.uscc === 'C' && s.year === 2026)).toHaveLength(1);
  });

  // issue 11 §2: no demo entry is already expired on the day it is entered, nor after a clock move of weeks.
  it.each(['2026-03-01', '2026-04-01', '2026-12-07', '2027-03-20'])(
    'enters only current-year campaigns, valid on %s and 6 weeks later',
    (today) => {
      const year = Number(today.slice(0, 4));
      const entries = planCounty(usccs, '410402', year).filter((s) =>
        ['entered', 'revoked'].includes(s.target),
      );
      expect(entries).toHaveLength(2);
      const later = new Date(Date.parse(today) + 42 * 86_400_000).toISOString().slice(0, 10);
      for (const s of entries) {
        const validUntil = techSmeCampaign('410000', s.year).entryValidUntil;
        expect(entryValidOn({ enteredOn: today, validUntil }, today)).toBe(true);
        expect(entryValidOn({ enteredOn: today, validUntil }, later)).toBe(true);
      }
    },
  );

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
