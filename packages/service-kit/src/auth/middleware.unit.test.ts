import request from 'supertest';
import { fixedClock } from '../clock/clock';
import { createApp } from '../http/app';
import { capturingLogger, tempDir } from '../test-support';
import { loadDevKeys } from './dev-keys';
import { localVerifier, signLocalToken } from './local-token';
import { principalOf, requireRole } from './middleware';

describe('bearer authentication in the app factory', () => {
  const tmp = tempDir();
  const clock = fixedClock('2026-05-06T02:00:00Z');
  let app: ReturnType<typeof createApp>;
  let token: string;

  beforeAll(async () => {
    const keys = await loadDevKeys(tmp.dir);
    token = await signLocalToken(keys, {
      principal: { sub: 'e-1', role: 'enterprise', region: '410402', uscc: '91410402MA40000001' },
      ttlMs: 60_000,
      clock,
    });
    app = createApp({
      name: 'test',
      logger: capturingLogger().logger,
      clock,
      auth: localVerifier(keys, clock),
      routes: (r) => {
        r.get('/me', (req, res) => {
          res.json(principalOf(req));
        });
        r.get('/admin-only', requireRole('admin'), (_req, res) => {
          res.json({ ok: true });
        });
      },
    });
  });
  afterAll(tmp.cleanup);

  it('sets the principal from a valid bearer token', async () => {
    const res = await request(app).get('/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sub: 'e-1',
      role: 'enterprise',
      region: '410402',
      uscc: '91410402MA40000001',
    });
  });

  it.each([
    ['no header', undefined, 'a bearer token is required'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'the Authorization header must be "Bearer <token>"'],
    ['garbage', 'Bearer not-a-jwt', 'the token is not valid'],
  ])('401 on %s', async (_name, header, detail) => {
    const req = request(app).get('/me');
    const res = await (header ? req.set('Authorization', header) : req);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: 'https://peiyu.dev/problems/unauthenticated', detail });
  });

  it('403 when the role is not allowed', async () => {
    const res = await request(app).get('/admin-only').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('https://peiyu.dev/problems/forbidden');
  });

  it('health endpoints need no token', async () => {
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/readyz')).status).toBe(200);
  });
});
