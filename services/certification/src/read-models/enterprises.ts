import type { EventDefinition, REGISTRY_EVENTS } from '@peiyu/contracts';
import type { EventEnvelope, Projection } from '@peiyu/eventstore';
import { placeOf, type Place, type ScopeOptions } from '@peiyu/service-kit';
import type { z } from 'zod';
import type { EnterpriseView } from '../domain';

type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;
type RegistryEvent = EventOf<(typeof REGISTRY_EVENTS)[number]>;

/** A sanction the registry recorded (what a county weighs when recommending; hnte.md §7). */
export interface SanctionView {
  sanctionId: string;
  kind: string;
  occurredOn: string;
  liftedOn: string | null;
}

/** The enterprise as certification needs it: the core's view (name, county, founding date, status) + sanctions. */
export interface EnterpriseFacts extends EnterpriseView {
  sanctions: SanctionView[];
  /** The registry's moves, oldest first (a whole move keeps the certificate: 32号 第十九条). */
  relocations: Array<{ from: string; to: string; effectiveOn: string }>;
}

/** Pure fold of one enterprise's registry events. */
export function evolveEnterpriseFacts(
  view: EnterpriseFacts | null,
  e: RegistryEvent,
): EnterpriseFacts | null {
  if (e.type === 'EnterpriseRegistered') {
    const { uscc, name, divisionCode, foundedOn } = e.data;
    return { uscc, name, divisionCode, foundedOn, status: 'active', sanctions: [], relocations: [] };
  }
  if (!view) return view;
  switch (e.type) {
    case 'EnterpriseRenamed':
      return { ...view, name: e.data.newName };
    case 'EnterpriseRelocated':
      return {
        ...view,
        divisionCode: e.data.toDivisionCode,
        relocations: [
          ...view.relocations,
          { from: e.data.fromDivisionCode, to: e.data.toDivisionCode, effectiveOn: e.data.effectiveOn },
        ],
      };
    case 'SanctionRecorded': {
      const { sanctionId, kind, occurredOn } = e.data;
      return { ...view, sanctions: [...view.sanctions, { sanctionId, kind, occurredOn, liftedOn: null }] };
    }
    case 'SanctionLifted':
      return {
        ...view,
        sanctions: view.sanctions.map((s) =>
          s.sanctionId === e.data.sanctionId ? { ...s, liftedOn: e.data.liftedOn } : s,
        ),
      };
    case 'EnterpriseDeregistered':
      return { ...view, status: 'deregistered' };
    default:
      return view;
  }
}

/** One document per registry stream, fed by a Kafka consumer of the registry's topic; placed for scoped lists. */
export interface EnterpriseDoc extends Place {
  uscc: string;
  view: EnterpriseFacts;
}

export const ENTERPRISES = 'certification_enterprise_view';

export function enterprisesProjection(scope: ScopeOptions): Projection<EnterpriseDoc> {
  return {
    name: ENTERPRISES,
    apply(doc, event: EventEnvelope) {
      const next = evolveEnterpriseFacts(doc?.view ?? null, {
        type: event.type,
        data: event.data,
      } as RegistryEvent);
      if (!next) return doc;
      return { uscc: next.uscc, view: next, ...placeOf(next.divisionCode, scope) };
    },
  };
}

export const ENTERPRISE_INDEXES = [
  { key: { uscc: 1 }, name: 'uscc', unique: true },
  { key: { countyCode: 1, uscc: 1 }, name: 'county' },
  { key: { cityCode: 1, uscc: 1 }, name: 'city' },
  { key: { provinceCode: 1, uscc: 1 }, name: 'province' },
] as const;
