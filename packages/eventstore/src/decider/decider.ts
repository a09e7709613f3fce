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
 * An aggregate as three pure functions. `decide` returns the events a command causes (none = no-op) or throws
 * a domain error to reject it; `evolve` folds one event into the state.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, ctx: DecisionContext): readonly Event[];
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State {
  let state = from;
  for (const e of events) state = decider.evolve(state, e);
  return state;
}
