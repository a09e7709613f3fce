import { ConcurrencyError } from '@peiyu/eventstore';
import {
  actorOf,
  ConflictError,
  currentTraceparent,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  principalOf,
  ValidationError,
  withIdempotencyKey,
} from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import { DomainError } from '../domain';
import type { AssessmentDeps } from './deps';
import { etagOf } from './views';

export interface Outcome {
  status: number;
  body: { version: number } & Record<string, unknown>;
  location?: string;
}

/** A refusal of the rules → problem+json; the domain's `code` names the rule for clients. */
export function toProblem(err: DomainError): Error {
  switch (err.kind) {
    case 'invalid':
      return new ValidationError(`rule ${err.code}: ${err.message}`, [
        { path: err.field ? `/body/${err.field}` : '/body', message: err.message, code: err.code },
      ]);
    case 'conflict':
      return new ConflictError(`rule ${err.code}: ${err.message}`, { code: err.code });
    case 'not_found':
      return new NotFoundError(err.message, { code: err.code });
    case 'forbidden':
      return new ForbiddenError(`rule ${err.code}: ${err.message}`, { code: err.code });
  }
}

/** Runs a pure decision, turning its refusal into the HTTP answer. */
export function decided<T>(decide: () => T): T {
  try {
    return decide();
  } catch (err) {
    if (err instanceof DomainError) throw toProblem(err);
    throw err;
  }
}

/** `"3"` or `W/"3"` → 3; anything else → NaN (never matches, so a garbled If-Match fails safe with 412). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return m ? Number(m[1]) : Number.NaN;
}

export function checkIfMatch(req: Request, version: number, what: string): number | undefined {
  const expected = versionFromIfMatch(req.get('If-Match'));
  if (expected !== undefined && expected !== version) {
    throw new PreconditionFailedError(`the ${what} is at version ${version}, not ${req.get('If-Match')}`, {
      currentVersion: version,
    });
  }
  return expected;
}

/** Appends with the loaded version as the expected one; a lost race is a 409 (or 412 under If-Match). */
export async function appendEvents(
  deps: AssessmentDeps,
  req: Request,
  streamId: string,
  version: number,
  events: ReadonlyArray<{ type: string; data: unknown }>,
  what: string,
): Promise<number> {
  if (events.length === 0) return version;
  const traceparent = currentTraceparent();
  try {
    const appended = await deps.store.append(streamId, version, events as never, {
      actor: actorOf(principalOf(req)),
      // the request id (pino-http) ties the events to the request's log lines
      correlationId: String(req.id ?? 'none'),
      causationId: null,
      occurredAt: deps.clock.now(),
      ...(traceparent ? { traceparent } : {}),
    });
    deps.onAppended?.();
    return appended.version;
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    if (req.get('If-Match') !== undefined)
      throw new PreconditionFailedError(`the ${what} changed meanwhile; reload and retry`);
    throw new ConflictError(`the ${what} changed meanwhile; reload and retry`, { code: 'concurrent_update' });
  }
}

/** Runs a command once per Idempotency-Key and writes the response (ETag, Location on creation). */
export async function respond(
  deps: AssessmentDeps,
  req: Request,
  response: Response,
  run: () => Promise<Outcome>,
): Promise<void> {
  const outcome = await withIdempotencyKey(deps.idempotency, req, response, run);
  response.setHeader('ETag', etagOf(outcome.body.version));
  if (outcome.location) response.setHeader('Location', outcome.location);
  response.status(outcome.status).json(outcome.body);
}
