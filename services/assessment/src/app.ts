import { authenticate, createApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express, Router } from 'express';
import { batchRoutes } from './commands/batch/route';
import { countyReviewRoutes } from './commands/county-review/route';
import { evaluationIntakeRoutes } from './commands/evaluation-intake/route';
import { provinceEvaluationRoutes } from './commands/province-evaluation/route';
import type { Slice } from './http/slice';
import type { AssessmentDeps } from './http/deps';
import { openApiDocument } from './openapi';
import { batchQueryRoute } from './queries/batch/route';
import { enterprisesRoute } from './queries/enterprises/route';
import { evaluationQueryRoutes } from './queries/evaluations/route';
import { previewRoute } from './queries/preview/route';
import { publicEntriesRoute } from './queries/public-entries/route';
import { reviewQueueRoute } from './queries/review-queue/route';

const SLICES: Slice[] = [
  previewRoute,
  evaluationIntakeRoutes,
  countyReviewRoutes,
  provinceEvaluationRoutes,
  batchRoutes,
  evaluationQueryRoutes,
  reviewQueueRoute,
  batchQueryRoute,
  enterprisesRoute,
];

export function buildAssessmentApp(
  deps: AssessmentDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express {
  const doc = openApiDocument();
  return createApp({
    name: 'assessment',
    logger: deps.logger,
    clock: deps.clock,
    readiness,
    routes: (app) => {
      // The API description and the announcement list are public; everything else under /v1 needs a token.
      app.get('/openapi.json', (_req, res) => {
        res.json(doc);
      });
      publicEntriesRoute(app as unknown as Router, deps);
      app.use('/v1', authenticate(auth));
      for (const slice of SLICES) slice(app as unknown as Router, deps);
    },
  });
}
