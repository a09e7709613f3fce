import type { EventEnvelope, Projection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import { evolveEnterpriseView, type EnterpriseView, type RegistryFeedEvent } from '../domain';

/**
 * The registry's enterprises as assessment needs them (current county, status, sanctions), one document per
 * registry stream, fed by a Kafka consumer of the registry's topic (another service's events). A relocation
 * changes the place, and every queue and list reads the place from here, so the enterprise's items move.
 */
export interface EnterpriseDoc extends Place {
  view: EnterpriseView;
  uscc: string;
}

export const ENTERPRISES = 'assessment_enterprise_view';

export function enterprisesProjection(scope: ScopeOptions): Projection<EnterpriseDoc> {
  return {
    name: ENTERPRISES,
    apply(doc, event: EventEnvelope) {
      const next = evolveEnterpriseView(doc?.view ?? null, {
        type: event.type,
        data: event.data,
      } as RegistryFeedEvent);
      if (!next) return doc;
      return { view: next, uscc: next.uscc, ...placeOf(next.divisionCode, scope) };
    },
  };
}

export const ENTERPRISE_INDEXES = [
  { key: { uscc: 1 }, name: 'uscc', unique: true },
  { key: { countyCode: 1, uscc: 1 }, name: 'county' },
  { key: { cityCode: 1, uscc: 1 }, name: 'city' },
  { key: { provinceCode: 1, uscc: 1 }, name: 'province' },
] as const;
