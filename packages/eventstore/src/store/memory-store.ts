import { compareCodePoints } from '../hash/canonical';
import { newEventId } from '@peiyu/contracts';
import type { Clock } from '../clock';
import type { HashAlgorithm } from '../hash/chain';
import { checkHead, verifyChain, type HeadRecord, type VerifyResult } from '../hash/verify';
import type { AppendMetadata, DomainEvent, RecordedEvent } from '../types';
import type { EventCodec } from './codec';
import type { CheckpointAnchor } from '../checkpoint/anchor';
import { ConcurrencyError, IntegrityError, InvalidAppendError } from './errors';
import { headGuard } from './head-guard';
import {
  takeAsOf,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StreamHeadEntry,
} from './event-store';
import { buildRecords } from './records';
import { isStreamHeadId } from './mongo-docs';

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
  /** Head records, moved with every append as the MongoDB store moves `events_heads` in its transaction. */
  private readonly heads = new Map<string, HeadRecord>();
  private anchor: CheckpointAnchor | undefined;
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
    // As the MongoDB store: ids beginning `$` are its own (the position counter beside the heads).
    if (!isStreamHeadId(streamId))
      throw new InvalidAppendError(`stream ids beginning with $ are the store's own, got ${streamId}`);
    const stream = this.streams.get(streamId) ?? [];
    const head = this.heads.get(streamId);
    if ((head?.version ?? 0) !== expectedVersion) {
      throw new ConcurrencyError(streamId, expectedVersion, head?.version ?? 0);
    }
    const tail = stream.filter((e) => e.streamVersion >= (head?.version ?? 1));
    const broken = headGuard(streamId, head, tail, this.algorithm);
    if (broken) throw broken;
    const records = buildRecords({
      streamId,
      head,
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
    const last = records[records.length - 1]!;
    this.heads.set(streamId, { version: last.streamVersion, hash: last.hash });
    return { events: structuredClone(records), version: expectedVersion + records.length };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    const events = (this.streams.get(streamId) ?? []).filter(
      (e) => e.streamVersion >= from && e.streamVersion <= to,
    );
    return takeAsOf(events, options.asOf).map((e) => (options.stored ? structuredClone(e) : this.decode(e)));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.afterPosition ?? 0;
    for (const e of this.all) if (e.position > after) yield this.decode(e);
  }

  /** From now on the verifying read also holds each stream against the last signed checkpoint. */
  useCheckpoints(anchor: CheckpointAnchor): void {
    this.anchor = anchor;
  }

  async readStreamVerified(streamId: string): Promise<RecordedEvent[]> {
    const result = await this.verifyStream(streamId);
    if (!result.ok) throw IntegrityError.of(streamId, result);
    const stream = this.streams.get(streamId) ?? [];
    await this.anchor?.assertHolds(streamId, (v) => stream.find((e) => e.streamVersion === v)?.hash);
    return stream.map((e) => this.decode(e));
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    const stream = this.streams.get(streamId) ?? [];
    return checkHead(verifyChain(stream, this.algorithm), this.heads.get(streamId));
  }

  async *listHeads(): AsyncIterable<StreamHeadEntry> {
    const ids = [...this.heads.keys()].sort(compareCodePoints);
    for (const streamId of ids) yield { streamId, ...this.heads.get(streamId)! };
  }

  /** Test hook: the stored record itself, to simulate tampering. */
  rawRecord(streamId: string, version: number): RecordedEvent | undefined {
    return this.streams.get(streamId)?.find((e) => e.streamVersion === version);
  }

  /** Test hook: the stored stream itself (in stored order), to simulate deleting or reordering events. */
  rawStream(streamId: string): RecordedEvent[] {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    return stream;
  }

  /** Test hook: the head record itself, to simulate an attacker who rewrites it. */
  rawHeads(): Map<string, HeadRecord> {
    return this.heads;
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
