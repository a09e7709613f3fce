import { countsFor, countyCounts } from './counts';
import type { IndicatorsReportedEvent } from './events';
import type { SourceFacts } from './facts';
import type { IndicatorFigures } from './indicators';
import { quarterEnd, type QuarterRef } from './quarters';

/** A versioned record of the statistics service's own streams with the instant it was recorded. */
export interface Recorded<T> {
  readonly data: T;
  readonly recordedAt: string;
}

export type IndicatorReport = IndicatorsReportedEvent['data'];

/**
 * The latest version of a versioned record as known at an instant (all versions when `knownAt` is absent).
 * `version` reads the record's own version number (targetVersion, reportVersion, …).
 */
export function latestKnown<T>(
  records: readonly Recorded<T>[],
  version: (t: T) => number,
  knownAt?: string,
): T | null {
  let best: T | null = null;
  for (const r of records) {
    if (knownAt !== undefined && Date.parse(r.recordedAt) > Date.parse(knownAt)) continue;
    if (best === null || version(r.data) > version(best)) best = r.data;
  }
  return best;
}

/** Turnover and platforms of the year up to the quarter: the latest known version of each quarter's report. */
function reportedYearToDate(
  reports: readonly Recorded<IndicatorReport>[],
  countyCode: string,
  q: QuarterRef,
  knownAt?: string,
): { turnoverFen: number; platforms: number } {
  let turnoverFen = 0;
  let platforms = 0;
  for (let quarter = 1; quarter <= q.quarter; quarter += 1) {
    const versions = reports.filter(
      (r) => r.data.countyCode === countyCode && r.data.year === q.year && r.data.quarter === quarter,
    );
    const latest = latestKnown(versions, (d) => d.reportVersion, knownAt);
    if (!latest) continue;
    turnoverFen += latest.techContractTurnoverFen;
    platforms += latest.provincialPlatforms + latest.cityPlatforms;
  }
  return { turnoverFen, platforms };
}

export interface FiguresInput {
  readonly facts: SourceFacts;
  readonly reports: readonly Recorded<IndicatorReport>[];
  readonly countyCodes: readonly string[];
  readonly quarter: QuarterRef;
  /** Only what was recorded up to this instant (a published ranking's `knownAt`). */
  readonly knownAt?: string;
}

/**
 * The assessed indicators of each county, year to date as of the quarter's end (targets are yearly, so the
 * quarterly 督导 compares the year so far): counts from events, turnover and platforms from the reports.
 */
export function quarterFigures(input: FiguresInput): Map<string, IndicatorFigures> {
  const { quarter: q, knownAt } = input;
  const period = {
    from: `${q.year}-01-01`,
    to: quarterEnd(q),
    ...(knownAt === undefined ? {} : { knownAt }),
  };
  const counts = countsFor(countyCounts(input.facts, period), input.countyCodes);
  const out = new Map<string, IndicatorFigures>();
  for (const c of counts) {
    const reported = reportedYearToDate(input.reports, c.countyCode, q, knownAt);
    out.set(c.countyCode, {
      newTechSmesEntered: c.techSmesEntered,
      newHnteCertified: c.hnteCertified,
      validHnte: c.validHnte,
      techContractTurnoverFen: reported.turnoverFen,
      innovationPlatforms: reported.platforms,
    });
  }
  return out;
}
