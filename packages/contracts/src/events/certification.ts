import { z } from 'zod';
import { humanText } from '../text';
import { defineEvent } from '../event-definition';
import type { Upcaster } from '../registry';
import { DivisionCodeSchema } from '../roles';
import {
  HNTE_APPLICATION_STREAM,
  HNTE_ENTERPRISE_STREAM,
  HNTE_EXPERT_POOL_STREAM,
  HNTE_REGISTER_STREAM,
} from '../streams';
import { topicFor } from '../topics';
import { HnteFieldSchema, IsoDate, UsccSchema, FenSchema } from './common';

/**
 * High and new technology enterprise recognition (高新技术企业认定, hnte.md; 国科发火〔2016〕32号 and its work
 * guide 国科发火〔2016〕195号). Four kinds of stream:
 * - the register of one province and year: its batches and its certificate-number serial;
 * - the expert pool of one province;
 * - one application of one enterprise to one batch (intake, county, panel, scores, review, 公示);
 * - the HNTE record of one enterprise: certificates and their after care.
 */
/** Certificates and after care (HNTE record streams): what assessment and subsidy react to. */
export const CERTIFICATION_CERTIFICATE_TOPIC = topicFor('certification', 'certificate');
/** Applications: intake, county, panel, scores, review, 公示. */
export const CERTIFICATION_APPLICATION_TOPIC = topicFor('certification', 'hnte-application');
/** Province-year registers: batches and certificate numbers. */
export const CERTIFICATION_REGISTER_TOPIC = topicFor('certification', 'hnte-register');
/** Expert pools (names and organisations of natural persons: consumers keep only what they need). */
export const CERTIFICATION_EXPERT_POOL_TOPIC = topicFor('certification', 'hnte-expert-pool');
export const hnteRegisterStreamId = (provinceCode: string, year: number) =>
  HNTE_REGISTER_STREAM.id({ provinceCode, year });
export const hnteExpertPoolStreamId = (provinceCode: string) => HNTE_EXPERT_POOL_STREAM.id({ provinceCode });
export const hnteApplicationStreamId = (batchId: string, uscc: string) =>
  HNTE_APPLICATION_STREAM.id({ batchId, uscc });
export const hnteEnterpriseStreamId = (uscc: string) => HNTE_ENTERPRISE_STREAM.id({ uscc });

// hnte.md §6: `GR` + 4-digit year + 2-digit province code + 6-digit serial, e.g. GR202341000123.
export const HnteCertificateNumberSchema = z
  .string()
  .regex(/^GR\d{4}\d{2}\d{6}$/, 'must look like GR202341000123');

const Id = z.string().min(1).max(64);
const Text = humanText({ max: 2000, multiline: true });
/** Money is integer fen (分). */
const Fen = FenSchema;
const Count = z.number().int().nonnegative().max(10_000_000);
/** Recognition year; the rules in force date from 2016 (32号). */
export const HnteYearSchema = z.number().int().min(2016).max(2100);
const RuleSetId = z.string().min(1).max(64);
/** An exact rational as text: an integer ('71') or 'num/den' in lowest terms ('357/5'). */
export const RationalTextSchema = z.string().regex(/^-?\d+(\/[1-9]\d*)?$/, 'must be an integer or num/den');
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest');

// ---- the province-year register: batches and the certificate serial ----

export const HnteBatchOpened = defineEvent({
  type: 'HnteBatchOpened',
  version: 1,
  schema: z
    .object({
      batchId: Id,
      provinceCode: DivisionCodeSchema,
      year: HnteYearSchema,
      /** e.g. '2022年第一批' */
      title: humanText({ max: 100 }),
      /** Applications are accepted from opensOn to closesOn, both included. */
      applicationOpensOn: IsoDate,
      applicationClosesOn: IsoDate,
      /** Counties recommend (or return, or decline) by this date. */
      recommendationDueOn: IsoDate,
      ruleSetId: RuleSetId,
      openedOn: IsoDate,
    })
    .strict(),
});

/** One serial of the province and year, taken atomically by the register stream's optimistic concurrency. */
export const CertificateNumberAssigned = defineEvent({
  type: 'CertificateNumberAssigned',
  version: 1,
  schema: z
    .object({
      provinceCode: DivisionCodeSchema,
      year: HnteYearSchema,
      serial: z.number().int().min(1).max(999_999),
      certificateNumber: HnteCertificateNumberSchema,
      uscc: UsccSchema,
      applicationId: Id,
      assignedOn: IsoDate,
    })
    .strict(),
});

// ---- the expert pool (experts are natural persons: only what the draw and the conflicts need) ----

export const ExpertExpertiseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('technical'), fields: z.array(HnteFieldSchema).min(1).max(8) }).strict(),
  z.object({ kind: z.literal('financial') }).strict(),
]);

export const ExpertOrganisationSchema = z
  .object({ name: humanText({ max: 100 }), uscc: UsccSchema.nullable() })
  .strict();

/** A relation the expert declared with an enterprise: a conflict of interest for its applications. */
export const DeclaredRelationSchema = z
  .object({
    uscc: UsccSchema,
    nature: z.enum(['employment', 'shareholding', 'family', 'advisory', 'other']),
  })
  .strict();

const ExpertProfile = {
  name: humanText({ max: 50 }),
  organisation: ExpertOrganisationSchema,
  expertise: ExpertExpertiseSchema,
  relations: z.array(DeclaredRelationSchema).max(100),
};

export const ExpertEnlisted = defineEvent({
  type: 'ExpertEnlisted',
  version: 1,
  schema: z
    .object({ provinceCode: DivisionCodeSchema, expertId: Id, ...ExpertProfile, enlistedOn: IsoDate })
    .strict(),
});

/** The whole profile as it now stands (a replacement, not a patch). */
export const ExpertUpdated = defineEvent({
  type: 'ExpertUpdated',
  version: 1,
  schema: z
    .object({ provinceCode: DivisionCodeSchema, expertId: Id, ...ExpertProfile, updatedOn: IsoDate })
    .strict(),
});

export const ExpertRetired = defineEvent({
  type: 'ExpertRetired',
  version: 1,
  schema: z
    .object({ provinceCode: DivisionCodeSchema, expertId: Id, retiredOn: IsoDate, reason: Text.nullable() })
    .strict(),
});

// ---- the application ----

export const HnteFinancialYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** 销售收入 = main + other business revenue on the income-tax-return basis (hnte.md). */
    salesRevenue: Fen,
    totalRevenue: Fen,
    cost: Fen,
    rdExpenseDomestic: Fen,
    rdExpenseAbroad: Fen,
    totalAssets: Fen,
    liabilities: Fen,
    highTechRevenue: Fen,
    /** Conversions of S&T results in the year (one result counts once however many products it went into). */
    conversions: Count,
  })
  .strict();

export const IP_KINDS = [
  'invention_patent',
  'defence_patent',
  'new_plant_variety',
  'national_crop_variety',
  'national_new_drug',
  'tcm_protected_variety',
  'ic_layout_design',
  'utility_model',
  'design_patent',
  'software_copyright',
  'other',
] as const;
export const IP_ACQUISITIONS = ['own_rd', 'transfer', 'gift', 'merger', 'exclusive_licence'] as const;

export const IpItemSchema = z
  .object({
    kind: z.enum(IP_KINDS),
    /** Patent / registration number as issued; with kind, it identifies the item across applications. */
    number: z.string().trim().min(1).max(64),
    ipClass: z.enum(['I', 'II']),
    acquiredBy: z.enum(IP_ACQUISITIONS),
    inForce: z.boolean(),
    /** Gives core technical support to the main products or services (condition 2). */
    coreSupport: z.boolean(),
  })
  .strict();

export const HnteApplicationFormSchema = z
  .object({
    /** 1–3 accounting years, oldest first (the actual period when shorter). */
    financials: z.array(HnteFinancialYearSchema).min(1).max(3),
    employees: Count,
    techStaff: Count,
    ipItems: z.array(IpItemSchema).max(500),
    rdProjects: z
      .array(
        z
          .object({
            code: z.string().trim().min(1).max(32),
            title: Text,
            budget: Fen,
            year: z.number().int(),
          })
          .strict(),
      )
      .max(500),
    field: HnteFieldSchema,
    selfStatement: humanText({ max: 10_000, multiline: true }),
    /** References to the special audit reports (R&D expense, high-tech revenue), as storage keys. */
    auditReports: z.array(z.string().min(1).max(200)).max(20),
    /** Condition 8: a major safety or quality accident or serious environmental violation in the last year. */
    majorIncidentLastYear: z.boolean(),
  })
  .strict();
export type HnteApplicationForm = z.infer<typeof HnteApplicationFormSchema>;

const PointsRange = z.object({ min: z.number().int(), max: z.number().int() }).strict();
const GrowthRange = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
    rate: z.string().nullable(),
    /** Negative net assets: no published rule, the expert judges (hnte.md rubric 4). */
    manualReview: z.boolean(),
  })
  .strict();
export const HnteRangesSchema = z
  .object({
    ipQuantity: PointsRange,
    ipAcquisition: PointsRange,
    conversion: PointsRange,
    netAssetGrowth: GrowthRange,
    salesGrowth: GrowthRange,
  })
  .strict();

const TraceSchema = z
  .object({
    ruleSetId: RuleSetId,
    legalReference: z.string(),
    steps: z.array(
      z
        .object({
          rule: z.string(),
          ref: z.string(),
          inputs: z.record(z.string(), z.json()),
          values: z.record(z.string(), z.json()),
        })
        .strict(),
    ),
  })
  .strict();

/** The pre-check of the eight conditions and the data-derived grade ranges, as @peiyu/policy computed them. */
export const HntePrecheckSchema = z
  .object({
    conditions: z
      .array(
        z
          .object({
            id: z.number().int().min(1).max(8),
            met: z.boolean().nullable(),
            value: z.union([z.string(), z.number()]).optional(),
            threshold: z.union([z.string(), z.number()]).optional(),
          })
          .strict(),
      )
      .length(8),
    rdThreshold: z.object({ percent: z.number(), fraction: z.string(), tier: z.string() }).strict(),
    ranges: HnteRangesSchema,
    trace: TraceSchema,
  })
  .strict();

const App = { applicationId: Id, batchId: Id, uscc: UsccSchema };

export const HnteApplicationDrafted = defineEvent({
  type: 'HnteApplicationDrafted',
  version: 1,
  schema: z.object({ ...App, form: HnteApplicationFormSchema, draftedOn: IsoDate }).strict(),
});

export const HnteApplicationEdited = defineEvent({
  type: 'HnteApplicationEdited',
  version: 1,
  schema: z.object({ ...App, form: HnteApplicationFormSchema, editedOn: IsoDate }).strict(),
});

const Submission = {
  ...App,
  /** 1 for the first submission; a resubmission after correction is a fresh one. */
  submission: z.number().int().min(1),
  submittedOn: IsoDate,
  provinceCode: DivisionCodeSchema,
  /** The county whose bureau recommends it (the enterprise's county at submission). */
  countyCode: DivisionCodeSchema,
  recommendationDueOn: IsoDate,
  form: HnteApplicationFormSchema,
  ruleSetId: RuleSetId,
  precheck: HntePrecheckSchema,
};

export const HnteApplicationSubmitted = defineEvent({
  type: 'HnteApplicationSubmitted',
  version: 1,
  schema: z.object(Submission).strict(),
});

/** The corrected application submitted again after a return (a fresh pre-check). */
export const HnteApplicationResubmitted = defineEvent({
  type: 'HnteApplicationResubmitted',
  version: 1,
  schema: z.object(Submission).strict(),
});

export const HnteApplicationWithdrawn = defineEvent({
  type: 'HnteApplicationWithdrawn',
  version: 1,
  schema: z.object({ ...App, withdrawnOn: IsoDate, reason: Text.nullable() }).strict(),
});

export const CountyRecommended = defineEvent({
  type: 'CountyRecommended',
  version: 1,
  schema: z.object({ ...App, recommendedOn: IsoDate, comment: Text.nullable() }).strict(),
});

/** The parts of the application a county may return with a comment each. */
export const HNTE_APPLICATION_SECTIONS = [
  'financials',
  'employees',
  'ip_items',
  'rd_projects',
  'conversions',
  'field',
  'self_statement',
  'audit_reports',
  'other',
] as const;

export const HnteApplicationReturned = defineEvent({
  type: 'HnteApplicationReturned',
  version: 1,
  schema: z
    .object({
      ...App,
      returnedOn: IsoDate,
      items: z
        .array(z.object({ section: z.enum(HNTE_APPLICATION_SECTIONS), comment: Text }).strict())
        .min(1)
        .max(HNTE_APPLICATION_SECTIONS.length),
    })
    .strict(),
});

export const HnteApplicationDeclined = defineEvent({
  type: 'HnteApplicationDeclined',
  version: 1,
  schema: z.object({ ...App, declinedOn: IsoDate, reason: Text }).strict(),
});

export const PanelMemberSchema = z
  .object({ expertId: Id, role: z.enum(['technical', 'financial']) })
  .strict();

/** Everything an auditor needs to redo the draw: the algorithm, the seed and the pool snapshot it read. */
export const PanelDrawn = defineEvent({
  type: 'PanelDrawn',
  version: 1,
  schema: z
    .object({
      ...App,
      drawnOn: IsoDate,
      algorithm: z.literal('sha256-ctr-v1'),
      seed: z.string().regex(/^[0-9a-f]{16,128}$/, 'must be lowercase hex'),
      pool: z.object({ snapshotId: z.string().min(1).max(128), hash: Sha256Hex, size: Count }).strict(),
      field: HnteFieldSchema,
      members: z.array(PanelMemberSchema).min(1).max(50),
      excluded: z
        .array(
          z.object({ expertId: Id, reason: z.enum(['same_organisation', 'declared_relation']) }).strict(),
        )
        .max(10_000),
    })
    .strict(),
});

const Score = z.number().int().min(0).max(100);

export const ExpertSheetSchema = z.discriminatedUnion('role', [
  z
    .object({
      role: z.literal('technical'),
      ip: z
        .object({ advancement: Score, coreSupport: Score, quantity: Score, acquisition: Score, bonus: Score })
        .strict(),
      conversion: Score,
      organisation: z
        .object({ management: Score, institution: Score, incentives: Score, training: Score })
        .strict(),
    })
    .strict(),
  z
    .object({
      role: z.literal('financial'),
      netAssetGrowth: Score,
      salesGrowth: Score,
      /** Indicators scored by judgement because the data gave no grade (negative net assets). */
      manualReview: z.array(z.enum(['netAssetGrowth', 'salesGrowth'])).max(2),
    })
    .strict(),
]);

export const ExpertScoreRecorded = defineEvent({
  type: 'ExpertScoreRecorded',
  version: 1,
  schema: z
    .object({ ...App, expertId: Id, recordedOn: IsoDate, sheet: ExpertSheetSchema, total: Score })
    .strict(),
});

export const ReviewConcluded = defineEvent({
  type: 'ReviewConcluded',
  version: 1,
  schema: z
    .object({
      ...App,
      concludedOn: IsoDate,
      /** Exact average (condition 7: strictly above 70, no rounding). */
      average: RationalTextSchema,
      technicalAverage: RationalTextSchema,
      financialAverage: RationalTextSchema,
      experts: z
        .array(z.object({ expertId: Id, role: z.enum(['technical', 'financial']), total: Score }).strict())
        .min(1),
      scorePassed: z.boolean(),
      /** Conditions of the pre-check that are not met (7 is the score itself). */
      unmetConditions: z.array(z.number().int().min(1).max(8)),
      passed: z.boolean(),
      ruleSetId: RuleSetId,
      trace: TraceSchema,
    })
    .strict(),
});

export const HntePublicNoticeOpened = defineEvent({
  type: 'HntePublicNoticeOpened',
  version: 1,
  schema: z
    .object({
      ...App,
      /** The public list this application appears on (one per batch and round). */
      noticeId: Id,
      openedOn: IsoDate,
      /** Last day of the window: 10 working days (32号 第十二条). */
      endsOn: IsoDate,
      workingDays: z.number().int().min(1),
      /** Computed with a provisional calendar (the year's official arrangement not yet published). */
      provisional: z.boolean(),
    })
    .strict(),
});

export const HnteObjectionLodged = defineEvent({
  type: 'HnteObjectionLodged',
  version: 1,
  schema: z
    .object({
      ...App,
      objectionId: Id,
      lodgedOn: IsoDate,
      /** Objections are in writing under a real name (hnte.md §5). */
      objectorName: humanText({ max: 50 }),
      statementRef: z.string().min(1).max(200),
      summary: Text,
    })
    .strict(),
});

export const HnteObjectionResolved = defineEvent({
  type: 'HnteObjectionResolved',
  version: 1,
  schema: z
    .object({
      ...App,
      objectionId: Id,
      outcome: z.enum(['upheld', 'dismissed']),
      resolvedOn: IsoDate,
      finding: Text,
    })
    .strict(),
});

export const HntePublicNoticeClosed = defineEvent({
  type: 'HntePublicNoticeClosed',
  version: 1,
  schema: z
    .object({
      ...App,
      closedOn: IsoDate,
      outcome: z.enum(['approved', 'rejected']),
      upheldObjections: z.array(Id),
    })
    .strict(),
});

// ---- the enterprise's HNTE record: certificates and after care ----

/** v1, published before the certification service existed: never edited, upcast to v2 on read. */
export const HnteCertified = defineEvent({
  type: 'HnteCertified',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      certificateNumber: HnteCertificateNumberSchema,
      field: HnteFieldSchema,
      issuedOn: IsoDate,
      // valid 3 years from the issue date (hnte.md §6)
      validUntil: IsoDate,
    })
    .strict(),
});

export const HNTE_CERTIFICATION_KINDS = [
  'first',
  'recertification',
  'moving_in',
  'reissue_after_name_change',
] as const;

/** v2: what the certification service writes; v1 is read as v2 through `hnteCertifiedV1toV2`. */
export const HnteCertifiedV2 = defineEvent({
  type: 'HnteCertified',
  version: 2,
  schema: z
    .object({
      uscc: UsccSchema,
      certificateNumber: HnteCertificateNumberSchema,
      field: HnteFieldSchema,
      issuedOn: IsoDate,
      validUntil: IsoDate,
      kind: z.enum(HNTE_CERTIFICATION_KINDS),
      /** Total revenue of the latest accounting year of the application; null when not known (v1, moving in). */
      latestYearRevenue: Fen.nullable(),
      countyCode: DivisionCodeSchema.nullable(),
      provinceCode: DivisionCodeSchema,
      applicationId: Id.nullable(),
      ruleSetId: RuleSetId,
    })
    .strict(),
});

export const HNTE_CANCELLATION_GROUNDS = [
  'application_fraud',
  'major_accident_or_environmental_violation',
  'major_change_not_reported',
  'annual_reports_missed',
  'no_longer_qualified',
] as const;
export const HnteCancellationGroundSchema = z.enum(HNTE_CANCELLATION_GROUNDS);

/** v1: never edited, upcast to v2 on read. */
export const HnteCancelled = defineEvent({
  type: 'HnteCancelled',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      certificateNumber: HnteCertificateNumberSchema,
      ground: z.enum(HNTE_CANCELLATION_GROUNDS),
      // cancelled "from the year of the conduct" (hnte.md §7): benefits recovered from this date
      effectiveFrom: IsoDate,
      decidedOn: IsoDate,
    })
    .strict(),
});

/**
 * v2 adds the year the cancellation takes effect (tax benefits recovered from it) and the stated reason; what
 * the certification service writes.
 */
export const HnteCancelledV2 = defineEvent({
  type: 'HnteCancelled',
  version: 2,
  schema: z
    .object({
      uscc: UsccSchema,
      certificateNumber: HnteCertificateNumberSchema,
      ground: HnteCancellationGroundSchema,
      effectiveFrom: IsoDate,
      effectiveYear: z.number().int().min(2000).max(2100),
      decidedOn: IsoDate,
      reason: Text.nullable(),
    })
    .strict(),
});

export const CertificateExpired = defineEvent({
  type: 'CertificateExpired',
  version: 1,
  schema: z
    .object({ uscc: UsccSchema, certificateNumber: HnteCertificateNumberSchema, expiredOn: IsoDate })
    .strict(),
});

const Cert = { uscc: UsccSchema, certificateNumber: HnteCertificateNumberSchema };

/** Yearly development report, due by the end of May for the previous year (32号 第十七条). */
export const AnnualReportFiled = defineEvent({
  type: 'AnnualReportFiled',
  version: 1,
  schema: z
    .object({
      ...Cert,
      reportYear: z.number().int().min(2000).max(2100),
      filedOn: IsoDate,
      dueOn: IsoDate,
      late: z.boolean(),
      figures: z
        .object({
          ipClassI: Count,
          ipClassII: Count,
          employees: Count,
          techStaff: Count,
          rdExpense: Fen,
          salesRevenue: Fen,
          totalRevenue: Fen,
        })
        .strict(),
    })
    .strict(),
});

export const AnnualReportMissed = defineEvent({
  type: 'AnnualReportMissed',
  version: 1,
  schema: z
    .object({
      ...Cert,
      reportYear: z.number().int().min(2000).max(2100),
      dueOn: IsoDate,
      recordedOn: IsoDate,
      /** Missed reports of this certificate so far, this one included (two in total → cancellation). */
      missedInTotal: z.number().int().min(1),
    })
    .strict(),
});

export const MAJOR_CHANGE_KINDS = [
  'name_change',
  'split',
  'merger',
  'restructuring',
  'business_change',
  'partial_relocation',
  'other',
] as const;

/** 32号 第十八条 / 第十九条: the change, whether it was reported within 3 months, and what follows. */
export const MajorChangeReported = defineEvent({
  type: 'MajorChangeReported',
  version: 1,
  schema: z
    .object({
      ...Cert,
      change: z.enum(MAJOR_CHANGE_KINDS),
      description: Text,
      changedOn: IsoDate,
      reportedOn: IsoDate,
      dueOn: IsoDate,
      late: z.boolean(),
      newName: humanText({ max: 100 }).nullable(),
      outcome: z.enum(['kept', 'reissued', 'cancelled', 'rerecognition_required']),
    })
    .strict(),
});

/** A name change of a still-qualified enterprise: new certificate, same number and validity (32号 第十八条). */
export const CertificateReissued = defineEvent({
  type: 'CertificateReissued',
  version: 1,
  schema: z
    .object({
      ...Cert,
      previousName: humanText({ max: 100 }).nullable(),
      newName: humanText({ max: 100 }),
      reissuedOn: IsoDate,
      validUntil: IsoDate,
    })
    .strict(),
});

export const CancellationProposed = defineEvent({
  type: 'CancellationProposed',
  version: 1,
  schema: z
    .object({
      ...Cert,
      ground: HnteCancellationGroundSchema,
      proposedOn: IsoDate,
      /** The year the conduct happened: a cancellation takes effect from it. */
      conductYear: z.number().int().min(2000).max(2100),
      reason: Text,
    })
    .strict(),
});

/** A whole move keeps the certificate (32号 第十九条): the record of where it went. */
export const CertificateTransferred = defineEvent({
  type: 'CertificateTransferred',
  version: 1,
  schema: z
    .object({
      ...Cert,
      fromDivisionCode: DivisionCodeSchema,
      toDivisionCode: DivisionCodeSchema,
      movedOn: IsoDate,
      recordedOn: IsoDate,
    })
    .strict(),
});

// ---- upcasters ----

/**
 * HnteCertified v1 → v2. v1 events were written only for first certifications under the 2016 rules; the
 * province is the certificate number's 2 digits; what v1 never said (revenue, county, application) is null.
 */
export const hnteCertifiedV1toV2: Upcaster = {
  type: 'HnteCertified',
  fromVersion: 1,
  toVersion: 2,
  upcast(data) {
    const v1 = data as z.infer<typeof HnteCertified.schema>;
    return {
      ...v1,
      kind: 'first',
      latestYearRevenue: null,
      countyCode: null,
      provinceCode: `${v1.certificateNumber.slice(6, 8)}0000`,
      applicationId: null,
      ruleSetId: 'hnte-2016-32',
    };
  },
};

/** HnteCancelled v1 → v2: the effective year is the year of effectiveFrom; v1 recorded no reason. */
export const hnteCancelledV1toV2: Upcaster = {
  type: 'HnteCancelled',
  fromVersion: 1,
  toVersion: 2,
  upcast(data) {
    const v1 = data as z.infer<typeof HnteCancelled.schema>;
    return { ...v1, effectiveYear: Number(v1.effectiveFrom.slice(0, 4)), reason: null };
  },
};

export const CERTIFICATION_UPCASTERS: readonly Upcaster[] = [hnteCertifiedV1toV2, hnteCancelledV1toV2];

/**
 * The certificate-validity events other services fold (assessment's direct qualification), every version.
 * Kept to these types so a consumer's exhaustive switch over them stays exhaustive.
 */
export const CERTIFICATION_EVENTS = [
  HnteCertified,
  HnteCertifiedV2,
  HnteCancelled,
  HnteCancelledV2,
  CertificateExpired,
] as const;

export const HNTE_REGISTER_EVENTS = [HnteBatchOpened, CertificateNumberAssigned] as const;
export const HNTE_EXPERT_POOL_EVENTS = [ExpertEnlisted, ExpertUpdated, ExpertRetired] as const;
export const HNTE_APPLICATION_EVENTS = [
  HnteApplicationDrafted,
  HnteApplicationEdited,
  HnteApplicationSubmitted,
  HnteApplicationResubmitted,
  HnteApplicationWithdrawn,
  CountyRecommended,
  HnteApplicationReturned,
  HnteApplicationDeclined,
  PanelDrawn,
  ExpertScoreRecorded,
  ReviewConcluded,
  HntePublicNoticeOpened,
  HnteObjectionLodged,
  HnteObjectionResolved,
  HntePublicNoticeClosed,
] as const;
/** The latest version of each event of an enterprise's HNTE record (what its decider emits). */
export const HNTE_ENTERPRISE_EVENTS = [
  HnteCertifiedV2,
  AnnualReportFiled,
  AnnualReportMissed,
  MajorChangeReported,
  CertificateReissued,
  CancellationProposed,
  HnteCancelledV2,
  CertificateExpired,
  CertificateTransferred,
] as const;

/** Every certification event definition, every version (for the registry). */
export const CERTIFICATION_ALL_EVENTS = [
  ...HNTE_REGISTER_EVENTS,
  ...HNTE_EXPERT_POOL_EVENTS,
  ...HNTE_APPLICATION_EVENTS,
  HnteCertified,
  HnteCancelled,
  ...HNTE_ENTERPRISE_EVENTS,
] as const;
