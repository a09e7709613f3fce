import type { z } from 'zod';

/**
 * Impossible inputs (issue 11): figures that cannot both be true are refused with a field-level problem before
 * anything is computed. Plain functions, so @peiyu/policy and any service can use them; `refineWith` turns one
 * into a zod refinement for an API schema. They are not put on event schemas: events already recorded stay
 * readable whatever they contain.
 */
export interface InputProblem {
  /** Path of the offending field, e.g. 'rdExpense'. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function notAbove(
  part: { name: string; value: unknown },
  whole: { name: string; value: unknown },
  code: string,
): InputProblem[] {
  const p = num(part.value);
  const w = num(whole.value);
  if (p === null || w === null || p <= w) return [];
  return [{ path: part.name, code, message: `${part.name} (${p}) cannot exceed ${whole.name} (${w})` }];
}

/** Tech staff are a part of the employees (科技人员 ⊂ 职工总数). */
export function techStaffProblems(v: { employees?: unknown; techStaff?: unknown }): InputProblem[] {
  return notAbove(
    { name: 'techStaff', value: v.techStaff },
    { name: 'employees', value: v.employees },
    'input.tech-staff-above-employees',
  );
}

/** R&D expense is a part of the total cost and expense (成本费用支出总额). */
export function rdExpenseProblems(v: { rdExpense?: unknown; totalCostExpense?: unknown }): InputProblem[] {
  return notAbove(
    { name: 'rdExpense', value: v.rdExpense },
    { name: 'totalCostExpense', value: v.totalCostExpense },
    'input.rd-above-total-cost',
  );
}

/** High-tech product/service revenue is a part of the total revenue of the same year. */
export function highTechRevenueProblems(v: {
  highTechRevenueLastYear?: unknown;
  totalRevenueLastYear?: unknown;
}): InputProblem[] {
  return notAbove(
    { name: 'highTechRevenueLastYear', value: v.highTechRevenueLastYear },
    { name: 'totalRevenueLastYear', value: v.totalRevenueLastYear },
    'input.high-tech-revenue-above-total',
  );
}

/** The tech-SME information form: tech staff ≤ employees, R&D ≤ total cost and expense. */
export function smeFormProblems(form: {
  employees?: unknown;
  techStaff?: unknown;
  rdExpense?: unknown;
  totalCostExpense?: unknown;
}): InputProblem[] {
  return [...techStaffProblems(form), ...rdExpenseProblems(form)];
}

/** An HNTE application's figures: tech staff ≤ employees, high-tech revenue ≤ total revenue. */
export function hnteApplicationProblems(v: {
  employees?: unknown;
  techStaff?: unknown;
  highTechRevenueLastYear?: unknown;
  totalRevenueLastYear?: unknown;
}): InputProblem[] {
  return [...techStaffProblems(v), ...highTechRevenueProblems(v)];
}

/**
 * A zod refinement from a problem function, e.g. `SmeFormSchema.superRefine(refineWith(smeFormProblems))`:
 * each problem becomes an issue on its own path, with the stable code in `params.code`.
 */
export function refineWith<T>(
  check: (value: T) => readonly InputProblem[],
): (value: T, ctx: z.RefinementCtx) => void {
  return (value, ctx) => {
    for (const p of check(value)) {
      ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message, params: { code: p.code } });
    }
  };
}
