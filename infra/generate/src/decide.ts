import { normalize, type Decider, type DecisionContext, type DomainEvent } from '@peiyu/eventstore';
import { appendOn, type Actor, type Append } from './append';
import type { Rng } from './rng';

/**
 * One stream driven through its owner's decider: each step decides a command on the state folded so far, in
 * the context a running service would give it (the day, the actor), and records the events as one append —
 * so the generated history is what the service itself would have written for those commands. The command
 * rides along on the append (in memory only) so a test can decide it again against the stored history.
 */
export class DecidedStream<S, C, E extends DomainEvent> {
  readonly appends: Append[] = [];
  version: number;

  constructor(
    readonly streamId: string,
    private readonly decider: Decider<S, C, E>,
    public state: S = decider.initialState,
    /** Events the stream already has from an earlier unit (the first append continues it). */
    readonly after = 0,
  ) {
    this.version = after;
  }

  /** Decides `command` on `on` by `actor`; `extra` adds the lookups a decider's context carries. */
  step(ids: Rng, on: string, actor: Actor, command: C, extra: object = {}): readonly E[] {
    const a = appendOn(ids, this.streamId, on, actor, []);
    const ctx: DecisionContext = {
      now: a.at,
      today: on,
      actor,
      correlationId: a.meta.correlationId,
      ...extra,
    };
    const events = this.decider.decide(command, this.state, ctx);
    if (events.length === 0) return events;
    // The service folds its streams as stored (normalised: canonical key order), and later decisions read
    // that state (e.g. a policy's parameters in stored order), so the generator folds the same form.
    for (const e of events) this.state = this.decider.evolve(this.state, { ...e, data: normalize(e.data) });
    this.appends.push({
      ...a,
      events: [...events],
      ...(this.version === this.after && this.after > 0 ? { after: this.after } : {}),
      decision: { command, today: on },
    });
    this.version += events.length;
    return events;
  }
}
