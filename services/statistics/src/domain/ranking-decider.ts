import { isDeepStrictEqual } from 'node:util';
import type { Decider } from '@peiyu/eventstore';
import { actorOf, assertRankingAuthority } from './authorize';
import { refuse } from './errors';
import type { PublishedRanking, RankingMethod, RankingPublishedEvent, TieRule } from './events';
import { rankCounties, type RankingCounty } from './ranking';
import { rankingChanges } from './ranking-diff';
import { isQuarterNumber, quarterEnd } from './quarters';
import type { RankingScope } from './scope';

/**
 * Publish (or correct) a city's ranking of one quarter. The shell assembles the inputs from its read models —
 * figures as of the quarter's end known at `knownAt` (`quarterFigures`), the latest known targets and method,
 * the scope (`rankingScope`) and the previous quarter's bottom group — and the decider ranks and records.
 */
export interface PublishRanking {
  readonly type: 'PublishRanking';
  readonly cityCode: string;
  readonly year: number;
  readonly quarter: number;
  readonly method: {
    readonly methodVersion: number;
    readonly method: RankingMethod;
    readonly tieRule: TieRule;
  };
  readonly counties: readonly RankingCounty[];
  readonly excluded: RankingScope['excluded'];
  /** Bottom group of the previous quarter's latest published ranking (across the year boundary); null if none. */
  readonly previousBottom: readonly string[] | null;
  /** The instant up to which the figures' events were recorded. */
  readonly knownAt: string;
  /** Required for a correction: why the ranking is published again. */
  readonly reason: string | null;
}

/** One stream per city, year and quarter (`rankingStreamId`); every version is kept, none is edited. */
export interface RankingState {
  readonly versions: readonly PublishedRanking[];
}

export const initialRankingState: RankingState = { versions: [] };

function check(command: PublishRanking, today: string, now: Date): void {
  if (!isQuarterNumber(command.quarter)) {
    throw refuse('invalid', 'ranking.quarter', 'quarter must be 1 to 4', 'quarter');
  }
  if (today <= quarterEnd({ year: command.year, quarter: command.quarter })) {
    throw refuse('conflict', 'ranking.quarter-not-ended', 'a quarter is ranked after it ends', 'quarter');
  }
  if (command.counties.length === 0) {
    throw refuse('invalid', 'ranking.no-counties', 'there is no county to rank', 'counties');
  }
  const ranked = new Set(command.counties.map((c) => c.countyCode));
  if (command.excluded.some((e) => ranked.has(e.countyCode))) {
    throw refuse('invalid', 'ranking.excluded-ranked', 'an excluded county cannot be ranked', 'excluded');
  }
  const known = Date.parse(command.knownAt);
  if (Number.isNaN(known) || known > now.getTime()) {
    throw refuse('invalid', 'ranking.known-at', 'knownAt must be an instant not after now', 'knownAt');
  }
}

// Everything that makes two versions the same ranking (the publication's who/when aside).
const substance = (
  r: Omit<PublishedRanking, 'rankingVersion' | 'publishedBy' | 'publishedOn' | 'correction' | 'knownAt'>,
) => ({
  asOf: r.asOf,
  methodVersion: r.methodVersion,
  groupSize: r.groupSize,
  rows: r.rows,
  excluded: r.excluded,
});

export function rankingDecider(): Decider<RankingState, PublishRanking, RankingPublishedEvent> {
  return {
    initialState: initialRankingState,
    evolve: (state, event) => ({ versions: [...state.versions, event.data] }),
    decide(command, state, ctx) {
      assertRankingAuthority(ctx, command.cityCode);
      check(command, ctx.today, ctx.now);
      const q = { year: command.year, quarter: command.quarter as 1 };
      const result = rankCounties({
        method: command.method.method,
        tieRule: command.method.tieRule,
        counties: command.counties,
        previousBottom: command.previousBottom === null ? null : new Set(command.previousBottom),
      });
      const next = {
        asOf: quarterEnd(q),
        methodVersion: command.method.methodVersion,
        groupSize: result.groupSize,
        rows: result.rows,
        excluded: [...command.excluded],
      };
      const current = state.versions.at(-1);
      if (current && isDeepStrictEqual(substance(current), next)) return []; // a retry changes nothing
      if (current && command.reason === null) {
        throw refuse('invalid', 'ranking.reason-required', 'a corrected ranking says why', 'reason');
      }
      return [
        {
          type: 'RankingPublished',
          data: {
            cityCode: command.cityCode,
            year: command.year,
            quarter: command.quarter,
            rankingVersion: state.versions.length + 1,
            ...next,
            knownAt: command.knownAt,
            publishedBy: actorOf(ctx),
            publishedOn: ctx.today,
            correction:
              current && command.reason !== null
                ? {
                    ofVersion: current.rankingVersion,
                    reason: command.reason,
                    changes: rankingChanges(current.rows, next.rows),
                  }
                : null,
          },
        },
      ];
    },
  };
}
