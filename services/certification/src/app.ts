import { serviceApp, type ReadinessCheck, type TokenVerifier } from '@peiyu/service-kit';
import type { Express } from 'express';
import { afterCareRoutes } from './commands/after-care/route';
import { applicationIntakeRoutes } from './commands/application-intake/route';
import { batchRoutes } from './commands/batches/route';
import { countyReviewRoutes } from './commands/county-review/route';
import { expertPoolRoutes } from './commands/expert-pool/route';
import { provinceReviewRoutes } from './commands/province-review/route';
import type { CertificationDeps } from './http/deps';
import type { Slice } from './http/slice';
import { applicationQueryRoutes } from './queries/applications/route';
import { batchQueryRoutes, registerQueryRoute } from './queries/batches/route';
import { candidatesRoute } from './queries/candidates/route';
import { expertPoolQueryRoutes } from './queries/expert-pool/route';
import { publicRoutes } from './queries/public/route';
import { recordQueryRoutes } from './queries/records/route';

const SLICES: Slice[] = [
  batchRoutes,
  expertPoolRoutes,
  applicationIntakeRoutes,
  countyReviewRoutes,
  provinceReviewRoutes,
  afterCareRoutes,
  applicationQueryRoutes,
  expertPoolQueryRoutes,
  recordQueryRoutes,
  candidatesRoute,
  registerQueryRoute,
];

/** The service's app: its slices behind the kit's one app shape (service-guide.md). */
export const buildCertificationApp = (
  deps: CertificationDeps,
  auth: TokenVerifier,
  readiness: ReadinessCheck[] = [],
): Express =>
  serviceApp({
    name: 'certification',
    title: 'Peiyu certification (高新技术企业认定)',
    description:
      'HNTE recognition: province-year registers (batches, certificate serial), expert pools, applications ' +
      '(intake, county, panel, scores, review, 公示) and enterprise records (certificates, after care). ' +
      'Vocabulary: docs/vocabulary.md.',
    slices: SLICES,
    publicSlices: [publicRoutes, batchQueryRoutes],
    deps,
    auth,
    readiness,
  });
