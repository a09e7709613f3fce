import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express } from 'express';
import { importIndicatorsRoute } from './commands/import-indicators/route';
import { publishRankingRoute } from './commands/publish-ranking/route';
import { reportIndicatorsRoute } from './commands/report-indicators/route';
import { setRankingMethodRoute } from './commands/set-ranking-method/route';
import { setTargetsRoute } from './commands/set-targets/route';
import { titlesRoute } from './commands/titles/route';
import type { StatisticsDeps } from './http/deps';
import type { Slice } from './http/slice';
import { countsRoute } from './queries/counts/route';
import { ladderRoutes } from './queries/ladder/route';
import { rankingQueryRoutes } from './queries/rankings/route';
import { reportQueryRoutes } from './queries/reports/route';
import { targetQueryRoutes } from './queries/targets/route';

const SLICES: Slice[] = [
  targetQueryRoutes,
  setTargetsRoute,
  // the import's fixed path before the report's parameters
  importIndicatorsRoute,
  reportQueryRoutes,
  reportIndicatorsRoute,
  countsRoute,
  setRankingMethodRoute,
  rankingQueryRoutes,
  publishRankingRoute,
  titlesRoute,
  ladderRoutes,
];

/** The service's app: its slices behind the kit's one app shape (service-guide.md). */
export const buildStatisticsApp = (
  deps: StatisticsDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express =>
  serviceApp({
    name: 'statistics',
    title: 'Peiyu statistics (统计：目标、季度报送、排名、梯次培育、通报)',
    description:
      'County targets, quarterly indicator reports, counts from the other services’ events, quarterly rankings ' +
      'per city, the cultivation ladder and bulletins (issue 17). Vocabulary: docs/vocabulary.md.',
    slices: SLICES,
    deps,
    auth,
    readiness,
  });
