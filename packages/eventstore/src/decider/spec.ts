import { deepStrictEqual, AssertionError } from 'node:assert';
import type { DomainEvent } from '../types';
import { fold, type DecisionContext, type Decider } from './decider';

type Outcome<Event> = { events: readonly Event[] } | { error: unknown };

/**
 * Given/when/then for deciders, framework-agnostic (throws node:assert errors, which jest prints as diffs):
 *   deciderSpec(d).given([e1, e2]).when(cmd, ctx).then([e3])
 *   deciderSpec(d).given([]).when(cmd, ctx).thenThrows(SomeDomainError)
 */
export function deciderSpec<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
) {
  return {
    given(history: readonly Event[]) {
      const state = fold(decider, history);
      return {
        /** The state after `given`, for assertions on evolve. */
        state,
        when(command: Command, ctx: DecisionContext) {
          const outcome = run(() => decider.decide(command, state, ctx));
          return {
            then(expected: readonly Event[]): void {
              if ('error' in outcome)
                throw new AssertionError({ message: `decide threw: ${describe(outcome.error)}` });
              deepStrictEqual(outcome.events, expected);
            },
            thenThrows(matcher: (new (...args: never[]) => unknown) | ((err: unknown) => boolean)): void {
              if (!('error' in outcome)) {
                throw new AssertionError({
                  message: `expected a rejection, got events ${JSON.stringify(outcome.events)}`,
                });
              }
              const ok = isClass(matcher) ? outcome.error instanceof matcher : matcher(outcome.error);
              if (!ok)
                throw new AssertionError({ message: `unexpected rejection: ${describe(outcome.error)}` });
            },
            /** The state after applying the decided events, for end-to-end checks of decide + evolve. */
            thenState(expected: State): void {
              if ('error' in outcome)
                throw new AssertionError({ message: `decide threw: ${describe(outcome.error)}` });
              deepStrictEqual(fold(decider, outcome.events, state), expected);
            },
          };
        },
      };
    },
  };
}

function run<Event>(f: () => readonly Event[]): Outcome<Event> {
  try {
    return { events: f() };
  } catch (error) {
    return { error };
  }
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
