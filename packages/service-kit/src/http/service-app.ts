import type { Express, Router } from 'express';
import { authenticate } from '../auth/middleware';
import type { TokenVerifier } from '../auth/verifier';
import type { Clock } from '../clock/clock';
import { apiDocs } from './api-docs';
import { createApp } from './app';
import type { ReadinessCheck } from './health';
import type { Logger } from './logging';
import { openApiPathsOf } from './endpoint';
import { openApiDocumentOf } from './openapi';

/**
 * A service's app, in the one shape of service-guide.md: public slices (no token), then everything under /v1
 * behind a bearer token, then `/openapi.json` and `/docs` built from the slices' endpoint declarations.
 */
export function serviceApp<Deps extends { logger: Logger; clock: Clock }>(o: {
  name: string;
  title: string;
  description: string;
  deps: Deps;
  auth: TokenVerifier;
  readiness?: readonly ReadinessCheck[];
  slices: ReadonlyArray<(router: Router, deps: Deps) => void>;
  publicSlices?: ReadonlyArray<(router: Router, deps: Deps) => void>;
}): Express {
  return createApp({
    name: o.name,
    logger: o.deps.logger,
    clock: o.deps.clock,
    readiness: o.readiness ?? [],
    routes: (app) => {
      const router = app as unknown as Router;
      for (const slice of o.publicSlices ?? []) slice(router, o.deps);
      app.use('/v1', authenticate(o.auth));
      for (const slice of o.slices) slice(router, o.deps);
      const paths = openApiPathsOf(app);
      app.use(apiDocs(openApiDocumentOf({ title: o.title, description: o.description, paths })));
    },
  });
}
