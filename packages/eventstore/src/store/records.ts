import { EventEnvelopeSchema } from '@peiyu/contracts';
import { normalize } from '../hash/canonical';
import { genesisHash, linkHash, type HashAlgorithm } from '../hash/chain';
import { toEnvelope, type AppendMetadata, type DomainEvent, type RecordedEvent } from '../types';
import type { EventCodec } from './codec';
import { InvalidAppendError } from './errors';

export interface StreamHead {
  version: number;
  hash: string;
}

export interface BuildInput {
  streamId: string;
  head: StreamHead | undefined;
  events: readonly DomainEvent[];
  meta: AppendMetadata;
  recordedAt: Date;
  algorithm: HashAlgorithm;
  codec?: EventCodec;
  newEventId: (at: Date) => string;
}

/**
 * Turns decided events into chained records that follow `head`: consecutive versions, validated data in its
 * stored (normalised) form, and hashes. Positions are assigned later by the store (they are not hashed).
 */
export function buildRecords(input: BuildInput): RecordedEvent[] {
  if (input.events.length === 0) throw new InvalidAppendError('append needs at least one event');
  const recordedAt = input.recordedAt.toISOString();
  const occurredAt = (input.meta.occurredAt ?? input.recordedAt).toISOString();
  let prevHash = input.head?.hash ?? genesisHash(input.algorithm);
  let version = input.head?.version ?? 0;
  return input.events.map((event) => {
    const schemaVersion = event.schemaVersion ?? input.codec?.latestVersion(event.type) ?? 1;
    const parsed = input.codec
      ? input.codec.validate({ type: event.type, schemaVersion, data: event.data })
      : event.data;
    const record: RecordedEvent = {
      eventId: input.newEventId(input.recordedAt),
      streamId: input.streamId,
      streamVersion: ++version,
      type: event.type,
      schemaVersion,
      occurredAt,
      recordedAt,
      actor: normalize(input.meta.actor) as RecordedEvent['actor'],
      correlationId: input.meta.correlationId,
      causationId: input.meta.causationId,
      ...(input.meta.traceparent ? { traceparent: input.meta.traceparent } : {}),
      data: normalize(parsed),
      position: 0,
      prevHash,
      hash: '',
    };
    EventEnvelopeSchema.parse(toEnvelope(record));
    record.hash = linkHash(prevHash, record, input.algorithm);
    prevHash = record.hash;
    return record;
  });
}
