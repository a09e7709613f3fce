import type { Decider, DecisionContext } from '@peiyu/eventstore';
import { refuse } from './errors';
import type { DataOf, ExpertPoolEvent } from './events';
import type { PoolExpert, PoolSnapshot } from './panel';

/**
 * The expert pool of one province (stream `hnte-expert-pool-{province}`; 32号: the recognition body keeps an
 * expert pool). One stream, so a version of it is a snapshot the panel draw can name and an auditor can rebuild.
 * Experts are natural persons (PIPL): only name, organisation, expertise and declared relations are kept.
 */
type Profile = Omit<DataOf<ExpertPoolEvent, 'ExpertEnlisted'>, 'provinceCode' | 'enlistedOn'>;
export interface Expert extends Profile {
  status: 'active' | 'retired';
}

export interface ExpertPoolState {
  provinceCode: string | null;
  experts: Readonly<Record<string, Expert>>;
  /** Events folded so far: the stream version a snapshot is taken at. */
  version: number;
}

export const initialExpertPoolState: ExpertPoolState = { provinceCode: null, experts: {}, version: 0 };

export type ExpertProfileInput = Omit<Profile, 'expertId'>;
export type ExpertPoolCommand =
  | ({ type: 'EnlistExpert'; provinceCode: string; expertId: string } & ExpertProfileInput)
  | ({ type: 'UpdateExpert'; provinceCode: string; expertId: string } & ExpertProfileInput)
  | { type: 'RetireExpert'; provinceCode: string; expertId: string; reason?: string | null };

function checkStream(state: ExpertPoolState, provinceCode: string): void {
  if (state.provinceCode !== null && state.provinceCode !== provinceCode) {
    throw refuse('invalid', 'wrong_stream', `this is the pool of ${state.provinceCode}, not ${provinceCode}`);
  }
}

function activeExpert(state: ExpertPoolState, expertId: string): Expert {
  const e = state.experts[expertId];
  if (!e) throw refuse('not_found', 'no_expert', `no expert ${expertId} in the pool`, 'expertId');
  if (e.status === 'retired') {
    throw refuse('conflict', 'expert_retired', `expert ${expertId} has retired from the pool`);
  }
  return e;
}

function profileOf(c: ExpertProfileInput & { expertId: string }): Profile {
  const relations = [...new Map(c.relations.map((r) => [r.uscc, r])).values()];
  return {
    expertId: c.expertId,
    name: c.name,
    organisation: c.organisation,
    expertise: c.expertise,
    relations,
  };
}

function decide(command: ExpertPoolCommand, state: ExpertPoolState, ctx: DecisionContext): ExpertPoolEvent[] {
  checkStream(state, command.provinceCode);
  const { provinceCode } = command;
  switch (command.type) {
    case 'EnlistExpert':
      if (state.experts[command.expertId]) {
        throw refuse(
          'conflict',
          'expert_exists',
          `expert ${command.expertId} is already in the pool`,
          'expertId',
        );
      }
      return [
        { type: 'ExpertEnlisted', data: { provinceCode, ...profileOf(command), enlistedOn: ctx.today } },
      ];
    case 'UpdateExpert':
      activeExpert(state, command.expertId);
      return [{ type: 'ExpertUpdated', data: { provinceCode, ...profileOf(command), updatedOn: ctx.today } }];
    case 'RetireExpert':
      activeExpert(state, command.expertId);
      return [
        {
          type: 'ExpertRetired',
          data: {
            provinceCode,
            expertId: command.expertId,
            retiredOn: ctx.today,
            reason: command.reason ?? null,
          },
        },
      ];
  }
}

function put(state: ExpertPoolState, provinceCode: string, version: number, p: Profile): ExpertPoolState {
  return { provinceCode, version, experts: { ...state.experts, [p.expertId]: { ...p, status: 'active' } } };
}

export function evolveExpertPool(state: ExpertPoolState, e: ExpertPoolEvent): ExpertPoolState {
  const version = state.version + 1;
  switch (e.type) {
    case 'ExpertEnlisted': {
      const { provinceCode, enlistedOn: _on, ...profile } = e.data;
      return put(state, provinceCode, version, profile);
    }
    case 'ExpertUpdated': {
      const { provinceCode, updatedOn: _on, ...profile } = e.data;
      return put(state, provinceCode, version, profile);
    }
    case 'ExpertRetired': {
      const old = state.experts[e.data.expertId];
      if (!old) return { ...state, version };
      return {
        ...state,
        version,
        experts: { ...state.experts, [old.expertId]: { ...old, status: 'retired' } },
      };
    }
  }
}

export const expertPoolDecider: Decider<ExpertPoolState, ExpertPoolCommand, ExpertPoolEvent> = {
  initialState: initialExpertPoolState,
  evolve: evolveExpertPool,
  decide,
};

/** The active experts as the panel draw reads them, named by the pool stream and its version. */
export function poolSnapshot(state: ExpertPoolState, streamId: string): PoolSnapshot {
  const experts: PoolExpert[] = Object.values(state.experts)
    .filter((e) => e.status === 'active')
    .map((e) => ({
      expertId: e.expertId,
      organisationUscc: e.organisation.uscc,
      expertise: e.expertise,
      relations: e.relations.map((r) => ({ uscc: r.uscc })),
    }));
  return { snapshotId: `${streamId}@${state.version}`, experts };
}
