import request from 'supertest';
import { createApp } from '../http/app';
import { LOCAL_RATE_LIMITS } from '../http/rate-limit';
import { loggableUrl } from '../http/logging';
import { capturingLogger } from '../test-support';

describe('finding 15 — no search terms in request logs', () => {
  it('logs the path and the query parameter names, never their values', async () => {
    const log = capturingLogger();
    const app = createApp({
      name: 't',
      logger: log.logger,
      rateLimits: LOCAL_RATE_LIMITS,
      routes: (r) => {
        r.get('/v1/sme-enterprises', (_req, res) => {
          res.json([]);
        });
      },
    });
    const res = await request(app).get(
      '/v1/sme-enterprises?q=%E5%B9%B3%E9%A1%B6%E5%B1%B1%E7%85%A4%E4%B8%9A&county=410402',
    );
    expect(res.status).toBe(200);
    const line = log
      .lines()
      .find((l) => (l['req'] as { url?: string } | undefined)?.url === '/v1/sme-enterprises');
    expect(line).toMatchObject({ req: { url: '/v1/sme-enterprises', queryKeys: ['q', 'county'] } });
    const all = JSON.stringify(log.lines());
    expect(all).not.toContain('平顶山煤业');
    expect(all).not.toContain('%E5%B9%B3');
    expect(all).not.toContain('410402');
  });

  it('loggableUrl keeps a plain path as it is', () => {
    expect(loggableUrl('/v1/x')).toEqual({ url: '/v1/x' });
    expect(loggableUrl('/v1/x?q=a&q=b')).toEqual({ url: '/v1/x', queryKeys: ['q'] });
  });
});
