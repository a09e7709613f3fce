import type { EventEnvelope, Projection, RecordedEvent, StoreProjection } from '@peiyu/eventstore';
import type { SourceEvent } from '../domain';

/**
 * The facts statistics counts from, as the events that carry them: one document per source stream (an
 * enterprise, an evaluation, a batch, an HNTE record, a title record) with its relevant events and the instant
 * each was recorded at its source (`recordedAt`), so any quarter can be recomputed as known at any instant.
 * Other services' events come through Kafka consumers (Projection); the titles are statistics' own events
 * (StoreProjection). The fold (`foldSourceEvents`) is order-independent, so streams may arrive in any order.
 */
export interface SourceEventsDoc {
  events: SourceEvent[];
}

export const SOURCE_EVENTS = 'statistics_source_events';
export const TITLE_EVENTS = 'statistics_title_events';

const SOURCE_TYPES: ReadonlySet<string> = new Set([
  'EnterpriseRegistered',
  'EnterpriseRelocated',
  'EnterpriseDeregistered',
  'SmeEntered',
  'SmeEntryRevoked',
  'HnteCertified',
  'HnteCancelled',
  'CertificateExpired',
]);
const TITLE_TYPES: ReadonlySet<string> = new Set(['EnterpriseTitleGranted', 'EnterpriseTitleRevoked']);

function keep(types: ReadonlySet<string>, doc: SourceEventsDoc | undefined, event: EventEnvelope) {
  if (!types.has(event.type)) return doc;
  const e = { type: event.type, data: event.data, recordedAt: event.recordedAt } as SourceEvent;
  return { events: [...(doc?.events ?? []), e] };
}

/** Registry, assessment and certification events (v1 certificate events arrive upcast to v2 by the codec). */
export const sourceEventsProjection = (): Projection<SourceEventsDoc> => ({
  name: SOURCE_EVENTS,
  apply: (doc, event) => keep(SOURCE_TYPES, doc, event),
});

/** Statistics' own title grants and revocations (the ladder's stages above entry and certification). */
export const titleEventsProjection = (): StoreProjection<SourceEventsDoc> => ({
  name: TITLE_EVENTS,
  apply: (doc, event: RecordedEvent) => keep(TITLE_TYPES, doc, event),
});
