import { isDeepStrictEqual } from 'node:util';
import type { Decider } from '@peiyu/eventstore';
import { actorOf, assertRankingAuthority } from './authorize';
import { refuse, type RefusalCode } from './errors';
import type { RankingMethod, RankingMethodSetEvent, TieRule } from './events';

export interface SetRankingMethod {
  readonly type: 'SetRankingMethod';
  readonly cityCode: string;
  readonly year: number;
  readonly method: RankingMethod;
  readonly tieRule: TieRule;
  readonly reason: string | null;
}

/** One stream per city and year (`rankingMethodStreamId`). */
export interface MethodState {
  readonly versions: readonly RankingMethodSetEvent['data'][];
}

export const initialMethodState: MethodState = { versions: [] };

function unique(values: readonly string[], code: RefusalCode, field: string): void {
  if (new Set(values).size !== values.length) {
    throw refuse('invalid', code, 'an indicator is listed twice', field);
  }
}

export function methodDecider(): Decider<MethodState, SetRankingMethod, RankingMethodSetEvent> {
  return {
    initialState: initialMethodState,
    evolve: (state, event) => ({ versions: [...state.versions, event.data] }),
    decide(command, state, ctx) {
      assertRankingAuthority(ctx, command.cityCode);
      unique(
        command.method.weights.map((w) => w.indicator),
        'method.duplicate-weight',
        'method',
      );
      unique(command.tieRule.indicators, 'method.duplicate-tie-indicator', 'tieRule');
      const current = state.versions.at(-1);
      if (
        current &&
        isDeepStrictEqual(current.method, command.method) &&
        isDeepStrictEqual(current.tieRule, command.tieRule)
      ) {
        return [];
      }
      if (current && command.reason === null) {
        throw refuse('invalid', 'method.reason-required', 'say why the method changes', 'reason');
      }
      return [
        {
          type: 'RankingMethodSet',
          data: {
            cityCode: command.cityCode,
            year: command.year,
            methodVersion: state.versions.length + 1,
            method: command.method,
            tieRule: command.tieRule,
            setBy: actorOf(ctx),
            setOn: ctx.today,
            reason: current ? command.reason : null,
          },
        },
      ];
    },
  };
}
