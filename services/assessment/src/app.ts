import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express } from 'express';
import { batchRoutes } from './commands/batch/route';
import { countyReviewRoutes } from './commands/county-review/route';
import { evaluationIntakeRoutes } from './commands/evaluation-intake/route';
import { provinceEvaluationRoutes } from './commands/province-evaluation/route';
import { publicObjectionRoute } from './commands/public-objection/route';
import type { Slice } from './http/slice';
import type { AssessmentDeps } from './http/deps';
import { batchQueryRoute } from './queries/batch/route';
import { enterprisesRoute } from './queries/enterprises/route';
import { evaluationQueryRoutes } from './queries/evaluations/route';
import { objectionQueryRoute } from './queries/objection/route';
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
  objectionQueryRoute,
  enterprisesRoute,
];

/** The service's app: its slices behind the kit's one app shape (service-guide.md). */
export const buildAssessmentApp = (
  deps: AssessmentDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express =>
  serviceApp({
    name: 'assessment',
    title: 'Peiyu assessment (科技型中小企业评价)',
    description:
      'Tech-SME evaluations (one stream per enterprise and campaign year) and provincial batches. Vocabulary: docs/vocabulary.md.',
    slices: SLICES,
    publicSlices: [publicEntriesRoute, publicNoticesRoute, publicObjectionRoute],
    deps,
    auth,
    readiness,
  });
