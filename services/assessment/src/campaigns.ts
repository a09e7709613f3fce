import {
  addWorkingDays,
  scoreTechSme,
  techSmeOnSiteCheckFlags,
  techSmeRuleSetFor,
  TSME_2017_115,
  TSME_2017_115_2023,
  type TechSmeRuleSet,
} from '@peiyu/policy';
import {
  checkRegistrationNumberFormat,
  DEFAULT_REGISTRATION_NUMBER_FORMAT,
  type CampaignParams,
  type EvaluationContext,
} from './domain';

/**
 * Campaign parameters and the policy functions the deciders get. The rule set of a campaign year is policy's
 * `techSmeRuleSetFor(year)`; ids are resolved over every published rule set (policy's TECH_SME_RULE_SETS lists
 * only the 2017 one, so the 2023 variant is named here too, as the domain README says).
 */
const RULE_SETS = new Map<string, TechSmeRuleSet>([TSME_2017_115, TSME_2017_115_2023].map((r) => [r.id, r]));

export function ruleSetById(id: string): TechSmeRuleSet {
  const r = RULE_SETS.get(id);
  if (!r) throw new Error(`unknown tech-SME rule set ${id}`);
  return r;
}

/** The work guide's numbers: 5 working days for the county, 10 for the notice; valid to 31 March next year. */
export const COUNTY_REVIEW_WORKING_DAYS = 5;
export const NOTICE_WORKING_DAYS = 10;

export function campaignOf(year: number): CampaignParams | null {
  if (!Number.isInteger(year) || year < 2017 || year > 2100) return null;
  return {
    year,
    ruleSetId: techSmeRuleSetFor(year).id,
    countyReviewWorkingDays: COUNTY_REVIEW_WORKING_DAYS,
    noticeWorkingDays: NOTICE_WORKING_DAYS,
    entryValidUntil: `${year + 1}-03-31`,
  };
}

export const policyPorts: Pick<
  EvaluationContext,
  'campaign' | 'score' | 'onSiteCheckFlags' | 'addWorkingDays'
> = {
  campaign: campaignOf,
  score: (input, id) => scoreTechSme(input, { ruleSet: ruleSetById(id) }),
  onSiteCheckFlags: (input, id) => techSmeOnSiteCheckFlags(input, { ruleSet: ruleSetById(id) }),
  addWorkingDays: (date, n) => addWorkingDays(date, n).date,
};

/** Parses and checks the per-province templates once, at start-up (a bad template stops the service). */
export function registrationNumberFormats(json: string): (provinceCode: string) => string {
  const parsed = JSON.parse(json) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('REGISTRATION_NUMBER_FORMATS must be a JSON object of province code → template');
  }
  const map = new Map(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  for (const t of map.values()) checkRegistrationNumberFormat(t);
  return (province) => map.get(province) ?? DEFAULT_REGISTRATION_NUMBER_FORMAT;
}
