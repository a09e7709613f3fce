import type { SANCTION_KINDS } from '@peiyu/contracts';
import type { OnSiteCheckInput, TechSmeInput, TechSmeResult } from '@peiyu/policy';

/**
 * What the deciders may know besides their own stream, injected by the shell so that decide stays pure:
 * the clock's date, local views built from other services' events, the campaign's parameters, and the policy
 * functions (scoring, working days).
 */

/** The enterprise as the assessment service's local view knows it (from registry events). */
export interface EnterpriseView {
  uscc: string;
  name: string;
  /** Current county (a relocation moves the enterprise's queue). */
  divisionCode: string;
  status: 'active' | 'deregistered';
  sanctions: ReadonlyArray<SanctionView>;
}

export interface SanctionView {
  sanctionId: string;
  kind: (typeof SANCTION_KINDS)[number];
  occurredOn: string;
  liftedOn: string | null;
}

/** A past revocation of this enterprise's tech-SME entry, any campaign year. */
export interface RevocationRecord {
  year: number;
  revokedOn: string;
  fraud: boolean;
}

/** Per-campaign parameters (rule changes by year and issuer: tech-sme.md). */
export interface CampaignParams {
  year: number;
  /** The versioned rule set the campaign is judged by, e.g. `tsme-2017-115`. */
  ruleSetId: string;
  /** County formal-review guideline: working days from submission (5 in the work guide). */
  countyReviewWorkingDays: number;
  /** Public-notice length in working days (10). */
  noticeWorkingDays: number;
  /** Last day an entry of this campaign is valid (e.g. 31 March of the following year). */
  entryValidUntil: string;
}

/** What the decider needs of a score: `scoreTechSme`'s result satisfies it. */
export type ScoreResult = Pick<
  TechSmeResult,
  'eligible' | 'qualifiedBy' | 'points' | 'rdInputBasis' | 'reasons'
> & { trace: { ruleSetId: string } };

/** Scores a form under a rule set; the shell passes `scoreTechSme` bound to `TECH_SME_RULE_SETS`. */
export type ScoreFn = (input: TechSmeInput, ruleSetId: string) => ScoreResult;

/** Why a county should check on site, under a rule set: policy's `techSmeOnSiteCheckFlags` ("code: text" each). */
export type OnSiteCheckFlagsFn = (input: OnSiteCheckInput, ruleSetId: string) => readonly string[];

/** A date counted in working days, and whether a year it crossed had only the provisional calendar. */
export interface CountedDate {
  date: string;
  provisional: boolean;
  /** Where each year's days came from (built-in data, a published notice, the statutory rule). */
  calendarReferences: string[];
}

/**
 * The n-th working day after a date (holidays and adjusted weekends honoured): policy's `addWorkingDays` over
 * the calendar in force (eventstore CalendarFeed: published arrangements included).
 */
export type AddWorkingDays = (date: string, n: number) => CountedDate;

/** A deadline recounted with the calendar in force: never earlier (policy's `recomputeDeadline`). */
export type RecomputeDeadline = (d: { startOn: string; workingDays: number; dueOn: string }) => {
  dueOn: string;
  moved: boolean;
  provisional: boolean;
};

export interface EvaluationContext {
  /** Today in Asia/Shanghai, from the clock port. */
  today: string;
  enterprise(uscc: string): EnterpriseView | null;
  revocations(uscc: string): ReadonlyArray<RevocationRecord>;
  /** Whether the enterprise holds an HNTE certificate valid on `date` (from certification events). */
  hnteValidOn(uscc: string, date: string): boolean;
  /** The campaign of a province and year (policy's techSmeCampaign: data per province and year). */
  campaign(provinceCode: string, year: number): CampaignParams | null;
  score: ScoreFn;
  onSiteCheckFlags: OnSiteCheckFlagsFn;
  addWorkingDays: AddWorkingDays;
  recomputeDeadline: RecomputeDeadline;
}
