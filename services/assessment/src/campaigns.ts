import {
  addWorkingDays,
  calendarReferenceOf,
  recomputeDeadline,
  scoreTechSme,
  techSmeCampaign,
  techSmeOnSiteCheckFlags,
  techSmeRuleSetById,
  type WorkingDayCalendar,
} from '@peiyu/policy';
import {
  checkRegistrationNumberFormat,
  DEFAULT_REGISTRATION_NUMBER_FORMAT,
  type CampaignParams,
  type EvaluationContext,
} from './domain';

/**
 * Campaign parameters per province and year are policy's data (`techSmeCampaign`: review and notice working
 * days, validity end); a year without data carries the latest row forward, so no year fails. Rule sets are
 * resolved by id over policy's TECH_SME_RULE_SETS, so an auditor recomputes a recorded score from the package.
 */
export function campaignOf(provinceCode: string, year: number): CampaignParams | null {
  if (!Number.isInteger(year) || year < 2017 || year > 2099) return null;
  const c = techSmeCampaign(provinceCode, year);
  return {
    year,
    ruleSetId: c.ruleSetId,
    countyReviewWorkingDays: c.countyReviewWorkingDays,
    noticeWorkingDays: c.noticeWorkingDays,
    entryValidUntil: c.entryValidUntil,
  };
}

/** The policy functions the deciders get, over the working-day calendar in force (the CalendarFeed's). */
export function policyPorts(
  calendar: WorkingDayCalendar,
): Pick<
  EvaluationContext,
  'campaign' | 'score' | 'onSiteCheckFlags' | 'addWorkingDays' | 'recomputeDeadline'
> {
  return {
    campaign: campaignOf,
    score: (input, id) => scoreTechSme(input, { ruleSet: techSmeRuleSetById(id) }),
    onSiteCheckFlags: (input, id) => techSmeOnSiteCheckFlags(input, { ruleSet: techSmeRuleSetById(id) }),
    addWorkingDays: (date, n) => {
      const d = addWorkingDays(date, n, calendar);
      return {
        date: d.date,
        provisional: d.provisional,
        calendarReferences: d.sources.map(calendarReferenceOf),
      };
    },
    recomputeDeadline: (d) => recomputeDeadline(d, calendar),
  };
}

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
