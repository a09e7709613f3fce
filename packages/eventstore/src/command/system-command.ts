import type { Actor, DomainEvent } from '../types';
import type { Decider, DecisionContext } from '../decider/decider';
import { ConcurrencyError } from '../store/errors';
import type { EventStore } from '../store/event-store';
import type { Clock } from '../clock';
import { loadStream } from './load';

/**
 * A command the system itself runs (no request: e.g. recounting deadlines after a calendar publication):
 * load → decide(command, state, ctx) → append with the loaded version; a lost race reloads and decides again
 * (the decision depends on the new state). The same order as runCommand, without HTTP.
 */
export async function runSystemCommand<State, Command, Event extends DomainEvent, Ctx>(
  deps: { store: EventStore; clock: Clock; afterAppend?: () => Promise<void> | void },
  o: {
    streamId: string;
    decider: Decider<State, Command, Event, Ctx>;
    command: Command;
    lookups: Omit<Ctx, keyof DecisionContext>;
    actor: Actor;
    correlationId: string;
    causationId?: string | null;
    attempts?: number;
  },
): Promise<{ events: readonly Event[]; version: number }> {
  const attempts = o.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadStream(deps.store, o.decider, o.streamId, 'decide');
    const base: DecisionContext = {
      now: deps.clock.now(),
      today: deps.clock.today(),
      actor: o.actor,
      correlationId: o.correlationId,
      causationId: o.causationId ?? null,
    };
    const ctx = { ...base, ...o.lookups } as Ctx;
    const events = o.decider.decide(o.command, loaded.state, ctx);
    if (events.length === 0) return { events, version: loaded.version };
    try {
      const r = await deps.store.append(o.streamId, loaded.version, events, {
        actor: o.actor,
        correlationId: o.correlationId,
        causationId: o.causationId ?? null,
        occurredAt: base.now,
      });
      await deps.afterAppend?.();
      return { events, version: r.version };
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= attempts) throw err;
    }
  }
}
