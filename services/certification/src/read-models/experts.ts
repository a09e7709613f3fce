import { HNTE_EXPERT_POOL_STREAM } from '@peiyu/contracts';
import type { RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import type { ExpertPoolEvent } from '../domain';

/** One document per expert of a province's pool (key: `{province}:{expertId}`), for the paged pool list. */
export interface ExpertDoc {
  provinceCode: string;
  expertId: string;
  name: string;
  organisation: { name: string; uscc: string | null };
  expertise: { kind: 'technical'; fields: string[] } | { kind: 'financial' };
  relations: number;
  status: 'active' | 'retired';
}

export const EXPERTS = 'hnte_experts';

function keysOf(e: RecordedEvent): readonly string[] {
  const pool = HNTE_EXPERT_POOL_STREAM.parse(e.streamId);
  return pool ? [`${pool.provinceCode}:${(e.data as { expertId: string }).expertId}`] : [];
}

export function expertsProjection(): StoreProjection<ExpertDoc> {
  return {
    name: EXPERTS,
    keysOf,
    indexes: [{ key: { provinceCode: 1, expertId: 1 }, name: 'province' }],
    apply(doc, e) {
      const event = { type: e.type, data: e.data } as ExpertPoolEvent;
      if (event.type === 'ExpertRetired') return doc ? { ...doc, status: 'retired' } : doc;
      const d = event.data;
      return {
        provinceCode: d.provinceCode,
        expertId: d.expertId,
        name: d.name,
        organisation: d.organisation,
        expertise: d.expertise as ExpertDoc['expertise'],
        relations: d.relations.length,
        status: 'active',
      };
    },
  };
}
