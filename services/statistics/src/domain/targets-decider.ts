import { isDeepStrictEqual } from 'node:util';
import type { Decider } from '@peiyu/eventstore';
import { actorOf, assertTargetAuthority } from './authorize';
import { refuse } from './errors';
import type { CountyTargetSetEvent, TargetFigures } from './events';
import { rankingAreaOf, type ParseRegion } from './scope';

export interface SetCountyTargets {
  readonly type: 'SetCountyTargets';
  readonly countyCode: string;
  readonly year: number;
  readonly targets: TargetFigures;
  readonly reference: string | null;
  /** Required for a change (version 2 onwards): why the targets move. */
  readonly reason: string | null;
}

/** One stream per county and year (`countyTargetsStreamId`): every version kept, the latest in force. */
export interface TargetsState {
  readonly versions: readonly CountyTargetSetEvent['data'][];
}

export const initialTargetsState: TargetsState = { versions: [] };

function check(command: SetCountyTargets, today: string): void {
  if (Object.values(command.targets).every((v) => v === null)) {
    throw refuse('invalid', 'targets.empty', 'set at least one target', 'targets');
  }
  // The year's rankings are final once it ends; a target changed afterwards would rewrite them.
  if (today > `${command.year}-12-31`) {
    throw refuse('conflict', 'targets.year-closed', `the year ${command.year} has ended`, 'year');
  }
}

export function targetsDecider(ports: {
  parseRegion: ParseRegion;
}): Decider<TargetsState, SetCountyTargets, CountyTargetSetEvent> {
  return {
    initialState: initialTargetsState,
    evolve: (state, event) => ({ versions: [...state.versions, event.data] }),
    decide(command, state, ctx) {
      assertTargetAuthority(ctx, command.countyCode, ports.parseRegion);
      check(command, ctx.today);
      const current = state.versions.at(-1);
      if (
        current &&
        isDeepStrictEqual(current.targets, command.targets) &&
        current.reference === command.reference
      ) {
        return []; // the same targets again: a retry, not a change
      }
      if (current && command.reason === null) {
        throw refuse('invalid', 'targets.reason-required', 'say why the targets change', 'reason');
      }
      const cityCode = rankingAreaOf(command.countyCode, ports.parseRegion) as string;
      return [
        {
          type: 'CountyTargetSet',
          data: {
            countyCode: command.countyCode,
            cityCode,
            year: command.year,
            targetVersion: state.versions.length + 1,
            targets: command.targets,
            setBy: actorOf(ctx),
            setOn: ctx.today,
            reference: command.reference,
            reason: current ? command.reason : null,
          },
        },
      ];
    },
  };
}
