import { newEventId } from '@peiyu/contracts';
import type { Clock } from '../clock';
import type { HashAlgorithm } from '../hash/chain';
import { verifyChain, type VerifyResult } from '../hash/verify';
import type { AppendMetadata, DomainEvent, RecordedEvent } from '../types';
import type { EventCodec } from './codec';
import { ConcurrencyError, InvalidAppendError } from './errors';
import {
  takeAsOf,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
} from './event-store';
import { buildRecords } from './records';

export interface MemoryEventStoreOptions {
  clock: Clock;
  codec?: EventCodec;
  hashAlgorithm?: HashAlgorithm;
}

/**
 * The same contract as the MongoDB store, in memory, for unit tests of command handlers and deciders.
 * Records are cloned on the way in and out so callers cannot mutate history.
 */
export class MemoryEventStore implements EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly all: RecordedEvent[] = [];
  private readonly algorithm: HashAlgorithm;

  constructor(private readonly options: MemoryEventStoreOptions) {
    this.algorithm = options.hashAlgorithm ?? 'sha256';
  }

  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly DomainEvent[],
    meta: AppendMetadata,
  ): Promise<AppendResult> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new InvalidAppendError(`expected version must be a non-negative integer, got ${expectedVersion}`);
    }
    const stream = this.streams.get(streamId) ?? [];
    const last = stream[stream.length - 1];
    if ((last?.streamVersion ?? 0) !== expectedVersion) {
      throw new ConcurrencyError(streamId, expectedVersion, last?.streamVersion ?? 0);
    }
    const records = buildRecords({
      streamId,
      head: last && { version: last.streamVersion, hash: last.hash },
      events,
      meta,
      recordedAt: this.options.clock.now(),
      algorithm: this.algorithm,
      codec: this.options.codec,
      newEventId,
    });
    records.forEach((r, i) => (r.position = this.all.length + 1 + i));
    stream.push(...records);
    this.all.push(...records);
    this.streams.set(streamId, stream);
    return { events: structuredClone(records), version: expectedVersion + records.length };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    const events = (this.streams.get(streamId) ?? []).filter(
      (e) => e.streamVersion >= from && e.streamVersion <= to,
    );
    return takeAsOf(events, options.asOf).map((e) => this.decode(e));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.afterPosition ?? 0;
    for (const e of this.all) if (e.position > after) yield this.decode(e);
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    return verifyChain(this.streams.get(streamId) ?? [], this.algorithm);
  }

  /** Test hook: the stored record itself, to simulate tampering. */
  rawRecord(streamId: string, version: number): RecordedEvent | undefined {
    return this.streams.get(streamId)?.[version - 1];
  }

  private decode(e: RecordedEvent): RecordedEvent {
    const copy = structuredClone(e);
    if (!this.options.codec) return copy;
    const decoded = this.options.codec.decode({
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: copy.data,
    });
    return { ...copy, schemaVersion: decoded.schemaVersion, data: decoded.data };
  }
}
