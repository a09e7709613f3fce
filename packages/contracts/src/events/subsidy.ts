import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { DivisionCodeSchema } from '../roles';
import { topicFor } from '../topics';
import { FenSchema, IsoDate, UsccSchema } from './common';

/**
 * Subsidies and awards (subsidy.md). Three kinds of stream:
 * - one per policy: its published versions (parameters as data, each with its legal reference);
 * - one per entitlement (an enterprise under one policy on one basis): the R&D application and its county
 *   verification, then the calculation with its whole trace;
 * - one ledger per fiscal level, region, policy and budget year: the budget, and every approval, reduction,
 *   disbursement, withdrawal, clawback and recovery of that level's shares, so a level's budget is decided
 *   in one place and no level can touch another's share.
 * Money is integer fen everywhere.
 */
/** The subsidy service's topics: published policy versions, entitlements, and the ledgers of each level. */
export const SUBSIDY_POLICY_TOPIC = topicFor('subsidy', 'policy');
export const SUBSIDY_ENTITLEMENT_TOPIC = topicFor('subsidy', 'entitlement');
export const SUBSIDY_LEDGER_TOPIC = topicFor('subsidy', 'ledger');

// The same formats as SUBSIDY_POLICY_STREAM, ENTITLEMENT_STREAM and SUBSIDY_LEDGER_STREAM (streams.ts).
export const subsidyPolicyStreamId = (policyId: string) => `subsidy-policy-${policyId.replace('/', '.')}`;
export const entitlementStreamId = (entitlementId: string) => `entitlement-${entitlementId}`;
export const subsidyLedgerStreamId = (k: {
  level: string;
  regionCode: string;
  policyId: string;
  budgetYear: number;
}) => `subsidy-ledger-${k.level}-${k.regionCode}-${k.policyId.replace('/', '.')}-${k.budgetYear}`;

const Fen = FenSchema;
const PositiveFen = Fen.min(1);
const Ref = z.string().trim().min(1).max(500);
const Text = z.string().trim().min(1).max(1000);
const Id = z.string().min(1).max(200);
const Year = z.number().int().min(2000).max(2100);

/** The fiscal levels that share a cost (subsidy.md 成本分担). */
export const FISCAL_LEVELS = ['province', 'city', 'county'] as const;
export const FiscalLevelSchema = z.enum(FISCAL_LEVELS);
/** Policy ids: `rd-subsidy`, or one per paying level such as `hnte-award/city`. */
export const SubsidyPolicyIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/, 'lower-case words, optionally /level')
  .max(64);
/** An exact fraction as text: a decimal ('0.5') or a ratio ('1/3'). */
export const FractionTextSchema = z.string().regex(/^\d+(\.\d+)?$|^\d+\/[1-9]\d*$/, "like '0.5' or '1/3'");

/** Enterprise types with an R&D-subsidy cap (the same list as @peiyu/policy RD_ENTERPRISE_TYPES). */
export const RD_SUBSIDY_ENTERPRISE_TYPES = [
  'ordinary',
  'tech-sme',
  'small-giant',
  'provincial-rd-platform',
  'national-rd-platform',
  'provincial-platform-excellent',
  'provincial-innovation-leader-excellent',
] as const;

/** When approvals exceed a level's budget: reduce the whole round pro rata (按比例核减), or a queue by decision date. */
export const BUDGET_RULES = ['pro-rata', 'queue-by-decision-date'] as const;
export const BudgetRuleSchema = z.object({ kind: z.enum(BUDGET_RULES), ref: Ref }).strict();

export const FundingSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('shared'), province: FractionTextSchema, city: FractionTextSchema, ref: Ref })
    .strict(),
  z.object({ kind: z.literal('own-funds'), level: FiscalLevelSchema, ref: Ref }).strict(),
]);

export const PolicyVersionPublished = defineEvent({
  type: 'PolicyVersionPublished',
  version: 1,
  schema: z
    .object({
      policyId: SubsidyPolicyIdSchema,
      versionId: Id,
      effectiveFrom: IsoDate,
      /** Last day in force, inclusive; null = until replaced. */
      effectiveTo: IsoDate.nullable(),
      legalReference: Ref,
      funding: FundingSchema,
      /** Each parameter's value (plain JSON, money in fen, rates as fraction text) with its legal reference. */
      parameters: z.record(z.string().min(1).max(64), z.object({ value: z.json(), ref: Ref }).strict()),
      budgetRule: BudgetRuleSchema,
      /** Example parameters shipped with the system (subsidy.md), not a real deployment's. */
      example: z.boolean(),
      /** The open-ended version this one closes ("until replaced"): it now ends the day before. */
      replaces: z.object({ versionId: Id, effectiveTo: IsoDate }).strict().nullable(),
      publishedOn: IsoDate,
    })
    .strict(),
});

const LedgerKey = {
  level: FiscalLevelSchema,
  /** The paying level's division code (province PP0000, city PPCC00, county PPCCXX). */
  regionCode: DivisionCodeSchema,
  policyId: SubsidyPolicyIdSchema,
  budgetYear: Year,
};

export const BudgetAllocated = defineEvent({
  type: 'BudgetAllocated',
  version: 1,
  schema: z.object({ ...LedgerKey, amount: PositiveFen, reference: Ref, allocatedOn: IsoDate }).strict(),
});

const Enterprise = {
  entitlementId: Id,
  uscc: UsccSchema,
  countyCode: DivisionCodeSchema,
  /** 省直管县: no city level; the city's part falls to the county. */
  provinciallyAdministered: z.boolean(),
};

/** The enterprise declares last year's R&D expense accepted by the tax authority for the super deduction. */
export const RdSubsidyApplied = defineEvent({
  type: 'RdSubsidyApplied',
  version: 1,
  schema: z
    .object({
      ...Enterprise,
      rdYear: Year,
      /** 加计扣除备案数, integer fen. */
      acceptedRdExpense: Fen,
      /** The super-deduction filing's reference. */
      filingRef: Ref,
      enterpriseTypes: z.array(z.enum(RD_SUBSIDY_ENTERPRISE_TYPES)).max(7),
      appliedOn: IsoDate,
    })
    .strict(),
});

/** The county checks the declaration against the filing and records the eligibility facts it found. */
export const RdSubsidyVerified = defineEvent({
  type: 'RdSubsidyVerified',
  version: 1,
  schema: z
    .object({
      entitlementId: Id,
      uscc: UsccSchema,
      outcome: z.enum(['verified', 'rejected']),
      /** The amount the filing shows (null when rejected). */
      verifiedRdExpense: Fen.nullable(),
      filingRef: Ref,
      rdBudgetFiled: z.boolean(),
      ipItemsLast3Years: z.number().int().nonnegative().max(100_000),
      dishonest: z.boolean(),
      /** Fact name → id of the event it came from (registry sanctions, IP records, budget filing). */
      sourceEvents: z.record(z.string().min(1).max(64), Id),
      reason: Text.nullable(),
      verifiedOn: IsoDate,
    })
    .strict(),
});

export const ENTITLEMENT_BASES = ['sme-entry', 'hnte-certificate', 'rd-application'] as const;
export const EntitlementBasisSchema = z
  .object({
    kind: z.enum(ENTITLEMENT_BASES),
    /** Registration number, certificate number, or the R&D filing reference. */
    reference: Id,
    /** The event the entitlement arose from. */
    eventId: Id,
  })
  .strict();

const SharesSchema = z.object({ province: Fen, city: Fen, county: Fen }).strict();
const TraceSchema = z
  .object({
    ruleSetId: Id,
    legalReference: Ref,
    steps: z.array(
      z
        .object({
          rule: z.string().min(1).max(100),
          ref: z.string().max(2000),
          inputs: z.record(z.string(), z.json()),
          values: z.record(z.string(), z.json()),
        })
        .strict(),
    ),
  })
  .strict();

/** The whole calculation: recomputing from the same events gives this exact data. */
export const EntitlementCalculated = defineEvent({
  type: 'EntitlementCalculated',
  version: 1,
  schema: z
    .object({
      ...Enterprise,
      policyId: SubsidyPolicyIdSchema,
      versionId: Id,
      example: z.boolean(),
      /** The date of the triggering fact: it picked the version in force. */
      factDate: IsoDate,
      /** Date of the decision the entitlement rests on (entry, certification, county verification): orders a queue. */
      decisionOn: IsoDate,
      budgetYear: Year,
      basis: EntitlementBasisSchema,
      eligible: z.boolean(),
      reasons: z.array(Text),
      parameters: z.array(z.object({ name: z.string().min(1), value: z.json(), ref: Ref }).strict()),
      inputs: z.array(
        z.object({ name: z.string().min(1), value: z.json(), sourceEventId: Id.nullable() }).strict(),
      ),
      trace: TraceSchema,
      amount: Fen,
      /** Province and city rounded down to the fen, the county the remainder. */
      shares: SharesSchema,
      /** Who pays each share: division codes; city null in a provincially administered county. */
      payers: z
        .object({
          province: DivisionCodeSchema,
          city: DivisionCodeSchema.nullable(),
          county: DivisionCodeSchema,
        })
        .strict(),
      budgetRule: BudgetRuleSchema,
      calculatedOn: IsoDate,
    })
    .strict()
    .refine((e) => e.shares.province + e.shares.city + e.shares.county === e.amount, {
      path: ['shares'],
      message: 'shares must add up to the amount',
    }),
});

/** One level's share of one entitlement, as the ledger records it. */
const Share = {
  ...LedgerKey,
  entitlementId: Id,
  uscc: UsccSchema,
  countyCode: DivisionCodeSchema,
  /** Decision date of the basis (entry, certification, verification): orders the queue. */
  decisionOn: IsoDate,
  factDate: IsoDate,
  basis: EntitlementBasisSchema,
};

export const ShareApproved = defineEvent({
  type: 'ShareApproved',
  version: 1,
  schema: z
    .object({
      ...Share,
      amount: PositiveFen,
      roundId: Id.nullable(),
      approvedOn: IsoDate,
      reason: Text.nullable(),
    })
    .strict(),
});

/** A share approved at less than requested in a pro-rata round; the reduction is exact to the fen. */
export const ShareReduced = defineEvent({
  type: 'ShareReduced',
  version: 1,
  schema: z
    .object({
      ...Share,
      roundId: Id,
      requested: PositiveFen,
      approved: Fen,
      /** available / requested of the whole round, as integers in fen. */
      roundAvailable: Fen,
      roundRequested: PositiveFen,
      /** Fen added by the remainder rule (0 or 1). */
      remainderFen: z.number().int().min(0).max(1),
      remainderRule: Text,
      approvedOn: IsoDate,
    })
    .strict()
    .refine((e) => e.approved < e.requested, {
      path: ['approved'],
      message: 'a reduction is below the request',
    }),
});

export const ShareDisbursed = defineEvent({
  type: 'ShareDisbursed',
  version: 1,
  schema: z
    .object({ ...LedgerKey, entitlementId: Id, amount: PositiveFen, paymentRef: Ref, disbursedOn: IsoDate })
    .strict(),
});

export const CANCELLATION_KINDS = ['hnte-cancelled', 'sme-entry-revoked-fraud'] as const;
export const CancellationSchema = z
  .object({
    kind: z.enum(CANCELLATION_KINDS),
    /** Certificate number or registration number of the cancelled basis. */
    reference: Id,
    /** The date the cancellation or revocation takes effect. */
    effectiveFrom: IsoDate,
    /** Shares whose fact falls in this year or later are recovered (HNTE: "from the year of the conduct"). */
    effectiveYear: Year,
    eventId: Id,
  })
  .strict();

/** The basis was cancelled before payment: the approved share is not paid and its budget is released. */
export const ShareWithdrawn = defineEvent({
  type: 'ShareWithdrawn',
  version: 1,
  schema: z
    .object({
      ...LedgerKey,
      entitlementId: Id,
      amount: Fen,
      cancellation: CancellationSchema,
      withdrawnOn: IsoDate,
    })
    .strict(),
});

export const ClawbackOrdered = defineEvent({
  type: 'ClawbackOrdered',
  version: 1,
  schema: z
    .object({
      ...LedgerKey,
      entitlementId: Id,
      uscc: UsccSchema,
      /** What this level paid on the cancelled basis. */
      amount: PositiveFen,
      cancellation: CancellationSchema,
      orderedOn: IsoDate,
    })
    .strict(),
});

export const RecoveryRecorded = defineEvent({
  type: 'RecoveryRecorded',
  version: 1,
  schema: z
    .object({
      ...LedgerKey,
      entitlementId: Id,
      amount: PositiveFen,
      reference: Ref,
      receivedOn: IsoDate,
      /** Still to recover after this one. */
      outstanding: Fen,
    })
    .strict(),
});

export const SUBSIDY_EVENTS = [
  PolicyVersionPublished,
  BudgetAllocated,
  RdSubsidyApplied,
  RdSubsidyVerified,
  EntitlementCalculated,
  ShareApproved,
  ShareReduced,
  ShareDisbursed,
  ShareWithdrawn,
  ClawbackOrdered,
  RecoveryRecorded,
] as const;
