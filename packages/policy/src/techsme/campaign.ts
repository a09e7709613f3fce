import { daysBetween, toDayNumber, type IsoDate } from '../core/dates';
import { PolicyInputError } from '../core/errors';
import { techSmeRuleSetFor } from './rule-sets';

/**
 * Campaign parameters of the tech-SME evaluation as data per province and year (tech-sme.md: review deadline
 * "a parameter", notice 10 working days, entry "valid until a per-campaign date (parameter; e.g. 31 March of
 * the following year or 31 December)"). A year past the data never fails: the latest row is carried forward
 * and the answer says so (`basis: 'default'`).
 */
export interface CampaignRow {
  /** GB/T 2260 province code ('410000'), or null for every province without its own row. */
  readonly provinceCode: string | null;
  readonly fromYear: number;
  /** Inclusive. */
  readonly toYear: number;
  readonly countyReviewWorkingDays: number;
  readonly noticeWorkingDays: number;
  /** The entry's validity end, relative to the campaign year: e.g. { yearOffset: 1, monthDay: '03-31' }. */
  readonly entryValidUntil: { readonly yearOffset: 0 | 1; readonly monthDay: string };
  readonly ref: string;
}

export interface CampaignParameters {
  readonly provinceCode: string;
  readonly year: number;
  readonly ruleSetId: string;
  readonly countyReviewWorkingDays: number;
  readonly noticeWorkingDays: number;
  /** Last day an entry of this campaign is valid (inclusive). */
  readonly entryValidUntil: IsoDate;
  readonly ref: string;
  /** 'data': a row covers this province and year; 'default': the latest row carried forward past the data. */
  readonly basis: 'data' | 'default';
}

const GUIDE = '国科火字〔2022〕67号 work guide';

/** The national defaults the work guide gives (5 working days county review, 10-day notice, valid to 31 March). */
export const TECH_SME_CAMPAIGN_ROWS: readonly CampaignRow[] = [
  {
    provinceCode: null,
    fromYear: 2017,
    toYear: 2026,
    countyReviewWorkingDays: 5,
    noticeWorkingDays: 10,
    entryValidUntil: { yearOffset: 1, monthDay: '03-31' },
    ref: `${GUIDE}: 形式审查 5 working days; 公示 10 working days; entry valid to 31 March of the following year`,
  },
];

const PROVINCE = /^\d{2}0000$/;

function pick(rows: readonly CampaignRow[], province: string, year: number): [CampaignRow, boolean] | null {
  const own = rows.filter((r) => r.provinceCode === province);
  const national = rows.filter((r) => r.provinceCode === null);
  for (const set of [own, national]) {
    const hit = set.find((r) => r.fromYear <= year && year <= r.toYear);
    if (hit) return [hit, true];
  }
  for (const set of [own, national]) {
    const earlier = set.filter((r) => r.toYear < year).sort((a, b) => b.toYear - a.toYear)[0];
    if (earlier) return [earlier, false];
  }
  return null;
}

/**
 * The parameters of campaign `year` in `provinceCode`: the province's own row, else the national row, else —
 * for a year past the data — the latest such row carried forward. Refuses (tsme.campaign-year) only a year
 * before the rule existed (2017) or a malformed province code.
 */
export function techSmeCampaign(
  provinceCode: string,
  year: number,
  rows: readonly CampaignRow[] = TECH_SME_CAMPAIGN_ROWS,
): CampaignParameters {
  if (typeof provinceCode !== 'string' || !PROVINCE.test(provinceCode))
    throw new PolicyInputError(
      'tsme.province',
      `province code must look like 410000, got ${String(provinceCode)}`,
    );
  const ruleSet = techSmeRuleSetFor(year); // refuses years before 2017
  const hit = pick(rows, provinceCode, year);
  if (!hit) throw new PolicyInputError('tsme.campaign-year', `no campaign parameters for ${year}`);
  const [row, covered] = hit;
  const until = `${year + row.entryValidUntil.yearOffset}-${row.entryValidUntil.monthDay}`;
  toDayNumber(until, 'entryValidUntil');
  return {
    provinceCode,
    year,
    ruleSetId: ruleSet.id,
    countyReviewWorkingDays: row.countyReviewWorkingDays,
    noticeWorkingDays: row.noticeWorkingDays,
    entryValidUntil: until,
    ref: covered ? row.ref : `${row.ref} (carried forward from ${row.toYear}: no data for ${year} yet)`,
    basis: covered ? 'data' : 'default',
  };
}

/** Whether an entry is valid on `date`: from its entry date through its validity end, both inclusive. */
export function entryValidOn(
  entry: { readonly enteredOn: IsoDate; readonly validUntil: IsoDate },
  date: IsoDate,
): boolean {
  return daysBetween(entry.enteredOn, date) >= 0 && daysBetween(date, entry.validUntil) >= 0;
}
