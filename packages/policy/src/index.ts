export { PolicyInputError, CalendarDataError } from './core/errors';
export type { IsoDate } from './core/dates';
export type { FractionInput, Rational } from './core/rational';
export { parseFraction } from './core/rational';
/** Exact BigInt rationals (rat, cmp, add, mul, div, toDecimal, show …) for services that rank or compare ratios. */
export * as rational from './core/rational';
export type { Trace, TraceStep, TraceValue } from './core/trace';
export type { RatioBracket } from './core/brackets';

export { isValidUscc, usccCheckCharacter, exampleUscc, USCC_ALPHABET } from './places/uscc';
export {
  parseRegion,
  createRegionRegistry,
  DEFAULT_MANAGEMENT_AREAS,
  DEFAULT_PROVINCIALLY_ADMINISTERED,
} from './places/regions';
export type {
  Region,
  RegionRef,
  RegionSource,
  RegionConfig,
  RegionRegistry,
  ManagementArea,
} from './places/regions';

export { addWorkingDays, isWorkingDay, createCalendar, DEFAULT_CALENDAR } from './calendar/calendar';
export type {
  WorkingDayCalendar,
  CalendarOptions,
  CalendarOverrides,
  YearOverride,
} from './calendar/calendar';

export { scoreTechSme } from './techsme/score';
export type { TechSmeInput, TechSmeResult, TechSmePoints } from './techsme/score';
export { techSmeOnSiteCheckFlags } from './techsme/on-site';
export type { OnSiteCheckInput } from './techsme/on-site';
export {
  TSME_2017_115,
  TSME_2017_115_2023,
  TECH_SME_RULE_SETS,
  techSmeRuleSetFor,
} from './techsme/rule-sets';
export type { TechSmeRuleSet } from './techsme/rule-sets';

export { precheckHnte } from './hnte/precheck';
export type {
  HntePrecheckInput,
  HntePrecheckResult,
  HnteCondition,
  HnteRanges,
  PointsRange,
  GrowthRange,
} from './hnte/precheck';
export { growthIndicator } from './hnte/growth';
export type { GrowthResult, GrowthMethod } from './hnte/growth';
export { hnteReviewOutcome } from './hnte/review';
export type {
  HnteReviewResult,
  HnteExpertSheet,
  TechnicalExpertSheet,
  FinancialExpertSheet,
} from './hnte/review';
export { HNTE_2016_32, HNTE_RULE_SETS, HNTE_FIELDS } from './hnte/rule-set';
export type { HnteRuleSet, HnteField, GradeRow } from './hnte/rule-set';

export { splitShares, checkShareFractions, MAX_CITY_SHARE, MAX_PROVINCE_SHARE } from './subsidy/shares';
export type { Shares, ShareFractions, ShareLimits, SplitOptions } from './subsidy/shares';
export { selectPolicyVersion, loadPolicyVersions } from './subsidy/versions';
export type { Param, CostShareRule, PolicyVersionBase } from './subsidy/versions';
export {
  RD_SUBSIDY_HENAN_2018,
  TSME_ENTRY_AWARD_EXAMPLE,
  HNTE_AWARD_EXAMPLE,
  EXAMPLE_POLICY_VERSIONS,
  RD_ENTERPRISE_TYPES,
} from './subsidy/policies';
export type {
  PolicyVersion,
  RdSubsidyVersion,
  TsmeEntryAwardVersion,
  HnteAwardVersion,
  RdEnterpriseType,
} from './subsidy/policies';
export { calculateEntitlement } from './subsidy/entitlement';
export type {
  EntitlementFacts,
  EntitlementResult,
  RdSubsidyFacts,
  TsmeEntryFacts,
  HnteAwardFacts,
  HnteCertificationKind,
  CommonFacts,
} from './subsidy/entitlement';
