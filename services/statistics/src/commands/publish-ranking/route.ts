import { rankingStreamId } from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import { endpoint, principalOf } from '@peiyu/service-kit';
import { z } from 'zod';
import {
  bottomGroup,
  previousQuarter,
  quarterFigures,
  rankingDecider,
  rankingScope,
  refuse,
  type PublishRanking,
  type QuarterRef,
} from '../../domain';
import { authoriseStatistics, STATISTICS_ACCESS } from '../../http/access';
import type { StatisticsDeps } from '../../http/deps';
import type { Slice } from '../../http/slice';
import { rankingView } from '../../http/ranking-view';
import { AreaQuarterParams, Reason } from '../schemas';

export const PublishRankingBody = z.strictObject({
  /** Required when the quarter was published before: the new version says why. */
  reason: Reason.nullable().default(null),
});

/**
 * The counties an area's ranking covers: those it set targets for this year (the assessed ones), or every
 * county of the area when it set none; a 省直管县 under the city is always listed, so the ranking notes why it
 * is left out (rankingScope).
 */
async function candidates(deps: StatisticsDeps, areaCode: string, year: number): Promise<string[]> {
  const all = deps.regions.countiesOf(areaCode);
  const assessed = await deps.reads.countiesWithTargets(areaCode, year);
  if (assessed.length === 0) return all;
  const direct = all.filter((c) => deps.regions.provinciallyAdministered.has(c));
  return [...new Set([...assessed, ...direct])];
}

/**
 * Everything the ranking decider needs, read at one instant (`knownAt`): the figures year to date as of the
 * quarter's end from the events known then, the targets and the method known then, the previous quarter's
 * bottom group (its latest version; across the year boundary).
 */
async function inputsOf(
  deps: StatisticsDeps,
  areaCode: string,
  q: QuarterRef,
): Promise<Omit<PublishRanking, 'type' | 'reason' | 'method'> & { method: PublishRanking['method'] | null }> {
  const knownAt = deps.clock.now().toISOString();
  const scope = rankingScope(areaCode, await candidates(deps, areaCode, q.year), deps.regions.parse);
  const [facts, reports, targets, method, previous] = await Promise.all([
    deps.reads.facts(),
    deps.reads.reportsOfYear(q.year),
    deps.reads.targetsOf(q.year, scope.ranked, knownAt),
    deps.reads.method(areaCode, q.year, knownAt),
    (async () => {
      const p = previousQuarter(q);
      return deps.reads.ranking(areaCode, p.year, p.quarter);
    })(),
  ]);
  const figures = quarterFigures({ facts, reports, countyCodes: scope.ranked, quarter: q, knownAt });
  return {
    cityCode: areaCode,
    year: q.year,
    quarter: q.quarter,
    method: method && { methodVersion: method.methodVersion, method: method.method, tieRule: method.tieRule },
    counties: scope.ranked.map((countyCode) => ({
      countyCode,
      figures: figures.get(countyCode)!,
      targets: targets.get(countyCode) ?? null,
    })),
    excluded: scope.excluded,
    previousBottom: previous ? [...bottomGroup(previous.latest.rows)] : null,
    knownAt,
  };
}

/** POST /v1/rankings/:areaCode/:year/:quarter/publish — rank the counties and publish (or correct) the quarter. */
export const publishRankingRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/rankings/:areaCode/:year/:quarter/publish',
      summary: "Publish the quarter's county ranking (季度排名；前三名表扬、后三名批评、连续两次后三名约谈)",
      roles: STATISTICS_ACCESS.rank,
      params: AreaQuarterParams,
      body: PublishRankingBody,
      ok: { 201: 'version 1 published', 200: 'a corrected version (or unchanged)' },
      errors: [403, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const { areaCode, year } = params;
      const q = { year, quarter: params.quarter } as QuarterRef;
      const path = `/v1/rankings/${areaCode}/${year}/${q.quarter}`;
      // The pipeline authorises after `prepare`; the figures are the costly part, so refuse outsiders first.
      authoriseStatistics(deps, principalOf(req), 'rank', { regionCode: areaCode }, path);
      let inputs: Awaited<ReturnType<typeof inputsOf>>;
      await runCommand(deps, req, res, {
        what: `ranking of ${areaCode} for ${year} Q${q.quarter}`,
        streamId: rankingStreamId(areaCode, year, q.quarter),
        decider: rankingDecider(),
        prepare: async () => {
          inputs = await inputsOf(deps, areaCode, q);
          return { lookups: {} };
        },
        authorise: (principal) =>
          authoriseStatistics(deps, principal, 'rank', { regionCode: areaCode }, path),
        command: () => {
          const { method, ...rest } = inputs;
          if (method === null) {
            throw refuse(
              'conflict',
              'ranking.no-method',
              `set the ranking method of ${areaCode} for ${year} first`,
            );
          }
          return { type: 'PublishRanking', ...rest, method, reason: body.reason };
        },
        respond: ({ state, version }) => ({
          body: { ...rankingView(deps, state.versions.at(-1)!), version },
          location: path,
        }),
      });
    },
  );
};
