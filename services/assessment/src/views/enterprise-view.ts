import type { EventEnvelope, Projection } from '@peiyu/eventstore';
import { evolveEnterpriseView, type EnterpriseView, type RegistryFeedEvent } from '../domain';

/**
 * The registry's enterprises as assessment needs them (current county, status, sanctions), one document per
 * registry stream, fed from the registry's topic. A relocation changes `divisionCode`, and every queue reads
 * the county from here, so the enterprise's items move to the new county's queue.
 */
export interface EnterpriseViewDoc {
  view: EnterpriseView;
  uscc: string;
  divisionCode: string;
}

export const ENTERPRISE_VIEW = 'assessment_enterprise_view';

export function enterpriseViewProjection(): Projection<EnterpriseViewDoc> {
  return {
    name: ENTERPRISE_VIEW,
    apply(doc, event: EventEnvelope) {
      const next = evolveEnterpriseView(doc?.view ?? null, {
        type: event.type,
        data: event.data,
      } as RegistryFeedEvent);
      if (!next) return doc;
      return { view: next, uscc: next.uscc, divisionCode: next.divisionCode };
    },
  };
}
