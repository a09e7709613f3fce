import type { DecisionContext } from '@peiyu/eventstore';

/** A decision context on a given day (Asia/Shanghai noon), with an actor of the given role. */
export function ctxOn(today: string, role = 'province_reviewer', region = '430000'): DecisionContext {
  return {
    now: new Date(`${today}T04:00:00Z`),
    today,
    actor: { role, id: `${role}-1`, region },
    correlationId: 'c-1',
  };
}
