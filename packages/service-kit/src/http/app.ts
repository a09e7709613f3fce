import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authenticate } from '../auth/middleware';
import type { TokenVerifier } from '../auth/verifier';
import { type Clock, systemClock } from '../clock/clock';
import { NotFoundError } from '../problem/errors';
import { requestSpans } from '../telemetry/http-span';
import { problemErrorHandler } from './error-handler';
import { healthRoutes, type ReadinessCheck } from './health';
import { httpLogger } from './logging';
import { rateLimiters, rateLimitsFromEnv, type RateLimits } from './rate-limit';

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/** What route-registering code gets besides the app. */
export interface AppContext {
  logger: Logger;
  clock: Clock;
}

export interface AppOptions {
  /** Service name, reported by `/healthz` (logs and spans take theirs from the logger and telemetry). */
  name: string;
  logger: Logger;
  clock?: Clock;
  /** When set, every route registered in `routes` needs a valid bearer token (health endpoints never do). */
  auth?: TokenVerifier;
  readiness?: readonly ReadinessCheck[];
  bodyLimitBytes?: number;
  /**
   * Rate limits on failed authentication and on requests without a token (finding 9); default
   * `rateLimitsFromEnv()` (generous in local mode, tight in production). They cannot be switched off.
   */
  rateLimits?: RateLimits;
  /** Registers the service's routes; called after the common middleware, before the 404 and error handlers. */
  routes: (app: Express, ctx: AppContext) => void;
}

interface AppState {
  draining: boolean;
}

const states = new WeakMap<Express, AppState>();

/** Puts an app into draining mode: `/readyz` answers 503 and responses close their connection. */
export function markDraining(app: Express): void {
  const state = states.get(app);
  if (state) state.draining = true;
}

/** The express app every Peiyu service starts from. */
export function createApp(options: AppOptions): Express {
  const app = express();
  const state: AppState = { draining: false };
  states.set(app, state);
  const ctx: AppContext = { logger: options.logger, clock: options.clock ?? systemClock };

  app.use(requestSpans());
  app.use(httpLogger(options.logger));
  app.use(helmet());
  app.use((_req, res, next) => {
    // While draining, keep-alive connections are closed after their response so the server can finish.
    if (state.draining) res.setHeader('Connection', 'close');
    // Answers carry personal and financial data: no browser or proxy keeps a copy (a route that supports
    // conditional reads says `private, no-cache` instead). It also keeps a page from showing a stale answer.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(healthRoutes(options.name, options.readiness ?? [], () => state.draining));
  const limiters = rateLimiters(options.rateLimits ?? rateLimitsFromEnv());
  app.use(limiters.authFailures);
  app.use(limiters.publicRequests);
  if (options.auth) app.use(authenticate(options.auth));
  app.use(
    express.json({
      limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      type: ['application/json', 'application/*+json'],
    }),
  );
  options.routes(app, ctx);
  app.use((req) => {
    throw new NotFoundError(`no route for ${req.method} ${req.path}`);
  });
  app.use(problemErrorHandler());
  return app;
}
