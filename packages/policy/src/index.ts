export { PolicyInputError, CalendarDataError } from './core/errors';
export type { IsoDate } from './core/dates';
export type { FractionInput, Rational } from './core/rational';
export { parseFraction } from './core/rational';
/** Exact BigInt rationals (rat, cmp, add, mul, div, toDecimal, show …) for services that rank or compare ratios. */
export * as rational from './core/rational';
export type { Trace, TraceStep, TraceValue } from './core/trace';
export type { RatioBracket } from './core/brackets';

export { isValidUscc, usccCheckCharacter, exampleUscc, USCC_ALPHABET } from './places/uscc';
export { divisionTables, DIVISION_DATA_SOURCE } from './places/division-data';
export type { DivisionTables } from './places/division-data';
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

export {
  addWorkingDays,
  isWorkingDay,
  workingDayOn,
  createCalendar,
  DEFAULT_CALENDAR,
  ArrangementError,
  MAX_WORKING_DAYS,
  calendarReferenceOf,
} from './calendar/calendar';
export type { WorkingDayCalendar, CalendarOptions, WorkingDate, YearSource } from './calendar/calendar';
export {
  validateArrangement,
  decidePublication,
  sameArrangementDays,
  ARRANGEMENT_YEARS,
} from './calendar/arrangement';
export type { HolidayArrangement, FieldProblem, PublicationDecision } from './calendar/arrangement';
export { recomputeDeadline } from './calendar/recompute';
export type { SetDeadline, RecomputedDeadline } from './calendar/recompute';
export {
  statutoryHolidays,
  provisionalYearSupported,
  PROVISIONAL_FROM_YEAR,
  PROVISIONAL_TO_YEAR,
} from './calendar/statutory';
export type { StatutoryYear } from './calendar/statutory';
export { scoreTechSme } from './techsme/score';
export type { TechSmeInput, TechSmeResult, TechSmePoints } from './techsme/score';
export { techSmeOnSiteCheckFlags } from './techsme/on-site';
export type { OnSiteCheckInput } from './techsme/on-site';
export {
  TSME_2017_115,
  TSME_2017_115_2023,
  TECH_SME_RULE_SETS,
  techSmeRuleSetFor,
  techSmeRuleSetById,
} from './techsme/rule-sets';
export { techSmeCampaign, entryValidOn, TECH_SME_CAMPAIGN_ROWS } from './techsme/campaign';
export type { CampaignRow, CampaignParameters } from './techsme/campaign';
export { barringSanctions, LISTING_KINDS } from './techsme/eligibility';
export type { SanctionRecord } from './techsme/eligibility';
export { noticeOpenOn, noticeClosableOn } from './notice/notice';
export {
  smeFormProblems,
  hnteApplicationProblems,
  techStaffProblems,
  rdExpenseProblems,
  highTechRevenueProblems,
  refineWith,
} from '@peiyu/contracts';
export type { InputProblem } from '@peiyu/contracts';
export type { TechSmeRuleSet } from './techsme/rule-sets';

export { precheckHnte } from './hnte/precheck';
export { hntePrecheckInputOf, countsAsOwnedIp } from './hnte/precheck-input';
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

export {
  splitShares,
  ownFundsShares,
  checkShareFractions,
  MAX_CITY_SHARE,
  MAX_PROVINCE_SHARE,
  SHARE_CEILINGS_REF,
} from './subsidy/shares';
export type { Shares, ShareFractions, SplitOptions, FiscalLevel } from './subsidy/shares';
export { selectPolicyVersion, loadPolicyVersions } from './subsidy/versions';
export type { Param, Funding, PolicyVersionBase } from './subsidy/versions';
export {
  RD_SUBSIDY_HENAN_2018,
  TSME_ENTRY_AWARD_CITY_EXAMPLE,
  TSME_ENTRY_AWARD_COUNTY_EXAMPLE,
  HNTE_AWARD_CITY_EXAMPLE,
  HNTE_AWARD_COUNTY_EXAMPLE,
  TSME_ENTRY_AWARD_POLICIES,
  HNTE_AWARD_POLICIES,
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
