import { defineEvent, EventRegistry } from '@peiyu/contracts';
import { z } from 'zod';
import type { DomainEvent } from '../types';

export interface TickData {
  by: number;
  n: number;
  note: string;
}

/** The bench's one event type, with a realistic little payload and a schema that is actually checked. */
export function benchRegistry(): EventRegistry {
  return new EventRegistry().register(
    defineEvent({
      type: 'Ticked',
      version: 1,
      schema: z.object({ by: z.number().int(), n: z.number().int().min(1), note: z.string().max(200) }),
    }),
  );
}

export function tickEvents(afterVersion: number, count: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'Ticked',
    data: {
      by: (afterVersion + i) % 7,
      n: afterVersion + i + 1,
      note: `科技型中小企业 tick ${afterVersion + i + 1}`,
    },
  }));
}
