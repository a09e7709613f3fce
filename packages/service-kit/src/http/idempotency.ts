import type { Request, Response } from 'express';
import { principalOf } from '../auth/middleware';
import { ConflictError, ValidationError } from '../problem/errors';

/** A response worth repeating: what a retried request with the same key gets back. */
export interface IdempotentResponse {
  status: number;
  body: unknown;
}

/**
 * Where first responses are kept (the event-store kit's IdempotencyStore satisfies this). `run` calls the
 * handler only for a key it has not seen, and answers repeats with the first response.
 */
export interface IdempotencyPort {
  run(
    scope: { principal: string; route: string; key: string },
    request: unknown,
    handler: () => Promise<IdempotentResponse>,
  ): Promise<
    | { kind: 'new' }
    | { kind: 'in-progress' }
    | { kind: 'mismatch' }
    | { kind: 'replay'; response: IdempotentResponse }
    | { kind: 'done'; response: IdempotentResponse }
  >;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` for a command route: without the header the handler simply runs; with it, the first
 * response is kept per principal + route + key and repeats get it back with `Idempotent-Replayed: true`.
 * The same key with another body is refused (409), as is a repeat while the first is still running.
 */
export async function withIdempotencyKey<R extends IdempotentResponse>(
  port: IdempotencyPort,
  req: Request,
  res: Response,
  handler: () => Promise<R>,
): Promise<R> {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return handler();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError('Idempotency-Key must be 1–200 visible ASCII characters', [
      { path: '/headers/idempotency-key', message: 'invalid', code: 'invalid_string' },
    ]);
  }
  const principal = principalOf(req);
  const scope = {
    principal: `${principal.role}:${principal.sub}`,
    route: `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`,
    key,
  };
  const r = await port.run(scope, { params: req.params, body: req.body as unknown }, handler);
  switch (r.kind) {
    case 'in-progress':
      throw new ConflictError('a request with this Idempotency-Key is still being processed', {
        code: 'idempotency_in_progress',
      });
    case 'mismatch':
      throw new ConflictError('this Idempotency-Key was used with a different request', {
        code: 'idempotency_key_reused',
      });
    case 'new':
      throw new Error('idempotency store answered "new" after running the handler');
    case 'replay':
      res.setHeader('Idempotent-Replayed', 'true');
      return r.response as R;
    case 'done':
      return r.response as R;
  }
}
