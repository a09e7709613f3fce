import request from 'supertest';
import { fixedClock } from '../clock/clock';
import { createApp } from '../http/app';
import {
  LOCAL_RATE_LIMITS,
  PRODUCTION_RATE_LIMITS,
  rateLimitsFromEnv,
  type RateLimits,
} from '../http/rate-limit';
import { UnauthenticatedError } from '../problem/errors';
import { capturingLogger } from '../test-support';
import type { TokenVerifier } from '../auth/verifier';

// A verifier that accepts exactly one token: everything else is a failed authentication.
const verifier: TokenVerifier = {
  async verify(token) {
    if (token !== 'good') throw new UnauthenticatedError('the token is not valid');
    return { sub: 'u-1', role: 'admin' };
  },
};

function app(limits: RateLimits, auth = true) {
  return createApp({
    name: 't',
    logger: capturingLogger().logger,
    clock: fixedClock('2026-06-01T00:00:00Z'),
    rateLimits: limits,
    ...(auth ? { auth: verifier } : {}),
    routes: (r) => {
      r.get('/v1/things', (_req, res) => {
        res.json({ ok: true });
      });
    },
  });
}

describe('finding 9 — rate limits from the app factory', () => {
  it('failed authentications per address: over the limit, 429 problem+json with Retry-After', async () => {
    const a = app({ windowMs: 60_000, authFailures: 5, publicRequests: 1000 });
    for (let i = 0; i < 5; i++) {
      const bad = await request(a).get('/v1/things').set('Authorization', `Bearer bad-${i}`);
      expect(bad.status).toBe(401);
    }
    // Successful requests do not count, but the address is now over its failures: refused, even with a good token.
    const refused = await request(a).get('/v1/things').set('Authorization', 'Bearer bad-6');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ status: 429, type: expect.stringContaining('too-many-requests') });
    expect((await request(a).get('/v1/things').set('Authorization', 'Bearer good')).status).toBe(429);
    // Probes are never limited.
    expect((await request(a).get('/healthz')).status).toBe(200);
  });

  it('good tokens do not use up the failure budget', async () => {
    const a = app({ windowMs: 60_000, authFailures: 2, publicRequests: 1000 });
    for (let i = 0; i < 10; i++)
      expect((await request(a).get('/v1/things').set('Authorization', 'Bearer good')).status).toBe(200);
  });

  it('requests without a token (public endpoints) are limited per address', async () => {
    const a = app({ windowMs: 60_000, authFailures: 1000, publicRequests: 3 }, false);
    for (let i = 0; i < 3; i++) expect((await request(a).get('/v1/things')).status).toBe(200);
    const refused = await request(a).get('/v1/things');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('limits are on in every mode: generous locally, tight in production, configurable', () => {
    expect(rateLimitsFromEnv({})).toEqual(PRODUCTION_RATE_LIMITS);
    expect(rateLimitsFromEnv({ PEIYU_MODE: 'local' })).toEqual(LOCAL_RATE_LIMITS);
    expect(
      rateLimitsFromEnv({
        PEIYU_RATE_LIMIT_WINDOW: '30s',
        PEIYU_RATE_LIMIT_AUTH_FAILURES: '7',
        PEIYU_RATE_LIMIT_PUBLIC: '9',
        PEIYU_RATE_LIMIT_PUBLIC_SUBMISSIONS: '2',
      }),
    ).toEqual({ windowMs: 30_000, authFailures: 7, publicRequests: 9, publicSubmissions: 2 });
    expect(() => rateLimitsFromEnv({ PEIYU_RATE_LIMIT_PUBLIC: '0' })).toThrow(/PEIYU_RATE_LIMIT_PUBLIC/);
    expect(() => rateLimitsFromEnv({ PEIYU_RATE_LIMIT_WINDOW: 'soon' })).toThrow(/PEIYU_RATE_LIMIT_WINDOW/);
  });
});
