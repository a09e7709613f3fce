import { refusals } from '@peiyu/contracts';
import request from 'supertest';
import { z } from 'zod';
import { createApp } from '../http/app';
import { validated } from '../http/validate';
import { capturingLogger } from '../test-support';
import { ForbiddenError } from './errors';

const refuse = refusals({ wrong_status: '当前状态不允许此操作', date_in_future: '日期不能晚于今天' });

/** Errors of @peiyu/eventstore, as the store throws them (service-kit recognises them by name). */
class IntegrityError extends Error {
  override name = 'IntegrityError';
  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly check: string,
  ) {
    super(`stream ${streamId} fails integrity`);
  }
}
class ConcurrencyError extends Error {
  override name = 'ConcurrencyError';
}

function appThrowing(err: unknown) {
  const log = capturingLogger();
  const app = createApp({
    name: 'test',
    logger: log.logger,
    routes: (a) => {
      a.get('/x', () => {
        throw err;
      });
      a.get(
        '/q',
        validated({ query: z.object({ year: z.coerce.number().int() }) }, (_i, _r, res) => res.json({})),
      );
    },
  });
  return { app, log };
}

describe('the one problem mapping', () => {
  it('maps a DomainError to its kind with its stable code, the detail in the asked language', async () => {
    const { app } = appThrowing(refuse('conflict', 'wrong_status', 'cannot submit a withdrawn evaluation'));
    const en = await request(app).get('/x');
    expect(en.status).toBe(409);
    expect(en.body).toMatchObject({ code: 'wrong_status', detail: 'cannot submit a withdrawn evaluation' });
    const zh = await request(app).get('/x').set('Accept-Language', 'zh-CN');
    expect(zh.body).toMatchObject({ code: 'wrong_status', detail: '当前状态不允许此操作' });
    const enFirst = await request(app).get('/x').set('Accept-Language', 'en-GB, zh;q=0.5');
    expect(enFirst.body.detail).toBe('cannot submit a withdrawn evaluation');
  });

  it('names the field of an invalid input', async () => {
    const { app } = appThrowing(refuse('invalid', 'date_in_future', 'foundedOn is after today', 'foundedOn'));
    const res = await request(app).get('/x');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/body/foundedOn', message: 'foundedOn is after today', code: 'date_in_future' },
    ]);
  });

  it('answers a broken stream with 503 integrity.broken and logs an alert', async () => {
    const { app, log } = appThrowing(new IntegrityError('enterprise-X', 3, 'hash-mismatch'));
    const res = await request(app).get('/x').set('Accept-Language', 'zh');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('integrity.broken');
    expect(res.body.detail).toMatch(/完整性/);
    expect(log.lines().some((l) => l['alert'] === 'integrity' && l['streamId'] === 'enterprise-X')).toBe(
      true,
    );
  });

  it('answers a lost concurrency race with 409 concurrent_update', async () => {
    const res = await request(appThrowing(new ConcurrencyError('x')).app).get('/x');
    expect([res.status, res.body.code]).toEqual([409, 'concurrent_update']);
  });

  it('puts an English-only detail after its kind in Chinese', async () => {
    const res = await request(appThrowing(new ForbiddenError('role enterprise may not')).app)
      .get('/x')
      .set('Accept-Language', 'zh-CN');
    expect(res.body.detail).toBe('无权执行此操作：role enterprise may not');
  });

  it('says a missing query parameter is required', async () => {
    const res = await request(appThrowing(null).app).get('/q');
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('query parameter year is required');
    expect(res.body.errors).toEqual([{ path: '/query/year', message: 'required', code: 'required' }]);
  });
});
