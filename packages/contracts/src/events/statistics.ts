import { z } from 'zod';
import { humanText } from '../text';
import { defineEvent } from '../event-definition';
import { ActorSchema, DivisionCodeSchema } from '../roles';
import {
  COUNTY_TARGETS_STREAM,
  ENTERPRISE_TITLES_STREAM,
  INDICATOR_REPORT_STREAM,
  RANKING_METHOD_STREAM,
  RANKING_STREAM,
} from '../streams';
import { topicFor } from '../topics';
import { IsoDate, UsccSchema } from './common';

/**
 * Statistics (issue 17): county targets, quarterly indicator reports, ranking methods and published rankings
 * of a city's counties, and the titles of the cultivation ladder (梯次培育). Every record is versioned inside
 * its stream: a change is a new version, the old one stays (people-and-places.md "The cultivation ladder and
 * reporting"; 驻马店市2021年科技创新行动方案 四(二)(四)).
 */
export const countyTargetsStreamId = (countyCode: string, year: number) =>
  COUNTY_TARGETS_STREAM.id({ countyCode, year });
export const indicatorReportStreamId = (countyCode: string, year: number, quarter: number) =>
  INDICATOR_REPORT_STREAM.id({ countyCode, year, quarter });
export const rankingMethodStreamId = (cityCode: string, year: number) =>
  RANKING_METHOD_STREAM.id({ cityCode, year });
export const rankingStreamId = (cityCode: string, year: number, quarter: number) =>
  RANKING_STREAM.id({ cityCode, year, quarter });
export const enterpriseTitlesStreamId = (uscc: string) => ENTERPRISE_TITLES_STREAM.id({ uscc });

/** The statistics service's topics, one per stream type (topic catalog). */
export const STATISTICS_TARGETS_TOPIC = topicFor('statistics', 'county-targets');
export const STATISTICS_REPORT_TOPIC = topicFor('statistics', 'indicator-report');
export const STATISTICS_METHOD_TOPIC = topicFor('statistics', 'ranking-method');
export const STATISTICS_RANKING_TOPIC = topicFor('statistics', 'ranking');
/** Titles of the ladder: the subsidy caps read them too. */
export const STATISTICS_TITLE_TOPIC = topicFor('statistics', 'enterprise-title');

const Count = z.number().int().nonnegative().max(10_000_000);
/** Money is integer fen (分). */
const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Text = humanText({ max: 1000, multiline: true });
const Reference = humanText({ max: 200 });
export const StatisticsYearSchema = z.number().int().min(2017).max(2100);
export const QuarterSchema = z.number().int().min(1).max(4);
/** Version of a record inside its stream: 1 for the first, +1 for every change. */
const RecordVersion = z.number().int().min(1);

/**
 * The indicators a city assesses its counties on (驻马店 2021 四(二): 高新技术企业数量、科技型中小企业数量、
 * 技术合同成交额、省市级创新平台数量). The first three kinds are counted from other services' events; turnover
 * and platforms are reported by the county.
 */
export const INDICATORS = [
  'newTechSmesEntered',
  'newHnteCertified',
  'validHnte',
  'techContractTurnoverFen',
  'innovationPlatforms',
] as const;
export const IndicatorSchema = z.enum(INDICATORS);
export type Indicator = z.infer<typeof IndicatorSchema>;

/** A yearly target per indicator; null = the bureau set no target for it. */
export const TargetFiguresSchema = z
  .object({
    newTechSmesEntered: Count.nullable(),
    newHnteCertified: Count.nullable(),
    validHnte: Count.nullable(),
    techContractTurnoverFen: Fen.nullable(),
    innovationPlatforms: Count.nullable(),
  })
  .strict();

export const CountyTargetSet = defineEvent({
  type: 'CountyTargetSet',
  version: 1,
  schema: z
    .object({
      countyCode: DivisionCodeSchema,
      /** The city whose ranking the targets feed (the province's code for a 省直管县). */
      cityCode: DivisionCodeSchema,
      year: StatisticsYearSchema,
      targetVersion: RecordVersion,
      targets: TargetFiguresSchema,
      setBy: ActorSchema,
      setOn: IsoDate,
      /** The document that sets the targets, e.g. 《驻马店市2021年科技创新行动方案》. */
      reference: Reference.nullable(),
      /** Why a later version changes the targets; null for the first version. */
      reason: Text.nullable(),
    })
    .strict(),
});

/**
 * What a county reports for one quarter (within the quarter, not cumulative: a correction of one quarter never
 * ripples into another): technology-contract turnover and newly recognised innovation platforms.
 */
export const IndicatorsReported = defineEvent({
  type: 'IndicatorsReported',
  version: 1,
  schema: z
    .object({
      countyCode: DivisionCodeSchema,
      year: StatisticsYearSchema,
      quarter: QuarterSchema,
      reportVersion: RecordVersion,
      techContractTurnoverFen: Fen,
      provincialPlatforms: Count,
      cityPlatforms: Count,
      /** Evidence references (storage keys or document numbers) the city can check. */
      evidence: z.array(Reference).min(1).max(50),
      channel: z.enum(['form', 'import']),
      reportedBy: ActorSchema,
      reportedOn: IsoDate,
      /** Why this version corrects the previous one; null for the first version. */
      correctionReason: Text.nullable(),
    })
    .strict(),
});

/** Weight of one indicator in integer points (e.g. 30 of 100). */
export const IndicatorWeightSchema = z
  .object({ indicator: IndicatorSchema, weight: z.number().int().min(1).max(1000) })
  .strict();

export const RankingMethodSchema = z.discriminatedUnion('kind', [
  /** Σ weight × value ÷ (the city's highest value of the indicator). */
  z.object({ kind: z.literal('weighted'), weights: z.array(IndicatorWeightSchema).min(1) }).strict(),
  /** Σ weight × min(actual ÷ target, cap) ÷ Σ weight; an indicator without a target counts as completed. */
  z
    .object({
      kind: z.literal('target_completion'),
      weights: z.array(IndicatorWeightSchema).min(1),
      /** Completion counted at most this percentage (null: no cap). */
      capPercent: z.number().int().min(100).max(1000).nullable(),
    })
    .strict(),
]);

/** Equal scores are ordered by these indicators' values (higher first), then by county code. */
export const TieRuleSchema = z
  .object({ indicators: z.array(IndicatorSchema).max(5), finally: z.literal('county_code') })
  .strict();

export const RankingMethodSet = defineEvent({
  type: 'RankingMethodSet',
  version: 1,
  schema: z
    .object({
      cityCode: DivisionCodeSchema,
      year: StatisticsYearSchema,
      methodVersion: RecordVersion,
      method: RankingMethodSchema,
      tieRule: TieRuleSchema,
      setBy: ActorSchema,
      setOn: IsoDate,
      reason: Text.nullable(),
    })
    .strict(),
});

const FiguresSchema = z
  .object({
    newTechSmesEntered: Count,
    newHnteCertified: Count,
    validHnte: Count,
    techContractTurnoverFen: Fen,
    innovationPlatforms: Count,
  })
  .strict();

export const RankingRowSchema = z
  .object({
    countyCode: DivisionCodeSchema,
    rank: z.number().int().min(1),
    /** Exact score as a fraction 'num/den' (or an integer), so ties and recomputation compare exactly. */
    score: z.string().regex(/^\d+(\/\d+)?$/),
    /** Year-to-date figures as of the quarter's end. */
    figures: FiguresSchema,
    mark: z.enum(['top', 'bottom']).nullable(),
    /** In the bottom group this quarter and the quarter before: called in for a talk (约谈). */
    talk: z.boolean(),
  })
  .strict();

export const RankingChangeSchema = z
  .object({
    countyCode: DivisionCodeSchema,
    field: z.string().min(1).max(64),
    from: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    to: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  })
  .strict();

export const RankingPublished = defineEvent({
  type: 'RankingPublished',
  version: 1,
  schema: z
    .object({
      cityCode: DivisionCodeSchema,
      year: StatisticsYearSchema,
      quarter: QuarterSchema,
      rankingVersion: RecordVersion,
      asOf: IsoDate,
      /**
       * The figures use events recorded up to this instant only, so the quarter can be recomputed later from the
       * same events and gives these figures exactly (late records and later decisions do not leak in).
       */
      knownAt: z.iso.datetime(),
      methodVersion: RecordVersion,
      /** Size of the top and of the bottom group (3, or ⌊n/2⌋ for fewer than six counties). */
      groupSize: z.number().int().nonnegative(),
      rows: z.array(RankingRowSchema).min(1),
      /** Counties of the city left out, with why (e.g. a 省直管县 ranked by the province). */
      excluded: z
        .array(
          z
            .object({ countyCode: DivisionCodeSchema, reason: z.enum(['provincially_administered']) })
            .strict(),
        )
        .max(100),
      publishedBy: ActorSchema,
      publishedOn: IsoDate,
      /** Null for version 1; a later version says why and what changed against the previous one. */
      correction: z
        .object({ ofVersion: RecordVersion, reason: Text, changes: z.array(RankingChangeSchema) })
        .strict()
        .nullable(),
    })
    .strict(),
});

/**
 * Titles of the ladder beyond entry and certification. The province may define more (its own snake_case code
 * and Chinese name); these three are the ones the seeds name.
 */
export const KNOWN_ENTERPRISE_TITLES = {
  sci_tech_little_giant: '科技小巨人',
  gazelle: '瞪羚企业',
  innovative_demonstration: '创新型示范企业',
} as const;
export const TitleCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, 'must be a snake_case title code');

export const EnterpriseTitleGranted = defineEvent({
  type: 'EnterpriseTitleGranted',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      grantId: z.string().min(1).max(64),
      titleCode: TitleCodeSchema,
      titleName: humanText({ max: 50 }),
      level: z.enum(['national', 'provincial', 'city']),
      /** The bureau's region (province or city code). */
      grantedByRegion: DivisionCodeSchema,
      grantedOn: IsoDate,
      /** Null when the title does not lapse by itself. */
      validUntil: IsoDate.nullable(),
      reference: Reference,
    })
    .strict(),
});

export const EnterpriseTitleRevoked = defineEvent({
  type: 'EnterpriseTitleRevoked',
  version: 1,
  schema: z
    .object({
      uscc: UsccSchema,
      grantId: z.string().min(1).max(64),
      titleCode: TitleCodeSchema,
      revokedOn: IsoDate,
      reason: Text,
      reference: Reference,
    })
    .strict(),
});

export const STATISTICS_EVENTS = [
  CountyTargetSet,
  IndicatorsReported,
  RankingMethodSet,
  RankingPublished,
  EnterpriseTitleGranted,
  EnterpriseTitleRevoked,
] as const;
