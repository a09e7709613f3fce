import { fold, type DecisionContext, type Decider } from '../decider/decider';
import { ConcurrencyError } from '../store/errors';
import type { EventStore } from '../store/event-store';
import type { DomainEvent, RecordedEvent } from '../types';

export interface HandleOptions {
  /**
   * Extra attempts after a version conflict. Only for commands whose decision is safe to retake on newer
   * state (the command definition says so); the default 0 surfaces the conflict (HTTP 409).
   */
  retries?: number;
}

export interface HandleResult<State> {
  events: RecordedEvent[];
  /** Stream version after the command (unchanged when the decision emitted nothing). */
  version: number;
  state: State;
}

/** load → decide → append with the expected version; on conflict reload and decide again, a bounded number of times. */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  ctx: DecisionContext,
  options: HandleOptions = {},
): Promise<HandleResult<State>> {
  const retries = options.retries ?? 0;
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStreamVerified(streamId);
    const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
    const state = fold(decider, history as unknown as Event[]);
    const decided = decider.decide(command, state, ctx);
    if (decided.length === 0) return { events: [], version, state };
    try {
      const appended = await store.append(streamId, version, decided, {
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId ?? null,
        occurredAt: ctx.now,
        ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
      });
      return { events: appended.events, version: appended.version, state: fold(decider, decided, state) };
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= retries) throw err;
    }
  }
}
