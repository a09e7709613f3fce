import { defineEvent, EventRegistry } from '@peiyu/contracts';
import { z } from 'zod';
import type { Decider } from '../decider/decider';
import type { Projection } from '../projection/projection';

/** A counter whose events carry the count they produce, so a decision made on stale state is visible. */
export type TallyEvent = { type: 'Ticked'; data: { by: number; n: number; writer: string } };
export type TallyCommand = { by: number; writer: string };

export const tallyDecider: Decider<{ count: number; total: number }, TallyCommand, TallyEvent> = {
  initialState: { count: 0, total: 0 },
  evolve: (s, e) => ({ count: s.count + 1, total: s.total + e.data.by }),
  decide: (c, s) => [{ type: 'Ticked', data: { by: c.by, n: s.count + 1, writer: c.writer } }],
};

export function tallyRegistry(): EventRegistry {
  return new EventRegistry().register(
    defineEvent({
      type: 'Ticked',
      version: 1,
      schema: z.object({ by: z.number().int(), n: z.number().int().min(1), writer: z.string() }),
    }),
  );
}

/** Read model: per stream, how many ticks, their sum and the writers seen (order-sensitive on purpose). */
export const tallyProjection: Projection<{ count: number; total: number; lastWriter: string }> = {
  name: 'tally',
  apply(doc, e) {
    const d = e.data as TallyEvent['data'];
    if (d.by < 0) throw new Error(`poison: negative tick ${d.by}`);
    return { count: (doc?.count ?? 0) + 1, total: (doc?.total ?? 0) + d.by, lastWriter: d.writer };
  },
};
