import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express } from 'express';
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
  return serviceApp({
    name: 'assessment',
    title: TITLE,
    description: DESCRIPTION,
    deps,
    auth,
    readiness,
    slices: SLICES,
    publicSlices: [publicEntriesRoute],
  });
}
