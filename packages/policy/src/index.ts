export { PolicyInputError, CalendarDataError } from './core/errors';
export type { IsoDate } from './core/dates';
export type { FractionInput, Rational } from './core/rational';
export { parseFraction } from './core/rational';
export type { Trace, TraceStep, TraceValue } from './core/trace';
export type { RatioBracket } from './core/brackets';

export { isValidUscc, usccCheckCharacter, USCC_ALPHABET } from './places/uscc';
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
export { TSME_2017_115, TECH_SME_RULE_SETS } from './techsme/rule-sets';
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
