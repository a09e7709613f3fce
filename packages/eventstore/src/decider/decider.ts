import type { Actor, DomainEvent } from '../types';

/** What a decision may know besides the state: the clock's reading and who asks. Never the wall clock. */
export interface DecisionContext {
  readonly now: Date;
  /** `YYYY-MM-DD` from the clock port, for rules stated in calendar days. */
  readonly today: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string | null;
  /** W3C traceparent of the request; copied into event metadata. */
  readonly traceparent?: string;
}

/**
 * An aggregate as three pure functions. `decide(command, state, ctx)` returns the events a command causes
 * (none = no-op) or throws a `DomainError` (@peiyu/contracts) to refuse it; `evolve` folds one event into the
 * state. `Ctx` is the DecisionContext plus the lookups the aggregate needs (other streams' views, policy
 * functions), loaded by the command pipeline so that decide stays pure.
 */
export interface Decider<State, Command, Event extends DomainEvent, Ctx = DecisionContext> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, ctx: Ctx): readonly Event[];
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event, never>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State {
  let state = from;
  for (const e of events) state = decider.evolve(state, e);
  return state;
}
