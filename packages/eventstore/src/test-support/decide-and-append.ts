import { fold, type DecisionContext, type Decider } from '../decider/decider';
import { loadStream } from '../command/load';
import { ConcurrencyError } from '../store/errors';
import type { EventStore } from '../store/event-store';
import type { DomainEvent } from '../types';

/**
 * For the store suites only: load → decide → append, retried on a lost race, to drive concurrent writers.
 * Services use the command pipeline (command/pipeline.ts), which never retries a decision it authorised.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  ctx: DecisionContext,
  options: { retries?: number } = {},
): Promise<{ version: number; state: State }> {
  for (let attempt = 0; ; attempt++) {
    const { state, version } = await loadStream(store, decider, streamId);
    const decided = decider.decide(command, state, ctx);
    if (decided.length === 0) return { version, state };
    try {
      const appended = await store.append(streamId, version, decided, {
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId ?? null,
        occurredAt: ctx.now,
        ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
      });
      return { version: appended.version, state: fold(decider, decided, state) };
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= (options.retries ?? 0)) throw err;
    }
  }
}
