import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { DivisionCodeSchema } from '../roles';
import { topicFor } from '../topics';
import { humanText } from '../text';
import { IsoDate, UsccSchema, FenSchema } from './common';
import { refineWith, smeFormProblems } from '../plausibility';

/**
 * Tech-based SME evaluation (科技型中小企业评价, tech-sme.md). Two aggregates:
 * - one evaluation stream per enterprise and campaign year (intake, county review, entry, revocation);
 * - one batch stream per provincial batch (public notice, objections, entry numbering, spot checks).
 * Events that concern one item of a batch carry its `evaluationId`, so the evaluation's view can fold them too.
 */
export const ASSESSMENT_EVALUATION_TOPIC = topicFor('assessment', 'sme-evaluation');
export const ASSESSMENT_BATCH_TOPIC = topicFor('assessment', 'batch');
export { smeBatchStreamId, smeEvaluationStreamId } from '../streams';

const Id = z.string().min(1).max(64);
/** Reasons, comments, findings: human text, several lines allowed (the shared refinement, issue 12). */
const Text = humanText({ max: 1000, multiline: true });
/** Campaign year (评价年度): the rule in force dates from 2017. */
export const CampaignYearSchema = z
  .number()
  .int()
  .min(2017)
  .max(2100)
  .describe('campaign year (评价年度), e.g. 2026');
const Count = z.number().int().nonnegative().max(10_000_000);
/** Money is integer fen (分). */
const Fen = FenSchema;

/**
 * The information form (信息表). Field names and units are exactly those of `scoreTechSme`'s input in
 * @peiyu/policy, so a form can be scored as is. A valid HNTE certificate is not self-declared: the service knows
 * it from certification events and adds it when scoring.
 */
export const SmeFormSchema = z
  .object({
    employees: Count.describe('职工总数: employees in the last year (persons)'),
    techStaff: Count.describe('科技人员数: staff in R&D and related technical work (persons, ≤ employees)'),
    salesRevenue: Fen.describe('销售收入: sales revenue of the last year, integer fen (分)'),
    totalAssets: Fen.describe('资产总额: total assets at year end, integer fen (分)'),
    rdExpense: Fen.describe('研发费用: R&D expense of the last year, integer fen (分; ≤ totalCostExpense)'),
    totalCostExpense: Fen.describe('成本费用总额: total cost and expense of the last year, integer fen (分)'),
    ipClassI: Count.describe('I 类知识产权: invention patents and the like held (count)'),
    ipClassII: Count.describe('II 类知识产权: utility models, designs, software copyrights held (count)'),
    direct: z
      .object({
        nationalAwardTop3: z.boolean().optional(),
        provincialRdInstitution: z.boolean().optional(),
        ledStandard: z.boolean().optional(),
      })
      .strict()
      .optional(),
    conditions: z
      .object({
        restrictedIndustry: z.boolean().optional(),
        majorIncident: z.boolean().optional(),
        dishonest: z.boolean().optional(),
        nonResident: z.boolean().optional(),
        /** From the 2023 campaign: industry on the R&D super-deduction negative list. */
        superDeductionNegativeList: z.boolean().optional(),
        /** From the 2023 campaign: not taxed on audited accounts (查账征收). */
        notAuditedAccounts: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** References to uploaded evidence (storage keys), checked by the county against the form. */
    evidence: z.array(humanText({ max: 200 })).max(200),
  })
  .strict();
export type SmeForm = z.infer<typeof SmeFormSchema>;

/**
 * The form as an API accepts it: the event schema plus the impossible-input checks (tech staff above employees,
 * R&D above total cost and expense), each a field-level issue. Events keep the plain schema.
 */
export const SmeFormInputSchema = SmeFormSchema.superRefine(refineWith(smeFormProblems));

/** The score as recorded at submission; the trace is recomputable from the form and the rule-set id. */
export const SmeScoreSchema = z
  .object({
    eligible: z.boolean(),
    qualifiedBy: z.enum(['score', 'direct']).nullable(),
    points: z.object({ techStaff: Count, rdInput: Count, ip: Count, total: Count }).strict(),
    rdInputBasis: z.enum(['revenue', 'cost']),
    reasons: z.array(humanText({ max: 500, min: 0, multiline: true })),
  })
  .strict();

/** The four items of the county formal review (形式审查, tech-sme.md workflow 2). */
export const FORMAL_REVIEW_ITEMS = [
  'form_complete',
  'consistent_with_evidence',
  'signed_and_sealed',
  'no_other_problem',
] as const;
export const FormalReviewItemSchema = z.enum(FORMAL_REVIEW_ITEMS);

/** Why an on-site check (实地核查) is suggested: tech-sme.md workflow 2, or the reviewer's own judgement. */
export const ON_SITE_CHECK_REASONS = [
  'few_employees',
  'no_ip',
  'low_rd_expense',
  'recent_revocation',
  'reviewer_judgement',
] as const;
export const OnSiteCheckReasonSchema = z.enum(ON_SITE_CHECK_REASONS);

/** Grounds of revocation (撤销, tech-sme.md workflow 6). */
export const SME_REVOCATION_GROUNDS = [
  'no_longer_qualified',
  'serious_fraud',
  'research_misconduct',
  'major_accident_or_environmental_violation',
  'listed_anomalous_or_dishonest',
  'failed_spot_check',
  'materials_not_provided',
] as const;
export const SmeRevocationGroundSchema = z.enum(SME_REVOCATION_GROUNDS);

const Item = { evaluationId: Id, uscc: UsccSchema, year: CampaignYearSchema };

export const SmeEvaluationDrafted = defineEvent({
  type: 'SmeEvaluationDrafted',
  version: 1,
  schema: z.object({ ...Item, form: SmeFormSchema, draftedOn: IsoDate }).strict(),
});

export const SmeEvaluationUpdated = defineEvent({
  type: 'SmeEvaluationUpdated',
  version: 1,
  schema: z.object({ ...Item, form: SmeFormSchema, updatedOn: IsoDate }).strict(),
});

export const SmeEvaluationSubmitted = defineEvent({
  type: 'SmeEvaluationSubmitted',
  version: 1,
  schema: z
    .object({
      ...Item,
      /** 1 for the first submission; a resubmission after correction counts as a fresh one. */
      submission: z.number().int().min(1),
      submittedOn: IsoDate,
      /** The county whose bureau reviews it, from the enterprise's registration at submission. */
      countyCode: DivisionCodeSchema,
      /** County review due date (working days from submission; a campaign parameter). */
      dueOn: IsoDate,
      form: SmeFormSchema,
      /** Whether a valid HNTE certificate gave direct qualification (from certification events). */
      validHnteCertificate: z.boolean(),
      ruleSetId: z.string().min(1).max(64),
      score: SmeScoreSchema,
      onSiteCheckSuggested: z.array(OnSiteCheckReasonSchema),
    })
    .strict(),
});

export const SmeEvaluationWithdrawn = defineEvent({
  type: 'SmeEvaluationWithdrawn',
  version: 1,
  schema: z.object({ ...Item, withdrawnOn: IsoDate, reason: Text.nullable() }).strict(),
});

export const FormalReviewPassed = defineEvent({
  type: 'FormalReviewPassed',
  version: 1,
  schema: z
    .object({
      ...Item,
      reviewedOn: IsoDate,
      checklist: z.array(FormalReviewItemSchema).length(FORMAL_REVIEW_ITEMS.length),
    })
    .strict(),
});

export const ReturnedForCorrection = defineEvent({
  type: 'ReturnedForCorrection',
  version: 1,
  schema: z
    .object({
      ...Item,
      reviewedOn: IsoDate,
      failedItems: z
        .array(z.object({ item: FormalReviewItemSchema, comment: Text }).strict())
        .min(1)
        .max(FORMAL_REVIEW_ITEMS.length),
    })
    .strict(),
});

export const OnSiteCheckFlagged = defineEvent({
  type: 'OnSiteCheckFlagged',
  version: 1,
  schema: z
    .object({
      ...Item,
      flaggedOn: IsoDate,
      reasons: z.array(OnSiteCheckReasonSchema).min(1),
      note: Text.nullable(),
    })
    .strict(),
});

export const SentBackByProvince = defineEvent({
  type: 'SentBackByProvince',
  version: 1,
  schema: z.object({ ...Item, sentBackOn: IsoDate, reason: Text, dueOn: IsoDate }).strict(),
});

export const RevocationRequested = defineEvent({
  type: 'RevocationRequested',
  version: 1,
  schema: z
    .object({ ...Item, requestedOn: IsoDate, ground: SmeRevocationGroundSchema, reason: Text })
    .strict(),
});

export const SmeEntryRevoked = defineEvent({
  type: 'SmeEntryRevoked',
  version: 1,
  schema: z
    .object({
      ...Item,
      registrationNumber: z.string().min(1).max(64),
      revokedOn: IsoDate,
      ground: SmeRevocationGroundSchema,
      /** Fraud bars the enterprise for 3 years (tech-sme.md workflow 6). */
      fraud: z.boolean(),
      reason: Text,
    })
    .strict(),
});

// ---- batch stream ----

const BatchRef = { batchId: Id };

export const AddedToBatch = defineEvent({
  type: 'AddedToBatch',
  version: 1,
  schema: z
    .object({
      ...BatchRef,
      provinceCode: DivisionCodeSchema,
      year: CampaignYearSchema,
      addedOn: IsoDate,
      items: z
        .array(z.object({ evaluationId: Id, uscc: UsccSchema, countyCode: DivisionCodeSchema }).strict())
        .min(1),
    })
    .strict(),
});

export const PublicNoticeOpened = defineEvent({
  type: 'PublicNoticeOpened',
  version: 1,
  schema: z
    .object({
      ...BatchRef,
      openedOn: IsoDate,
      /** The last day of the window (working days after opening, holidays honoured). */
      endsOn: IsoDate,
      workingDays: z.number().int().min(1),
    })
    .strict(),
});

export const ObjectionLodged = defineEvent({
  type: 'ObjectionLodged',
  version: 1,
  schema: z
    .object({ ...BatchRef, objectionId: Id, evaluationId: Id, lodgedOn: IsoDate, summary: Text })
    .strict(),
});

export const ObjectionResolved = defineEvent({
  type: 'ObjectionResolved',
  version: 1,
  schema: z
    .object({
      ...BatchRef,
      objectionId: Id,
      evaluationId: Id,
      outcome: z.enum(['upheld', 'dismissed']),
      resolvedOn: IsoDate,
      finding: Text,
    })
    .strict(),
});

export const PublicNoticeClosed = defineEvent({
  type: 'PublicNoticeClosed',
  version: 1,
  schema: z
    .object({
      ...BatchRef,
      closedOn: IsoDate,
      entered: z.array(Id),
      rejected: z.array(Id),
    })
    .strict(),
});

export const SmeEntered = defineEvent({
  type: 'SmeEntered',
  version: 1,
  schema: z
    .object({
      ...BatchRef,
      ...Item,
      countyCode: DivisionCodeSchema,
      /** 入库登记编号: opaque text, unique per province and year. */
      registrationNumber: z.string().min(1).max(64),
      enteredOn: IsoDate,
      validUntil: IsoDate,
    })
    .strict(),
});

export const SpotCheckRecorded = defineEvent({
  type: 'SpotCheckRecorded',
  version: 1,
  schema: z
    .object({
      ...BatchRef,
      evaluationId: Id,
      uscc: UsccSchema,
      checkedOn: IsoDate,
      selection: z.enum(['random', 'flagged']),
      outcome: z.enum(['passed', 'failed', 'materials_not_provided']),
      findings: Text,
    })
    .strict(),
});

export const ASSESSMENT_EVALUATION_EVENTS = [
  SmeEvaluationDrafted,
  SmeEvaluationUpdated,
  SmeEvaluationSubmitted,
  SmeEvaluationWithdrawn,
  FormalReviewPassed,
  ReturnedForCorrection,
  OnSiteCheckFlagged,
  SentBackByProvince,
  RevocationRequested,
  SmeEntryRevoked,
] as const;

export const ASSESSMENT_BATCH_EVENTS = [
  AddedToBatch,
  PublicNoticeOpened,
  ObjectionLodged,
  ObjectionResolved,
  PublicNoticeClosed,
  SmeEntered,
  SpotCheckRecorded,
] as const;

export const ASSESSMENT_EVENTS = [...ASSESSMENT_EVALUATION_EVENTS, ...ASSESSMENT_BATCH_EVENTS] as const;
