import request from 'supertest';
import { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnauthenticatedError,
  ValidationError,
} from '../problem/errors';
import { capturingLogger } from '../test-support';
import { createApp } from './app';
import { validated } from './validate';

function buildApp(readiness: Parameters<typeof createApp>[0]['readiness'] = []) {
  const log = capturingLogger();
  const app = createApp({
    name: 'test',
    logger: log.logger,
    readiness,
    routes: (r) => {
      r.get('/e/validation', () => {
        throw new ValidationError('bad', [{ path: '/body/x', message: 'nope', code: 'custom' }]);
      });
      r.get('/e/401', () => {
        throw new UnauthenticatedError('who are you');
      });
      r.get('/e/403', () => {
        throw new ForbiddenError('not yours');
      });
      r.get('/e/404', async () => {
        throw new NotFoundError('no such enterprise');
      });
      r.get('/e/409', () => {
        throw new ConflictError('stream moved on', { expectedVersion: 3 });
      });
      r.get('/e/412', () => {
        throw new PreconditionFailedError('If-Match does not match');
      });
      r.get('/p/:id', (_req, res) => {
        res.json({});
      });
      r.get('/e/500', async () => {
        throw new Error('secret internals: mongo://admin:pw@db');
      });
      r.post(
        '/echo',
        validated({ body: z.object({ text: z.string() }) }, (input, _req, res) => {
          res.json(input.body);
        }),
      );
    },
  });
  return { app, log };
}

describe('problem+json errors', () => {
  const { app, log } = buildApp();

  it.each([
    ['/e/401', 401, 'unauthenticated', 'who are you'],
    ['/e/403', 403, 'forbidden', 'not yours'],
    ['/e/404', 404, 'not-found', 'no such enterprise'],
    ['/e/409', 409, 'conflict', 'stream moved on'],
    ['/e/412', 412, 'precondition-failed', 'If-Match does not match'],
  ])('%s → %i with a stable type', async (path, status, kind, detail) => {
    const res = await request(app).get(path).set('X-Request-Id', 'req-1');
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: `https://peiyu.dev/problems/${kind}`,
      status,
      detail,
      instance: path,
      requestId: 'req-1',
    });
    expect(typeof res.body.title).toBe('string');
  });

  it('401 tells the client to use a bearer token', async () => {
    const res = await request(app).get('/e/401');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('carries extensions and per-field errors', async () => {
    expect((await request(app).get('/e/409')).body.expectedVersion).toBe(3);
    const res = await request(app).get('/e/validation');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://peiyu.dev/problems/validation');
    expect(res.body.errors).toEqual([{ path: '/body/x', message: 'nope', code: 'custom' }]);
  });

  it('500 hides internals from the body but logs the stack', async () => {
    const res = await request(app).get('/e/500?token=abc');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      type: 'https://peiyu.dev/problems/internal',
      status: 500,
      instance: '/e/500',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|mongo|stack|at /);
    const logged = log.lines().find((l) => l['msg'] === 'unhandled error');
    expect((logged?.['err'] as { stack?: string } | undefined)?.stack).toContain('secret internals');
  });

  it("express's own client errors keep their 4xx status", async () => {
    const res = await request(app).get('/p/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'https://peiyu.dev/problems/bad-request', status: 400 });
  });

  it('unknown routes are 404 problems', async () => {
    const res = await request(app).delete('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('https://peiyu.dev/problems/not-found');
  });
});

describe('request bodies', () => {
  const { app } = buildApp();

  it('accepts JSON up to the limit', async () => {
    const text = 'x'.repeat(200 * 1024);
    const res = await request(app).post('/echo').send({ text });
    expect(res.status).toBe(200);
    expect(res.body.text).toHaveLength(text.length);
  });

  it('answers 413 for a body over 256 KB', async () => {
    const res = await request(app)
      .post('/echo')
      .send({ text: 'x'.repeat(256 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://peiyu.dev/problems/payload-too-large', status: 413 });
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(app).post('/echo').set('Content-Type', 'application/json').send('{"text": ');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://peiyu.dev/problems/malformed-json');
  });

  it('answers 415 for a non-JSON body on a JSON route', async () => {
    const res = await request(app).post('/echo').set('Content-Type', 'text/plain').send('text=hello');
    expect(res.status).toBe(415);
    expect(res.body.type).toBe('https://peiyu.dev/problems/unsupported-media-type');
  });
});

describe('request ids and security headers', () => {
  const { app, log } = buildApp();

  it('echoes a sane X-Request-Id and logs it (never the token)', async () => {
    const res = await request(app)
      .get('/e/404')
      .set('X-Request-Id', 'abc-123')
      .set('Authorization', 'Bearer secret-token-xyz');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const line = log.lines().find((l) => (l['req'] as { id?: string } | undefined)?.id === 'abc-123');
    expect(line).toMatchObject({ req: { method: 'GET', url: '/e/404' }, res: { statusCode: 404 } });
    expect(JSON.stringify(log.lines())).not.toContain('secret-token-xyz');
  });

  it('replaces an unsafe or missing one with a UUID', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const bad = await request(app).get('/healthz').set('X-Request-Id', 'a b\tc');
    expect(bad.headers['x-request-id']).toMatch(uuid);
    const none = await request(app).get('/healthz');
    expect(none.headers['x-request-id']).toMatch(uuid);
    expect(none.headers['x-request-id']).not.toBe(bad.headers['x-request-id']);
  });

  it('does not log health probes', async () => {
    await request(app).get('/healthz').set('X-Request-Id', 'probe-1');
    expect(log.lines().some((l) => JSON.stringify(l).includes('probe-1'))).toBe(false);
  });

  it('sets helmet headers', async () => {
    const res = await request(app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('health and readiness', () => {
  it('/healthz is alive and /readyz passes when every check passes', async () => {
    const { app } = buildApp([{ name: 'mongo', check: async () => undefined }]);
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'alive', service: 'test' });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: ['mongo'] });
  });

  it('/readyz is 503 naming the failed checks', async () => {
    const { app } = buildApp([
      { name: 'mongo', check: () => true },
      { name: 'kafka', check: async () => Promise.reject(new Error('ECONNREFUSED')) },
      { name: 'cache', check: () => false },
      { name: 'slow', check: () => new Promise(() => undefined), timeoutMs: 20 },
    ]);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.failed).toEqual(['kafka', 'cache', 'slow']);
    expect(res.body.detail).toBe('not ready: kafka, cache, slow');
  });
});
