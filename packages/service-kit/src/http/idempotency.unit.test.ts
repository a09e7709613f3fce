import express from 'express';
import request from 'supertest';
import { createApp } from './app';
import { withIdempotencyKey, type IdempotencyPort, type IdempotentResponse } from './idempotency';
import { createLogger } from './logging';

/** An in-memory port with the store's semantics: first response per scope, mismatch on another body. */
function memoryPort(): IdempotencyPort & { runs: number } {
  const kept = new Map<string, { body: string; response?: IdempotentResponse }>();
  const port = {
    runs: 0,
    async run(
      scope: { principal: string; route: string; key: string },
      req: unknown,
      handler: () => Promise<IdempotentResponse>,
    ) {
      const id = JSON.stringify(scope);
      const prior = kept.get(id);
      if (prior) {
        if (prior.body !== JSON.stringify(req)) return { kind: 'mismatch' as const };
        return prior.response
          ? { kind: 'replay' as const, response: prior.response }
          : { kind: 'in-progress' as const };
      }
      kept.set(id, { body: JSON.stringify(req) });
      port.runs++;
      const response = await handler();
      kept.get(id)!.response = response;
      return { kind: 'done' as const, response };
    },
  };
  return port;
}

function app(port: IdempotencyPort) {
  let n = 0;
  return createApp({
    name: 't',
    logger: createLogger('t', { level: 'silent' }),
    routes: (a) => {
      a.use((req, _res, next) => {
        (req as unknown as { principal: object }).principal = { sub: 'u1', role: 'admin' };
        next();
      });
      a.post('/things', express.json(), async (req, res) => {
        const out = await withIdempotencyKey(port, req, res, async () => ({ status: 201, body: { n: ++n } }));
        res.status(out.status).json(out.body);
      });
    },
  });
}

describe('withIdempotencyKey', () => {
  it('runs without a key every time, and once per key with the first response replayed', async () => {
    const port = memoryPort();
    const a = app(port);
    expect((await request(a).post('/things').send({ x: 1 })).body).toEqual({ n: 1 });
    expect((await request(a).post('/things').send({ x: 1 })).body).toEqual({ n: 2 });
    const first = await request(a).post('/things').set('Idempotency-Key', 'k1').send({ x: 1 });
    const again = await request(a).post('/things').set('Idempotency-Key', 'k1').send({ x: 1 });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(port.runs).toBe(1);
  });

  it('refuses a reused key with another body, and a malformed key', async () => {
    const a = app(memoryPort());
    await request(a).post('/things').set('Idempotency-Key', 'k2').send({ x: 1 });
    const reused = await request(a).post('/things').set('Idempotency-Key', 'k2').send({ x: 2 });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const bad = await request(a).post('/things').set('Idempotency-Key', 'has space').send({ x: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/headers/idempotency-key');
  });
});
