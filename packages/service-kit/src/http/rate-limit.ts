import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { parseDuration } from '../clock/duration';
import { loadConfig } from '../config/load-config';
import { peiyuMode } from '../mode';
import { problemOf } from '../problem/problem';
import { sendProblem } from './error-handler';

/** Limits per client address and window (finding 9: 1,000 bad tokens in 2 s were all answered). */
export interface RateLimits {
  windowMs: number;
  /** Failed authentications (401 answers) per address and window; beyond it every request is refused. */
  authFailures: number;
  /** Requests without a bearer token (public endpoints) per address and window. */
  publicRequests: number;
  /**
   * Submissions through a public form (e.g. a 公示 objection without sign-in) per address and window, on top of
   * `publicRequests`; default 5 in production, 1,000 locally.
   */
  publicSubmissions?: number;
}

/** Production: tight enough to stop guessing and scraping, loose enough for a bureau behind one NAT address. */
export const PRODUCTION_RATE_LIMITS: RateLimits = {
  windowMs: 60_000,
  authFailures: 20,
  publicRequests: 120,
  publicSubmissions: 5,
};
/** Local mode and tests: on, but far above what a test or a demo sends. */
export const LOCAL_RATE_LIMITS: RateLimits = {
  windowMs: 60_000,
  authFailures: 1000,
  publicRequests: 10_000,
  publicSubmissions: 1000,
};

const count = z.coerce.number().int().positive().optional();
const RateLimitEnvSchema = z.object({
  PEIYU_RATE_LIMIT_WINDOW: z
    .string()
    .optional()
    .refine((v) => v === undefined || safeDuration(v) !== undefined, 'not a duration (e.g. 1m, 30s)'),
  PEIYU_RATE_LIMIT_AUTH_FAILURES: count,
  PEIYU_RATE_LIMIT_PUBLIC: count,
  PEIYU_RATE_LIMIT_PUBLIC_SUBMISSIONS: count,
});

function safeDuration(text: string): number | undefined {
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/**
 * The limits for this process: the mode's defaults, each overridable by `PEIYU_RATE_LIMIT_WINDOW` (duration),
 * `PEIYU_RATE_LIMIT_AUTH_FAILURES`, `PEIYU_RATE_LIMIT_PUBLIC`. A bad value throws a ConfigError naming it.
 */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const base = peiyuMode(env) === 'local' ? LOCAL_RATE_LIMITS : PRODUCTION_RATE_LIMITS;
  const c = loadConfig(RateLimitEnvSchema, env);
  return {
    windowMs: c.PEIYU_RATE_LIMIT_WINDOW ? parseDuration(c.PEIYU_RATE_LIMIT_WINDOW) : base.windowMs,
    authFailures: c.PEIYU_RATE_LIMIT_AUTH_FAILURES ?? base.authFailures,
    publicRequests: c.PEIYU_RATE_LIMIT_PUBLIC ?? base.publicRequests,
    publicSubmissions: c.PEIYU_RATE_LIMIT_PUBLIC_SUBMISSIONS ?? base.publicSubmissions ?? 5,
  };
}

function limiter(
  limits: RateLimits,
  limit: number,
  what: string,
  extra: Partial<Parameters<typeof rateLimit>[0]>,
): RequestHandler {
  return rateLimit({
    windowMs: limits.windowMs,
    limit,
    // draft-8 RateLimit headers; with them the library also sets Retry-After on a refusal.
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Per client address (IPv6 grouped by /56, the library's default); behind a proxy set express's
    // `trust proxy` so req.ip is the client's.
    handler: (req, res, _next, options) => {
      const retryAfter = res.getHeader('Retry-After') ?? Math.ceil(options.windowMs / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      sendProblem(req, res, problemOf('too-many-requests', { detail: `too many ${what}; try again later` }));
    },
    ...extra,
  });
}

/**
 * The two limiters every service gets from `createApp`: failed authentications per address (only 401 answers
 * count; once over, the address is refused until the window passes), and requests without a token.
 */
export function rateLimiters(limits: RateLimits): {
  authFailures: RequestHandler;
  publicRequests: RequestHandler;
} {
  return {
    authFailures: limiter(limits, limits.authFailures, 'failed authentications from this address', {
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
    publicRequests: limiter(limits, limits.publicRequests, 'requests without a token from this address', {
      skip: (req) => req.headers.authorization !== undefined,
    }),
  };
}

/**
 * The limiter of a public form's submit endpoint (every request counts, token or not): anyone may write there
 * without signing in, so one address gets `publicSubmissions` per window (default from `rateLimitsFromEnv()`).
 */
export function publicSubmissionLimiter(limits: RateLimits = rateLimitsFromEnv()): RequestHandler {
  const limit = limits.publicSubmissions ?? PRODUCTION_RATE_LIMITS.publicSubmissions ?? 5;
  return limiter(limits, limit, 'submissions of this public form from this address', {});
}
