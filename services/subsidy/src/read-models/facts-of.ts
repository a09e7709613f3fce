import type { EntitlementFacts } from '@peiyu/policy';
import type { EntitlementData, WhatIfFact } from '../domain';

const HNTE_KIND: Record<string, 'first' | 'recertification' | 'moving-in' | 'name-change-reissue'> = {
  first: 'first',
  recertification: 'recertification',
  moving_in: 'moving-in',
  reissue_after_name_change: 'name-change-reissue',
};

/**
 * The facts a recorded calculation read, from its sourced inputs (the event records every input), so a what-if
 * replays exactly what was calculated (domain README: "What-if facts: WhatIfFact per recorded calculation").
 */
export function whatIfFactOf(c: EntitlementData): WhatIfFact {
  const input = (name: string) => c.inputs.find((i) => i.name === name)?.value ?? null;
  const common = { factDate: c.factDate, provinciallyAdministered: c.provinciallyAdministered };
  let facts: EntitlementFacts;
  if (c.basis.kind === 'sme-entry')
    facts = { ...common, entered: true, enteredPreviousYear: input('enteredPreviousYear') === true };
  else if (c.basis.kind === 'hnte-certificate')
    facts = {
      ...common,
      certification: HNTE_KIND[String(input('certification'))] ?? 'first',
      latestYearRevenue: Number(input('latestYearRevenue') ?? 0),
    };
  else
    facts = {
      ...common,
      acceptedRdExpense: Number(input('acceptedRdExpense')),
      filingRef: String(input('filingRef')),
      enterpriseTypes: (input('enterpriseTypes') ?? []) as never,
      rdBudgetFiled: input('rdBudgetFiled') === true,
      ipItemsLast3Years: Number(input('ipItemsLast3Years') ?? 0),
      dishonest: input('dishonest') === true,
    };
  return {
    uscc: c.uscc,
    countyCode: c.countyCode,
    provinciallyAdministered: c.provinciallyAdministered,
    policyId: c.policyId,
    facts,
  };
}
