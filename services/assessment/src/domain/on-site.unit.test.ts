import { suggestOnSiteCheck } from './on-site';
import { campaign2025, realOnSiteFlags } from './test-support/fixtures';

const RS = campaign2025.ruleSetId;

const form = { employees: 6, ipClassI: 0, ipClassII: 1, rdExpense: 100_000 * 100 };

describe('on-site check suggestion', () => {
  it('suggests nothing just above every threshold', () => {
    expect(suggestOnSiteCheck(form, [], '2025-09-30', RS, realOnSiteFlags)).toEqual([]);
  });

  it.each<[string, Partial<typeof form>, string]>([
    ['5 employees', { employees: 5 }, 'few_employees'],
    ['no IP of either class', { ipClassII: 0 }, 'no_ip'],
    ['R&D one fen under 100,000 yuan', { rdExpense: 100_000 * 100 - 1 }, 'low_rd_expense'],
  ])('suggests a check for %s', (_l, patch, reason) => {
    expect(suggestOnSiteCheck({ ...form, ...patch }, [], '2025-09-30', RS, realOnSiteFlags)).toEqual([
      reason,
    ]);
  });

  it('counts a revocation within the last three years, not one exactly three years ago', () => {
    const revoked = [{ year: 2022, revokedOn: '2022-09-30', fraud: false }];
    expect(suggestOnSiteCheck(form, revoked, '2025-09-29', RS, realOnSiteFlags)).toEqual([
      'recent_revocation',
    ]);
    expect(suggestOnSiteCheck(form, revoked, '2025-09-30', RS, realOnSiteFlags)).toEqual([]);
  });

  it('refuses a flag it cannot map rather than dropping it', () => {
    expect(() =>
      suggestOnSiteCheck(form, [], '2025-09-30', RS, () => ['onsite.new-rule: something new']),
    ).toThrow(/unknown on-site check flag/);
  });
});
