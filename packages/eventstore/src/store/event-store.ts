import type { HeadRecord, VerifyResult } from '../hash/verify';
import type { AppendMetadata, DomainEvent, RecordedEvent } from '../types';

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** Only the prefix of the stream recorded at or before this instant ("state as of a date"). */
  asOf?: Date;
  /** Events as stored (not upcast): what the hash chain covers, for verifying a stretch of a stream. */
  stored?: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: events with a greater position. */
  afterPosition?: number;
  batchSize?: number;
}

export interface AppendResult {
  events: RecordedEvent[];
  /** The stream's version after the append. */
  version: number;
}

/** The port every event store implements (MongoDB in production, memory in unit tests). */
export interface EventStore {
  /**
   * Appends atomically after `expectedVersion` (0 = the stream must not exist yet). Throws ConcurrencyError
   * when the stream has moved on; never overwrites, never leaves a gap.
   */
  append(
    streamId: string,
    expectedVersion: number,
    events: readonly DomainEvent[],
    meta: AppendMetadata,
  ): Promise<AppendResult>;
  /** Events in version order, upcast to their latest schema. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every event in recorded (global position) order, upcast. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * The same events as `readAll`, a batch (up to `batchSize`) at a time: for whole-store reads (projection
   * catch-up and rebuild) that work in batches anyway — one await per batch instead of one per event.
   */
  readAllBatches?(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]>;
  /**
   * The stream for deciding on: every link checked (versions, order, prevHash, hash) and the last event compared
   * with the stream's head record, then upcast. Throws IntegrityError (naming stream, version and check) rather
   * than return history that cannot be trusted. Commands load through this; `readStream` is for views.
   * `decide` (the command path, which appends next): a stream without a head record is a new stream and its
   * events are not read — events stored without a head are refused by the append's head guard instead.
   */
  readStreamVerified(streamId: string, options?: { purpose?: 'decide' | 'read' }): Promise<RecordedEvent[]>;
  /** Integrity of a stream against its chain and head record (a deleted last event is reported). */
  verifyStream(streamId: string): Promise<VerifyResult>;
  /** Every stream's head record, ordered by stream id (what signed checkpoints cover). */
  listHeads(): AsyncIterable<StreamHeadEntry>;
}

export interface StreamHeadEntry extends HeadRecord {
  streamId: string;
}

/** The events of a stream prefix up to `asOf`: stop at the first event recorded later. */
export function takeAsOf(events: RecordedEvent[], asOf: Date | undefined): RecordedEvent[] {
  if (!asOf) return events;
  const limit = asOf.toISOString();
  const end = events.findIndex((e) => e.recordedAt > limit);
  return end < 0 ? events : events.slice(0, end);
}

/**
 * Batches of `readAll`: the store's own batched read where it has one, else `readAll` grouped (stores and
 * fakes that only iterate).
 */
export async function* readAllInBatches(
  store: Pick<EventStore, 'readAll' | 'readAllBatches'>,
  options: ReadAllOptions = {},
): AsyncIterable<RecordedEvent[]> {
  if (store.readAllBatches) {
    yield* store.readAllBatches(options);
    return;
  }
  const size = options.batchSize ?? 1000;
  let batch: RecordedEvent[] = [];
  for await (const e of store.readAll(options)) {
    batch.push(e);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
