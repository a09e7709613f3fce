import {
  countyTargetsStreamId,
  enterpriseTitlesStreamId,
  indicatorReportStreamId,
  rankingMethodStreamId,
} from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import type { Request, Response } from 'express';
import {
  indicatorsDecider,
  methodDecider,
  targetsDecider,
  titlesDecider,
  type ReportIndicators,
  type SetCountyTargets,
  type SetRankingMethod,
  type TitleCommand,
  type TitlePorts,
} from '../domain';
import { authoriseStatistics } from '../http/access';
import type { StatisticsDeps } from '../http/deps';
import { reportView, targetsView } from '../http/views';

/**
 * One command per statistics stream type through the kit's pipeline. The deciders check the fine rule (which
 * bureau over which county); the access table gates role and place first, so a refusal reads the same as in
 * the other services.
 */
export function runTargetsCommand(
  deps: StatisticsDeps,
  req: Request,
  res: Response,
  command: SetCountyTargets,
): Promise<void> {
  const path = `/v1/county-targets/${command.countyCode}/${command.year}`;
  return runCommand(deps, req, res, {
    what: `targets of ${command.countyCode} for ${command.year}`,
    streamId: countyTargetsStreamId(command.countyCode, command.year),
    decider: targetsDecider({ parseRegion: deps.regions.parse }),
    authorise: (principal) =>
      authoriseStatistics(deps, principal, 'set_targets', { regionCode: command.countyCode }, path),
    command: () => command,
    respond: ({ state, version }) => ({ body: targetsView(state.versions, version), location: path }),
  });
}

export function runReportCommand(
  deps: StatisticsDeps,
  req: Request,
  res: Response,
  command: ReportIndicators,
): Promise<void> {
  const path = `/v1/indicator-reports/${command.countyCode}/${command.year}/${command.quarter}`;
  return runCommand(deps, req, res, {
    what: `indicator report of ${command.countyCode} for ${command.year} Q${command.quarter}`,
    streamId: indicatorReportStreamId(command.countyCode, command.year, command.quarter),
    decider: indicatorsDecider(),
    authorise: (principal) =>
      authoriseStatistics(deps, principal, 'report', { regionCode: command.countyCode }, path),
    command: () => command,
    respond: ({ state, version }) => ({ body: reportView(state.versions, version), location: path }),
  });
}

export function runMethodCommand(
  deps: StatisticsDeps,
  req: Request,
  res: Response,
  command: SetRankingMethod,
): Promise<void> {
  const path = `/v1/ranking-methods/${command.cityCode}/${command.year}`;
  return runCommand(deps, req, res, {
    what: `ranking method of ${command.cityCode} for ${command.year}`,
    streamId: rankingMethodStreamId(command.cityCode, command.year),
    decider: methodDecider(),
    authorise: (principal) =>
      authoriseStatistics(deps, principal, 'set_method', { regionCode: command.cityCode }, path),
    command: () => command,
    respond: ({ state, version }) => ({
      body: { ...state.versions.at(-1)!, version, versions: state.versions.length },
      location: path,
    }),
  });
}

/**
 * Titles: the enterprise's county comes from the registry's events (the facts), read in `prepare`; the
 * decider's ports read what was prepared.
 */
export function runTitlesCommand(
  deps: StatisticsDeps,
  req: Request,
  res: Response,
  command: TitleCommand,
  titleName: TitlePorts['titleName'],
): Promise<void> {
  let county: string | null = null;
  const path = `/v1/enterprise-titles/${command.uscc}`;
  return runCommand(deps, req, res, {
    what: `titles of ${command.uscc}`,
    streamId: enterpriseTitlesStreamId(command.uscc),
    decider: titlesDecider({ countyOf: () => county, titleName }),
    prepare: async () => {
      const facts = await deps.reads.enterpriseFacts(command.uscc);
      county = facts.enterprises.get(command.uscc)?.locations.at(-1)?.countyCode ?? null;
      return { lookups: {} };
    },
    authorise: (principal) =>
      authoriseStatistics(
        deps,
        principal,
        'grant_title',
        county === null ? null : { regionCode: county },
        `enterprise ${command.uscc}`,
      ),
    // An enterprise's first title starts its titles stream, and most enterprises hold one title or none: a
    // grant is decided first without reading the stream (the kit's pipeline reads it and decides again when
    // it exists).
    createsStream: command.type === 'GrantTitle',
    command: () => command,
    respond: ({ state, version }) => ({
      body: {
        uscc: command.uscc,
        version,
        grants: [...state.grants.values()].map((g) => ({ ...g.data, revokedOn: g.revokedOn })),
      },
      location: path,
    }),
  });
}
