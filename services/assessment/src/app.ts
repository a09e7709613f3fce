import {
  apiDocs,
  authenticate,
  createApp,
  openApiDocumentOf,
  openApiPathsOf,
  type ReadinessCheck,
  type TokenVerifier,
} from '@peiyu/service-kit';
import type { Express, Router } from 'express';
import { batchRoutes } from './commands/batch/route';
import { countyReviewRoutes } from './commands/county-review/route';
import { evaluationIntakeRoutes } from './commands/evaluation-intake/route';
import { provinceEvaluationRoutes } from './commands/province-evaluation/route';
import type { Slice } from './http/slice';
import type { AssessmentDeps } from './http/deps';
import { batchQueryRoute } from './queries/batch/route';
import { enterprisesRoute } from './queries/enterprises/route';
import { evaluationQueryRoutes } from './queries/evaluations/route';
import { previewRoute } from './queries/preview/route';
import { publicEntriesRoute } from './queries/public-entries/route';
import { publicNoticesRoute } from './queries/public-notices/route';
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

const TITLE = 'Peiyu assessment (科技型中小企业评价)';
const DESCRIPTION =
  'Tech-SME evaluations (one stream per enterprise and campaign year) and provincial batches. Vocabulary: docs/vocabulary.md.';

export function buildAssessmentApp(
  deps: AssessmentDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express {
  return createApp({
    name: 'assessment',
    logger: deps.logger,
    clock: deps.clock,
    readiness,
    routes: (app) => {
      // The announcement list, the API description and its viewer are public; the rest of /v1 needs a token.
      publicEntriesRoute(app as unknown as Router, deps);
      publicNoticesRoute(app as unknown as Router, deps);
      app.use('/v1', authenticate(auth));
      for (const slice of SLICES) slice(app as unknown as Router, deps);
      app.use(
        apiDocs(openApiDocumentOf({ title: TITLE, description: DESCRIPTION, paths: openApiPathsOf(app) })),
      );
    },
  });
}
