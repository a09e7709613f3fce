import { maskActor } from '@peiyu/service-kit';
import type { RecordedEvent } from '../types';

/**
 * A stream's events as a history endpoint answers them (issue 12, finding 5: history bypassed masking): actors'
 * account ids masked, each event's data through the service's own mask (e.g. contact → 张*, 138****8000), the
 * hash chain fields kept so the record of order stays visible; the integrity verdict is the server's (masked
 * data no longer hashes to `hash`). Log the read with service-kit's `logPersonalDataRead`.
 */
export function maskedHistory(
  events: readonly RecordedEvent[],
  maskData: (type: string, data: unknown) => unknown = (_t, d) => d,
) {
  return events.map((e) => ({
    eventId: e.eventId,
    version: e.streamVersion,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: maskActor(e.actor),
    data: maskData(e.type, e.data),
    prevHash: e.prevHash,
    hash: e.hash,
  }));
}
