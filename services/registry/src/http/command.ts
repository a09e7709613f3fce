import { enterpriseStreamId } from '@peiyu/contracts';
import { ConcurrencyError, fold } from '@peiyu/eventstore';
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
import type { RegistryCommand } from '../domain/decide';
import { DomainError } from '../domain/errors';
import { authorize, notFound, type RegistryAction } from './access';
import type { RegistryDeps } from './deps';
import { enterpriseView, etagOf, loadEnterprise, versionFromIfMatch } from './view';

interface Outcome {
  status: number;
  body: ReturnType<typeof enterpriseView>;
}

function toProblem(err: DomainError): Error {
  switch (err.kind) {
    case 'invalid':
      return new ValidationError(err.message, [
        { path: err.field ? `/body/${err.field}` : '/body', message: err.message, code: err.code },
      ]);
    case 'conflict':
      return new ConflictError(err.message, { code: err.code });
    case 'not_found':
      return new NotFoundError(err.message);
  }
}

/**
 * One command against one enterprise: load, authorise against the loaded state, check If-Match, decide,
 * append with the loaded version as the expected one. Authorising and deciding on the same state is why the
 * shell does this itself rather than through a load-and-retry helper: a retry could decide on a state the
 * caller was never authorised against.
 */
async function execute(
  deps: RegistryDeps,
  req: Request,
  uscc: string,
  action: RegistryAction,
  command: RegistryCommand,
): Promise<Outcome> {
  const principal = principalOf(req);
  const { state, version } = await loadEnterprise(deps, uscc);
  const access = { provinciallyAdministered: deps.regions.provinciallyAdministered, logger: deps.logger };
  if (command.type === 'RegisterEnterprise') {
    // An enterprise registers only itself: another USCC is refused outright, not hidden.
    if (principal.role === 'enterprise' && principal.uscc !== uscc) {
      throw new ForbiddenError('an enterprise may register only its own USCC (the token uscc must match)');
    }
    // An unknown or non-county division is bad input (400 from decide), not a question of scope.
    if (deps.regions.info(command.divisionCode)?.level === 'county') {
      authorize(principal, action, { uscc, regionCode: command.divisionCode }, access);
    }
  } else {
    if (!state) throw notFound(uscc);
    authorize(principal, action, { uscc, regionCode: state.divisionCode }, access);
  }
  const expected = versionFromIfMatch(req.get('If-Match'));
  if (expected !== undefined && expected !== version) {
    throw new PreconditionFailedError(
      `the enterprise record is at version ${version}, not ${req.get('If-Match')}`,
      { currentVersion: version },
    );
  }
  const now = deps.clock.now();
  const ctx = {
    now,
    today: deps.clock.today(),
    actor: actorOf(principal),
    // the request id (pino-http) ties the events to the request's log lines
    correlationId: String(req.id ?? 'none'),
    causationId: null,
    ...(currentTraceparent() ? { traceparent: currentTraceparent()! } : {}),
  };
  let events;
  try {
    events = deps.decider.decide(command, state, ctx);
  } catch (err) {
    if (err instanceof DomainError) throw toProblem(err);
    throw err;
  }
  if (events.length === 0) return { status: 200, body: enterpriseView(state!, version) };
  try {
    const appended = await deps.store.append(enterpriseStreamId(uscc), version, events, {
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      causationId: null,
      occurredAt: now,
      ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
    });
    deps.onAppended?.();
    const next = fold(deps.decider, events, state)!;
    return {
      status: command.type === 'RegisterEnterprise' ? 201 : 200,
      body: enterpriseView(next, appended.version),
    };
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    if (command.type === 'RegisterEnterprise') {
      throw new ConflictError(`an enterprise with USCC ${uscc} is already registered`, {
        code: 'already_registered',
      });
    }
    if (expected !== undefined)
      throw new PreconditionFailedError('the enterprise record changed meanwhile; reload and retry');
    throw new ConflictError('the enterprise record changed meanwhile; reload and retry', {
      code: 'concurrent_update',
    });
  }
}

/** Runs a command, once per Idempotency-Key, and writes the response (ETag, Location on creation). */
export async function runCommand(
  deps: RegistryDeps,
  req: Request,
  response: Response,
  uscc: string,
  action: RegistryAction,
  command: RegistryCommand,
): Promise<void> {
  const outcome = await withIdempotencyKey(deps.idempotency, req, response, () =>
    execute(deps, req, uscc, action, command),
  );
  response.setHeader('ETag', etagOf(outcome.body.version));
  if (outcome.status === 201) response.setHeader('Location', `/v1/enterprises/${uscc}`);
  response.status(outcome.status).json(outcome.body);
}
