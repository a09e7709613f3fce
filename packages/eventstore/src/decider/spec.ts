import { deepStrictEqual, AssertionError } from 'node:assert';
import { DomainError } from '@peiyu/contracts';
import type { DomainEvent } from '../types';
import { fold, type Decider } from './decider';

export interface DeciderSpecOptions<Ctx> {
  /** The context `when` uses unless it is given one. */
  ctx?: Ctx;
  /** Runs on every decided event list (e.g. decode each event through the contracts' registry). */
  check?: (events: readonly DomainEvent[]) => void;
}

/**
 * The result of one `when`. Its own fields are the outcome — `{ events }`, or `{ error: 'kind:code' }` for a
 * DomainError — so `expect(outcome).toEqual({ error: 'conflict:wrong_status' })` reads as the rule; the
 * assertions are methods.
 */
export class DecisionOutcome<State, Event> {
  readonly events?: readonly Event[];
  readonly error?: string;
  readonly #thrown: unknown;
  readonly #after: () => State;

  constructor(run: () => readonly Event[], after: (events: readonly Event[]) => State) {
    let thrown: unknown;
    try {
      this.events = run();
    } catch (err) {
      thrown = err;
      this.error = err instanceof DomainError ? `${err.kind}:${err.code}` : `thrown:${describe(err)}`;
    }
    this.#thrown = thrown;
    this.#after = () => after(this.events ?? []);
  }

  /** decide emitted exactly these events. */
  then(expected: readonly Event[]): void {
    if (this.events === undefined)
      throw new AssertionError({ message: `decide threw: ${describe(this.#thrown)}` });
    deepStrictEqual(this.events, expected);
  }

  /** decide refused with this code (and, when given, kind and field). */
  thenRejects(expected: string | { code: string; kind?: DomainError['kind']; field?: string }): void {
    const want = typeof expected === 'string' ? { code: expected } : expected;
    const err = this.#thrown;
    if (!(err instanceof DomainError)) {
      throw new AssertionError({
        message: `expected a rejection ${want.code}, got events ${JSON.stringify(this.events)}`,
      });
    }
    const got = { code: err.code, kind: err.kind, field: err.field };
    const picked = {
      code: got.code,
      ...('kind' in want ? { kind: got.kind } : {}),
      ...('field' in want ? { field: got.field } : {}),
    };
    deepStrictEqual(picked, want);
  }

  /** decide threw an error of this class, or one the predicate accepts. */
  thenThrows(matcher: (new (...args: never[]) => unknown) | ((err: unknown) => boolean)): void {
    if (this.#thrown === undefined) {
      throw new AssertionError({
        message: `expected a rejection, got events ${JSON.stringify(this.events)}`,
      });
    }
    const ok = isClass(matcher) ? this.#thrown instanceof matcher : matcher(this.#thrown);
    if (!ok) throw new AssertionError({ message: `unexpected rejection: ${describe(this.#thrown)}` });
  }

  /** The state after applying the decided events, for end-to-end checks of decide + evolve. */
  thenState(expected: State): void {
    if (this.events === undefined)
      throw new AssertionError({ message: `decide threw: ${describe(this.#thrown)}` });
    deepStrictEqual(this.#after(), expected);
  }
}

/**
 * Given/when/then for deciders, framework-agnostic (throws node:assert errors, which jest prints as diffs):
 *   const spec = deciderSpec(decider, { ctx });
 *   spec.given([e1, e2]).when(cmd).then([e3]);
 *   spec.given([]).when(cmd).thenRejects('already_registered');
 * Another error than a DomainError shows as `{ error: 'thrown:<name>: <message>' }`, so it fails any
 * expectation of events or of a rule's code.
 */
export function deciderSpec<State, Command, Event extends DomainEvent, Ctx>(
  decider: Decider<State, Command, Event, Ctx>,
  options: DeciderSpecOptions<Ctx> = {},
) {
  return {
    given(history: readonly Event[]) {
      const state = fold(decider, history);
      return {
        /** The state after `given`, for assertions on evolve. */
        state,
        when(command: Command, ctx: Ctx | undefined = options.ctx): DecisionOutcome<State, Event> {
          if (ctx === undefined) throw new Error('deciderSpec: pass a ctx to when() or to deciderSpec()');
          return new DecisionOutcome<State, Event>(
            () => {
              const events = decider.decide(command, state, ctx);
              options.check?.(events);
              return events;
            },
            (events) => fold(decider, events, state),
          );
        },
      };
    },
  };
}

// An error class (Error itself or a subclass) is matched with instanceof; any other function is a predicate.
function isClass(m: unknown): m is new (...args: never[]) => unknown {
  if (typeof m !== 'function') return false;
  const proto = (m as { prototype?: unknown }).prototype;
  return m === Error || proto instanceof Error;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
