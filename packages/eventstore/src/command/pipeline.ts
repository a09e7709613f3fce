import {
  actorOf,
  ConflictError,
  currentTraceparent,
  PreconditionFailedError,
  principalOf,
  ValidationError,
  type Principal,
} from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import type { Clock } from '../clock';
import { fold, type DecisionContext, type Decider } from '../decider/decider';
import type { IdempotencyScope, IdempotencyStore, StoredResponse } from '../idempotency/idempotency-store';
import { isConcurrencyError } from '../store/errors';
import type { EventStore } from '../store/event-store';
import type { DomainEvent, RecordedEvent } from '../types';
import { loadStream, type Loaded } from './load';
import type { KeyedSerialiser } from './serialiser';

/** What the pipeline needs of a service: its store, idempotency records and clock. */
export interface CommandDeps {
  store: EventStore;
  idempotency: IdempotencyStore;
  clock: Clock;
  /** Runs commands with the same `serialiseBy` key one after another (one per process). */
  serialiser?: KeyedSerialiser;
  /** After a successful append, before the response: the outbox relay's nudge, inline projections. */
  afterAppend?: () => Promise<void> | void;
}

/** The lookups a decider's ctx adds to the DecisionContext the pipeline builds. */
export type LookupsOf<Ctx> = Omit<Ctx, keyof DecisionContext>;

/** One command, declared by its route: the pipeline does the rest, in its one order (see runCommand). */
export interface CommandPlan<State, Command, Event extends DomainEvent, Ctx, Body> {
  /** The record in words, for refusals: "enterprise record", "evaluation", "batch". */
  what: string;
  streamId: string;
  decider: Decider<State, Command, Event, Ctx>;
  /**
   * Reads the decision needs besides the stream (views of other streams, policy functions), and the state it
   * decides on when that is more than the stream's own (e.g. an evaluation with its batch outcome). `events`
   * are the stream's events as loaded and verified: a lookup in them needs no second read of the stream.
   */
  prepare?: (
    loaded: Loaded<State> & { events: readonly RecordedEvent[] },
  ) => Promise<{ state?: State; lookups: LookupsOf<Ctx> }>;
  /** Throws unless the principal may run this command on this state: authorised against what was loaded. */
  authorise(principal: Principal, state: State): void;
  command(state: State): Command;
  /** An asynchronous step around decide (e.g. reserving numbers the decider asks for). Default: decide. */
  decide?: (command: Command, state: State, ctx: Ctx) => Promise<readonly Event[]>;
  /** The answer: status (default 201 when the stream was created, else 200), body, Location. */
  respond(after: { state: State; version: number; created: boolean }): {
    status?: number;
    body: Body;
    location?: string;
  };
  /** Run under this in-process serialisation key (e.g. a province code). */
  serialiseBy?: () => Promise<string | undefined> | string | undefined;
  /** A lost race to create the stream (expected version 0) as the caller should hear it. */
  onCreateConflict?: () => Error;
  /**
   * The command usually creates its stream (a registration): without an Idempotency-Key or If-Match it is
   * first decided on the initial state without reading the stream, and the append's guards tell whether the
   * stream was there after all — then it runs again the one usual way, loaded, so the answer (a 403 or the
   * decider's refusal) is exactly what a loaded first try gives. Only for plans whose steps before the append
   * have no effects (`prepare` and `decide` read, never reserve).
   */
  createsStream?: boolean;
}

/** The optimistic first try of a `createsStream` command met an existing stream: run it again, loaded. */
class StreamExisted extends Error {}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The strong ETag of a stream version. */
export const etagOf = (version: number): string => `"${version}"`;

/** `"3"` or `W/"3"` → 3; anything else → NaN (never matches, so a garbled If-Match fails safe with 412). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return m ? Number(m[1]) : Number.NaN;
}

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('Idempotency-Key');
  if (key === undefined || IDEMPOTENCY_KEY.test(key)) return key;
  throw new ValidationError(
    {
      en: 'Idempotency-Key must be 1–200 visible ASCII characters',
      zh: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符',
    },
    [{ path: '/headers/idempotency-key', message: 'invalid', code: 'invalid_string' }],
  );
}

function decisionContextOf(req: Request, principal: Principal, clock: Clock): DecisionContext {
  const traceparent = currentTraceparent();
  return {
    now: clock.now(),
    today: clock.today(),
    actor: actorOf(principal),
    // the request id (pino-http) ties the events to the request's log lines
    correlationId: String(req.id ?? 'none'),
    causationId: null,
    ...(traceparent ? { traceparent } : {}),
  };
}

/**
 * THE command pipeline: load the stream (one function: loadStream) → prepare lookups → authorise against the
 * loaded state → Idempotency-Key (a replay is served only after authorisation, keyed by the whole principal)
 * → If-Match → decide(command, state, ctx) → append with the loaded version → respond with status, ETag and
 * Location. Refusals are thrown (DomainError and the kit's problem errors) and mapped by the one problem
 * mapping; a lost race is 409 `concurrent_update`, or 412 when the client sent If-Match.
 */
export async function runCommand<State, Command, Event extends DomainEvent, Ctx, Body>(
  deps: CommandDeps,
  req: Request,
  res: Response,
  plan: CommandPlan<State, Command, Event, Ctx, Body>,
): Promise<void> {
  const principal = principalOf(req);
  const key = idempotencyKeyOf(req);
  const run = () => execute(deps, req, principal, key, plan);
  const serialKey = await plan.serialiseBy?.();
  const { response, replayed } =
    serialKey !== undefined && deps.serialiser ? await deps.serialiser.run(serialKey, run) : await run();
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.status(response.status).json(response.body);
}

async function execute<State, Command, Event extends DomainEvent, Ctx, Body>(
  deps: CommandDeps,
  req: Request,
  principal: Principal,
  key: string | undefined,
  plan: CommandPlan<State, Command, Event, Ctx, Body>,
): Promise<{ response: StoredResponse; replayed: boolean }> {
  // issue 19 §2: the head read of a registration, which finds nothing, was a round trip of every one
  if (plan.createsStream && key === undefined && req.get('If-Match') === undefined) {
    const assumed = { state: plan.decider.initialState, version: 0, events: [], assumedNew: true };
    try {
      return await executeLoaded(deps, req, principal, key, plan, assumed);
    } catch (err) {
      if (!(err instanceof StreamExisted)) throw err;
    }
  }
  const loaded = await loadStream(deps.store, plan.decider, plan.streamId, 'decide');
  return executeLoaded(deps, req, principal, key, plan, loaded);
}

async function executeLoaded<State, Command, Event extends DomainEvent, Ctx, Body>(
  deps: CommandDeps,
  req: Request,
  principal: Principal,
  key: string | undefined,
  plan: CommandPlan<State, Command, Event, Ctx, Body>,
  loaded: Loaded<State> & { events: RecordedEvent[]; assumedNew?: boolean },
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const prepared = plan.prepare ? await plan.prepare(loaded) : undefined;
  const state = prepared?.state ?? loaded.state;
  plan.authorise(principal, state);
  const scope: IdempotencyScope | undefined = key
    ? { principal, route: `${req.method} ${req.baseUrl}${routePath(req)}`, key }
    : undefined;
  if (scope) {
    const begun = await deps.idempotency.begin(scope, { params: req.params, body: req.body as unknown });
    if (begun.kind === 'replay') return { response: begun.response, replayed: true };
    if (begun.kind === 'new') {
      // A first attempt that crashed after its append (kill -9 before the record was completed) left its
      // events, marked with the key: answer what it did, as its record would have, instead of running again.
      const committed = answerOfCommitted(plan, loaded, idempotencyMarker(deps.idempotency, scope));
      if (committed) {
        await deps.idempotency.complete(scope, committed);
        return { response: committed, replayed: true };
      }
    }
    if (begun.kind === 'in-progress') {
      throw new ConflictError(
        {
          en: 'a request with this Idempotency-Key is still being processed',
          zh: '使用此 Idempotency-Key 的请求仍在处理中',
        },
        { code: 'idempotency_in_progress' },
      );
    }
    if (begun.kind === 'mismatch') {
      throw new ConflictError(
        {
          en: 'this Idempotency-Key was used with a different request',
          zh: '此 Idempotency-Key 已用于另一个请求',
        },
        { code: 'idempotency_key_reused' },
      );
    }
  }
  try {
    const ctx = { ...decisionContextOf(req, principal, deps.clock), ...prepared?.lookups } as Ctx;
    const marker = scope ? idempotencyMarker(deps.idempotency, scope) : undefined;
    const response = await decideAndAppend(deps, req, plan, loaded, state, ctx, marker);
    if (scope) await deps.idempotency.complete(scope, response);
    return { response, replayed: false };
  } catch (err) {
    if (scope) await deps.idempotency.abandon(scope);
    throw err;
  }
}

/**
 * The causation id of the events a keyed command appends: `idempotency:<scope hash>` (the command is their cause;
 * the hash names principal, route and key without revealing them). It is how a retry finds a committed effect.
 */
function idempotencyMarker(store: IdempotencyStore, scope: IdempotencyScope): string {
  return `idempotency:${store.scopeId(scope)}`;
}

/** The answer of an earlier attempt whose events are in the stream (same status, body and headers), if any. */
function answerOfCommitted<State, Command, Event extends DomainEvent, Ctx, Body>(
  plan: CommandPlan<State, Command, Event, Ctx, Body>,
  loaded: Loaded<State> & { events: RecordedEvent[] },
  marker: string,
): StoredResponse | undefined {
  const mine = loaded.events.filter((e) => e.causationId === marker);
  if (mine.length === 0) return undefined;
  const version = mine[mine.length - 1]!.streamVersion;
  const upTo = loaded.events.filter((e) => e.streamVersion <= version) as unknown as Event[];
  const created = mine[0]!.streamVersion === 1;
  const out = plan.respond({ state: fold(plan.decider, upTo), version, created });
  const headers: Record<string, string> = { ETag: etagOf(version) };
  if (out.location) headers['Location'] = out.location;
  return { status: out.status ?? (created ? 201 : 200), body: out.body, headers };
}

function routePath(req: Request): string {
  return (req.route as { path?: string } | undefined)?.path ?? req.path;
}

async function decideAndAppend<State, Command, Event extends DomainEvent, Ctx, Body>(
  deps: CommandDeps,
  req: Request,
  plan: CommandPlan<State, Command, Event, Ctx, Body>,
  loaded: Loaded<State> & { assumedNew?: boolean },
  state: State,
  ctx: Ctx,
  marker: string | undefined,
): Promise<StoredResponse> {
  const expected = versionFromIfMatch(req.get('If-Match'));
  if (expected !== undefined && expected !== loaded.version) {
    throw new PreconditionFailedError(
      {
        en: `the ${plan.what} is at version ${loaded.version}, not ${req.get('If-Match')}`,
        zh: `记录已更新到第 ${loaded.version} 版，请重新读取后再试`,
      },
      { currentVersion: loaded.version },
    );
  }
  const command = plan.command(state);
  const events = plan.decide
    ? await plan.decide(command, state, ctx)
    : plan.decider.decide(command, state, ctx);
  let version = loaded.version;
  if (events.length > 0) {
    version = await append(deps, plan, loaded, events, ctx as DecisionContext, expected, marker);
    await deps.afterAppend?.();
  }
  const created = loaded.version === 0 && events.length > 0;
  const out = plan.respond({ state: fold(plan.decider, events, state), version, created });
  const headers: Record<string, string> = { ETag: etagOf(version) };
  if (out.location) headers['Location'] = out.location;
  return { status: out.status ?? (created ? 201 : 200), body: out.body, headers };
}

async function append<State, Command, Event extends DomainEvent, Ctx, Body>(
  deps: CommandDeps,
  plan: CommandPlan<State, Command, Event, Ctx, Body>,
  loaded: Loaded<State> & { assumedNew?: boolean },
  events: readonly Event[],
  ctx: DecisionContext,
  ifMatch: number | undefined,
  marker: string | undefined,
): Promise<number> {
  const expectedVersion = loaded.version;
  try {
    const appended = await deps.store.append(plan.streamId, expectedVersion, events, {
      actor: ctx.actor,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? marker ?? null,
      occurredAt: ctx.now,
      ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
    });
    return appended.version;
  } catch (err) {
    if (!isConcurrencyError(err)) throw err;
    if (loaded.assumedNew) throw new StreamExisted();
    if (expectedVersion === 0 && plan.onCreateConflict) throw plan.onCreateConflict();
    const text = {
      en: `the ${plan.what} changed meanwhile; reload and retry`,
      zh: '记录已被他人修改，请重新读取后再试',
    };
    if (ifMatch !== undefined) throw new PreconditionFailedError(text);
    throw new ConflictError(text, { code: 'concurrent_update' });
  }
}
