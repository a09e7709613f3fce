import { RD_SUBSIDY_ENTERPRISE_TYPES } from '@peiyu/contracts';
import type { DecisionContext, Decider } from '@peiyu/eventstore';
import { awardBudgetYear, calculate } from './calculation';
import { yearOf } from './dates';
import { refuse } from './errors';
import type {
  EntitlementData,
  EntitlementEvent,
  PolicyVersionData,
  RdSubsidyAppliedData,
  RdSubsidyVerifiedData,
} from './events';
import { prepareAwardFacts, type AwardFact, type SourcedInput } from './facts';

/** What a decision on an entitlement may look up besides the clock: the published versions of a policy. */
export interface SubsidyContext extends DecisionContext {
  policyVersions(policyId: string): readonly PolicyVersionData[];
}

export type RdEnterpriseType = (typeof RD_SUBSIDY_ENTERPRISE_TYPES)[number];

export type EntitlementCommand =
  | {
      /** From another service's fact (SmeEntered, HnteCertified): one award policy, one basis. */
      type: 'CalculateAward';
      policyId: string;
      fact: AwardFact;
      countyCode: string;
      provinciallyAdministered: boolean;
    }
  | {
      type: 'ApplyRdSubsidy';
      uscc: string;
      countyCode: string;
      provinciallyAdministered: boolean;
      rdYear: number;
      acceptedRdExpense: number;
      filingRef: string;
      enterpriseTypes: readonly RdEnterpriseType[];
    }
  | {
      type: 'VerifyRdSubsidy';
      /** The recorded id of this stream's RdSubsidyApplied, cited as the source of the declared inputs. */
      applicationEventId: string;
      outcome: 'verified' | 'rejected';
      verifiedRdExpense: number | null;
      rdBudgetFiled: boolean;
      ipItemsLast3Years: number;
      dishonest: boolean;
      sourceEvents: Readonly<Record<string, string>>;
      reason: string | null;
    };

export interface EntitlementState {
  readonly status: 'none' | 'applied' | 'rejected' | 'calculated';
  readonly application: RdSubsidyAppliedData | null;
  readonly calculation: EntitlementData | null;
}

export const initialEntitlementState: EntitlementState = {
  status: 'none',
  application: null,
  calculation: null,
};

/** One entitlement per policy and basis: a second delivery of the same fact, or a re-issue, finds it taken. */
export function awardEntitlementId(policyId: string, fact: AwardFact): string {
  const basis = fact.kind === 'sme-entry' ? fact.registrationNumber : fact.certificateNumber;
  return `${policyId.replace('/', '.')}-${basis}`;
}

export function rdEntitlementId(uscc: string, rdYear: number): string {
  return `rd-subsidy-${uscc}-${rdYear}`;
}

function calculateAward(
  c: Extract<EntitlementCommand, { type: 'CalculateAward' }>,
  state: EntitlementState,
  ctx: SubsidyContext,
): EntitlementEvent[] {
  // Calculated once per basis: a redelivered fact, or a name-change re-issue of the same certificate, adds nothing.
  if (state.status !== 'none') return [];
  const policyKind = c.fact.kind === 'sme-entry' ? 'tsme-entry-award/' : 'hnte-award/';
  if (!c.policyId.startsWith(policyKind))
    throw refuse('invalid', 'award.scope', `${c.fact.kind} does not trigger ${c.policyId}`, 'policyId');
  if (
    c.fact.kind === 'hnte-certification' &&
    c.fact.certification === 'first' &&
    c.fact.latestYearRevenue === null
  )
    throw refuse(
      'invalid',
      'award.revenue-unknown',
      `certificate ${c.fact.certificateNumber}: first certification without latest-year revenue`,
      'latestYearRevenue',
    );
  const prepared = prepareAwardFacts(c.fact, c.provinciallyAdministered);
  const data = calculate(
    ctx.policyVersions(c.policyId),
    prepared.facts,
    {
      entitlementId: awardEntitlementId(c.policyId, c.fact),
      uscc: c.fact.uscc,
      countyCode: c.countyCode,
      provinciallyAdministered: c.provinciallyAdministered,
      basis: prepared.basis,
      decisionOn: prepared.factDate,
      budgetYear: awardBudgetYear(prepared.factDate),
      inputs: prepared.inputs,
    },
    ctx.today,
  );
  return [{ type: 'EntitlementCalculated', data }];
}

function applyRd(
  c: Extract<EntitlementCommand, { type: 'ApplyRdSubsidy' }>,
  state: EntitlementState,
  ctx: SubsidyContext,
): EntitlementEvent[] {
  if (state.status !== 'none')
    throw refuse('conflict', 'rd.already-applied', `R&D year ${c.rdYear} already applied for`);
  // The base is the previous year's accepted expense: the R&D year must be over before one applies.
  if (c.rdYear >= yearOf(ctx.today))
    throw refuse('invalid', 'rd.year', `R&D year ${c.rdYear} is not before ${ctx.today}`, 'rdYear');
  const unknown = c.enterpriseTypes.find((t) => !RD_SUBSIDY_ENTERPRISE_TYPES.includes(t));
  if (unknown) throw refuse('invalid', 'rd.types', `unknown enterprise type ${unknown}`, 'enterpriseTypes');
  return [
    {
      type: 'RdSubsidyApplied',
      data: {
        entitlementId: rdEntitlementId(c.uscc, c.rdYear),
        uscc: c.uscc,
        countyCode: c.countyCode,
        provinciallyAdministered: c.provinciallyAdministered,
        rdYear: c.rdYear,
        acceptedRdExpense: c.acceptedRdExpense,
        filingRef: c.filingRef,
        enterpriseTypes: [...c.enterpriseTypes],
        appliedOn: ctx.today,
      },
    },
  ];
}

function verifyRd(
  c: Extract<EntitlementCommand, { type: 'VerifyRdSubsidy' }>,
  state: EntitlementState,
  ctx: SubsidyContext,
): EntitlementEvent[] {
  const app = state.application;
  if (!app) throw refuse('conflict', 'rd.not-applied', 'no application to verify');
  if (state.status !== 'applied') throw refuse('conflict', 'rd.already-verified', `already ${state.status}`);
  const { role, region } = ctx.actor;
  // Verification is the county's (subsidy.md: "the county verifies it against the tax filing reference").
  if (!['county_reviewer', 'finance'].includes(role) || region !== app.countyCode)
    throw refuse('forbidden', 'rd.scope', `only county ${app.countyCode} verifies this application`);
  const expense = c.outcome === 'verified' ? (c.verifiedRdExpense ?? app.acceptedRdExpense) : null;
  const verified: RdSubsidyVerifiedData = {
    entitlementId: app.entitlementId,
    uscc: app.uscc,
    outcome: c.outcome,
    verifiedRdExpense: expense,
    filingRef: app.filingRef,
    rdBudgetFiled: c.rdBudgetFiled,
    ipItemsLast3Years: c.ipItemsLast3Years,
    dishonest: c.dishonest,
    sourceEvents: { ...c.sourceEvents },
    reason: c.reason,
    verifiedOn: ctx.today,
  };
  if (expense === null) return [{ type: 'RdSubsidyVerified', data: verified }];
  const src = (name: string) => c.sourceEvents[name] ?? null;
  const inputs: SourcedInput[] = [
    { name: 'acceptedRdExpense', value: expense, sourceEventId: c.applicationEventId },
    { name: 'filingRef', value: app.filingRef, sourceEventId: c.applicationEventId },
    {
      name: 'enterpriseTypes',
      value: app.enterpriseTypes,
      sourceEventId: src('enterpriseTypes') ?? c.applicationEventId,
    },
    { name: 'rdBudgetFiled', value: c.rdBudgetFiled, sourceEventId: src('rdBudgetFiled') },
    { name: 'ipItemsLast3Years', value: c.ipItemsLast3Years, sourceEventId: src('ipItemsLast3Years') },
    { name: 'dishonest', value: c.dishonest, sourceEventId: src('dishonest') },
  ];
  // The R&D year's last day picks the version (@peiyu/policy: "end of the R&D year").
  const factDate = `${app.rdYear}-12-31`;
  const data = calculate(
    ctx.policyVersions('rd-subsidy'),
    {
      factDate,
      provinciallyAdministered: app.provinciallyAdministered,
      acceptedRdExpense: expense,
      filingRef: app.filingRef,
      enterpriseTypes: app.enterpriseTypes,
      rdBudgetFiled: c.rdBudgetFiled,
      ipItemsLast3Years: c.ipItemsLast3Years,
      dishonest: c.dishonest,
      sourceEvents: Object.fromEntries(
        inputs.flatMap((i) => (i.sourceEventId ? [[i.name, i.sourceEventId]] : [])),
      ),
    },
    {
      entitlementId: app.entitlementId,
      uscc: app.uscc,
      countyCode: app.countyCode,
      provinciallyAdministered: app.provinciallyAdministered,
      basis: { kind: 'rd-application', reference: app.filingRef, eventId: c.applicationEventId },
      decisionOn: ctx.today,
      budgetYear: yearOf(app.appliedOn),
      inputs,
    },
    ctx.today,
  );
  return [
    { type: 'RdSubsidyVerified', data: verified },
    { type: 'EntitlementCalculated', data },
  ];
}

function decide(
  command: EntitlementCommand,
  state: EntitlementState,
  ctx: SubsidyContext,
): EntitlementEvent[] {
  switch (command.type) {
    case 'CalculateAward':
      return calculateAward(command, state, ctx);
    case 'ApplyRdSubsidy':
      return applyRd(command, state, ctx);
    case 'VerifyRdSubsidy':
      return verifyRd(command, state, ctx);
  }
}

function evolve(state: EntitlementState, event: EntitlementEvent): EntitlementState {
  switch (event.type) {
    case 'RdSubsidyApplied':
      return { ...state, status: 'applied', application: event.data };
    case 'RdSubsidyVerified':
      return event.data.outcome === 'rejected' ? { ...state, status: 'rejected' } : state;
    case 'EntitlementCalculated':
      return { ...state, status: 'calculated', calculation: event.data };
  }
}

/**
 * One stream per entitlement (`entitlementStreamId`). `ctx` is the kit's DecisionContext plus the published
 * versions of a policy, loaded by the shell so that decide stays pure.
 */
export const entitlementDecider: Decider<EntitlementState, EntitlementCommand, EntitlementEvent> = {
  initialState: initialEntitlementState,
  evolve,
  decide: (command, state, ctx) => decide(command, state, ctx as SubsidyContext),
};
