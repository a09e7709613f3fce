import { SmeFormInputSchema, SmeFormSchema } from './events';
import { hnteApplicationProblems, smeFormProblems } from './plausibility';

const form = {
  employees: 10,
  techStaff: 3,
  salesRevenue: 100,
  totalAssets: 100,
  rdExpense: 50,
  totalCostExpense: 80,
  ipClassI: 0,
  ipClassII: 1,
  evidence: [],
};

describe('impossible inputs are refused field by field (issue 11)', () => {
  it('tech staff above employees, R&D expense above total cost and expense', () => {
    expect(smeFormProblems(form)).toEqual([]);
    expect(smeFormProblems({ ...form, techStaff: 11, rdExpense: 81 }).map((p) => [p.path, p.code])).toEqual([
      ['techStaff', 'input.tech-staff-above-employees'],
      ['rdExpense', 'input.rd-above-total-cost'],
    ]);
    expect(smeFormProblems({ ...form, techStaff: 10, rdExpense: 80 })).toEqual([]); // equal is possible
  });

  it('high-tech revenue above total revenue', () => {
    const v = { employees: 5, techStaff: 1, highTechRevenueLastYear: 101, totalRevenueLastYear: 100 };
    expect(hnteApplicationProblems(v).map((p) => p.path)).toEqual(['highTechRevenueLastYear']);
  });

  it('the API schema reports them as zod issues on their fields; the event schema stays as recorded', () => {
    const bad = { ...form, techStaff: 11 };
    const r = SmeFormInputSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['techStaff']);
    expect(SmeFormSchema.safeParse(bad).success).toBe(true);
  });
});
