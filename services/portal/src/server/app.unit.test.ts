import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, fixedClock, loadDevKeys, localVerifier } from '@peiyu/service-kit';
import { Router } from 'express';
import request from 'supertest';
import { buildPortalApp } from './app';
import { oidcConfigOf, parseServiceUrls, PortalConfigSchema } from './config';

const clock = fixedClock('2026-09-21T01:00:00Z');
const logger = createLogger('portal-test', { level: 'silent' });
const webDir = mkdtempSync(join(tmpdir(), 'portal-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>培育</title>');
const keyDir = mkdtempSync(join(tmpdir(), 'portal-keys-'));
const keys = loadDevKeys(keyDir);

let upstream: Server;
let upstreamUrl = '';
const seen: Array<{ method: string; url: string; auth: string | undefined; body: string }> = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ echoed: req.url }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

const local = () =>
  buildPortalApp({
    mode: 'local',
    services: { registry: upstreamUrl },
    webDir,
    logger,
    clock,
    devKeys: () => keys,
  });

describe('portal server, local mode', () => {
  it('proxies /api/<service>/… with its body and token to the service, path stripped', async () => {
    const r = await request(local())
      .post('/api/registry/v1/enterprises?x=1')
      .set('authorization', 'Bearer abc')
      .send({ name: '示例' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ echoed: '/v1/enterprises?x=1' });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/v1/enterprises?x=1',
      auth: 'Bearer abc',
      body: JSON.stringify({ name: '示例' }),
    });
  });

  it('answers 404 problem+json for a service it does not know', async () => {
    const r = await request(local()).get('/api/nowhere/v1/x').set('accept', 'application/json');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('signs a demo token the services accept, and refuses an impossible principal', async () => {
    const app = local();
    const ok = await request(app).post('/auth/demo').send({ role: 'county_reviewer', region: '410402' });
    expect(ok.status).toBe(200);
    const verified = await localVerifier(await keys, clock).verify(ok.body.token as string);
    expect(verified).toMatchObject({ role: 'county_reviewer', region: '410402' });
    const bad = await request(app).post('/auth/demo').send({ role: 'county_reviewer', region: '410000' });
    expect(bad.status).toBe(400);
    expect((await request(app).get('/auth/config')).body).toEqual({
      mode: 'local',
      signIn: 'demo',
      services: ['registry'],
      today: '2026-09-21',
    });
  });

  it('signs an expert as its pool id (the panel names experts by it), and only a plain id', async () => {
    const app = local();
    const ok = await request(app).post('/auth/demo').send({ role: 'expert', sub: 'E-01' });
    expect(ok.status).toBe(200);
    expect(await localVerifier(await keys, clock).verify(ok.body.token as string)).toMatchObject({
      role: 'expert',
      sub: 'E-01',
    });
    expect((await request(app).post('/auth/demo').send({ role: 'expert', sub: '../x y' })).status).toBe(400);
  });

  it('serves the app for client-side routes', async () => {
    const r = await request(local()).get('/review/queue').set('accept', 'text/html');
    expect(r.status).toBe(200);
    expect(r.text).toContain('培育');
  });
});

describe('portal server, production mode', () => {
  const oidc = Router().get('/auth/login', (_req, res) =>
    res.redirect(302, 'https://idp.example.cn/authorize'),
  );
  const prod = () =>
    buildPortalApp({ mode: 'production', services: { registry: upstreamUrl }, webDir, logger, clock, oidc });

  it('has no demo sign-in: the route does not exist', async () => {
    const app = prod();
    const r = await request(app).post('/auth/demo').send({ role: 'admin' });
    expect(r.status).toBe(404);
    expect((await request(app).get('/auth/demo-users')).status).toBe(404);
    expect((await request(app).get('/auth/config')).body).toMatchObject({ signIn: 'oidc' });
    expect((await request(app).get('/auth/login')).headers.location).toBe('https://idp.example.cn/authorize');
  });

  it('refuses to build without the OIDC sign-in, and names the missing variables', () => {
    expect(() => buildPortalApp({ mode: 'production', services: {}, webDir, logger, clock })).toThrow(/OIDC/);
    const config = PortalConfigSchema.parse({ OIDC_CLIENT_ID: 'peiyu-portal' });
    expect(() => oidcConfigOf(config)).toThrow(/OIDC_ISSUER_URL, OIDC_REDIRECT_URI/);
  });
});

describe('PEIYU_SERVICE_URLS', () => {
  it('parses name=url pairs and refuses anything else', () => {
    expect(parseServiceUrls('registry=http://127.0.0.1:4001/,assessment=http://h:4002')).toEqual({
      registry: 'http://127.0.0.1:4001',
      assessment: 'http://h:4002',
    });
    expect(() => parseServiceUrls('registry')).toThrow(/name=http/);
    expect(PortalConfigSchema.safeParse({ PEIYU_SERVICE_URLS: 'x=notaurl' }).success).toBe(false);
  });
});
