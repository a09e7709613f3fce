import type { Decider, DecisionContext, DomainEvent } from '@peiyu/eventstore';
import { decide, type DecideContext, type RegistryCommand } from './decide';
import { evolve, initialState, type EnterpriseState, type RegistryEvent } from './state';

export type RegistryDecider = Decider<EnterpriseState, RegistryCommand, RegistryEvent & DomainEvent>;

/** The enterprise aggregate in the event-store kit's shape; lookups are injected so it stays pure. */
export function registryDecider(lookups: Omit<DecideContext, 'today'>): RegistryDecider {
  return {
    initialState,
    evolve,
    decide: (command: RegistryCommand, state: EnterpriseState, ctx: DecisionContext) =>
      decide(state, command, { ...lookups, today: ctx.today }),
  };
}
