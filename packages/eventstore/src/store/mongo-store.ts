import { newEventId } from '@peiyu/contracts';
import type mongoose from 'mongoose';
import type { Clock } from '../clock';
import { assertHashAlgorithm, type HashAlgorithm } from '../hash/chain';
import { ChainVerifier, type VerifyResult } from '../hash/verify';
import type { AppendMetadata, DomainEvent, RecordedEvent } from '../types';
import type { EventCodec } from './codec';
import { InvalidAppendError } from './errors';
import {
  takeAsOf,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
} from './event-store';
import {
  dbOf,
  isDuplicateKey,
  RECORD_PROJECTION,
  storeLayout,
  EVENT_INDEXES,
  type Collection,
  type CounterDoc,
  type EventDoc,
} from './mongo-docs';
import { GroupCommitter, type HeadDoc } from './group-commit';
import { buildRecords } from './records';

export interface MongoEventStoreOptions {
  /** The service's own database (each service has one); must be a replica set member (transactions). */
  connection: mongoose.Connection;
  clock: Clock;
  /** The contracts registry: validation on append, upcasting on read. */
  codec?: EventCodec;
  hashAlgorithm?: HashAlgorithm;
  /** Default `events`. */
  collection?: string;
}

/** Thrown by `load` when a stream's hash chain does not verify: its history cannot be trusted. */
export class ChainIntegrityError extends Error {
  constructor(
    readonly streamId: string,
    readonly result: Extract<VerifyResult, { ok: false }>,
  ) {
    super(`stream ${streamId}: hash chain broken at version ${result.brokenAt} (${result.reason})`);
    this.name = 'ChainIntegrityError';
  }
}

/**
 * Event store on MongoDB. Appends go through a group committer: one transaction checks the heads of the
 * streams involved (`<events>_heads`), reserves global positions from a counter document, inserts the events in
 * one ordered insertMany and moves the heads conditionally. The unique (streamId, streamVersion) index is the
 * last guard: a concurrent writer fails with ConcurrencyError, never overwrites, never gaps. Every transaction
 * increments the same counter, so concurrent transactions (from other processes) conflict on it and commit one
 * after another: positions increase in commit order.
 */
export class MongoEventStore implements EventStore {
  readonly events: Collection<EventDoc>;
  private readonly counters: Collection<CounterDoc>;
  readonly algorithm: HashAlgorithm;
  private readonly counterId: string;
  private readonly committer: GroupCommitter;

  private constructor(private readonly options: MongoEventStoreOptions) {
    const db = dbOf(options.connection);
    const layout = storeLayout(options.collection);
    this.events = db.collection<EventDoc>(layout.events);
    this.counters = db.collection<CounterDoc>(layout.counters);
    this.counterId = layout.counterId;
    this.algorithm = options.hashAlgorithm ?? 'sha256';
    assertHashAlgorithm(this.algorithm);
    this.committer = new GroupCommitter({
      client: options.connection.getClient(),
      events: this.events,
      heads: db.collection<HeadDoc>(layout.heads),
      counters: this.counters,
      counterId: this.counterId,
      hashAlg: this.algorithm,
      now: () => options.clock.now(),
      build: (request, head, recordedAt) =>
        buildRecords({
          streamId: request.streamId,
          head,
          events: request.events,
          meta: request.meta,
          recordedAt,
          algorithm: this.algorithm,
          codec: options.codec,
          newEventId,
        }),
    });
  }

  /** Opens the store and makes sure its indexes exist. */
  static async open(options: MongoEventStoreOptions): Promise<MongoEventStore> {
    const store = new MongoEventStore(options);
    await store.events.createIndexes([...EVENT_INDEXES]);
    // Create the counter up front so appends update it without an upsert (an upsert inside many concurrent
    // transactions would race to insert it).
    await store.counters.insertOne({ _id: store.counterId, seq: 0 }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
    return store;
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
    if (events.length === 0) throw new InvalidAppendError('append needs at least one event');
    return this.committer.submit({ streamId, expectedVersion, events, meta });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const version: Record<string, number> = { $gte: options.fromVersion ?? 1 };
    if (options.toVersion !== undefined) version.$lte = options.toVersion;
    const filter: Record<string, unknown> = { streamId, streamVersion: version };
    // The filter narrows the read; takeAsOf + the contiguity cut keep it a prefix even if the store clock
    // ever stepped back (a later version recorded "earlier" must not reappear after a hole).
    if (options.asOf) filter.recordedAt = { $lte: options.asOf.toISOString() };
    const raw = await this.events
      .find(filter, { sort: { streamVersion: 1 }, projection: RECORD_PROJECTION })
      .toArray();
    const events = takeAsOf(raw as RecordedEvent[], options.asOf);
    return (options.asOf ? contiguous(events, options.fromVersion ?? 1) : events).map((e) => this.decode(e));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const cursor = this.events
      .find(
        { position: { $gt: options.afterPosition ?? 0 } },
        { sort: { position: 1 }, projection: RECORD_PROJECTION },
      )
      .batchSize(options.batchSize ?? 1000);
    for await (const e of cursor) yield this.decode(e as RecordedEvent);
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    const verifier = new ChainVerifier(this.algorithm);
    const cursor = this.events.find(
      { streamId },
      { sort: { streamVersion: 1 }, projection: RECORD_PROJECTION },
    );
    for await (const e of cursor) {
      if (!verifier.push(e as RecordedEvent)) break;
    }
    await cursor.close();
    return verifier.result();
  }

  /**
   * Replay for command handling and audits in one pass: read, verify the chain, upcast, fold. Throws
   * ChainIntegrityError rather than deciding on tampered history.
   */
  async load<State>(
    streamId: string,
    evolve: (state: State, event: RecordedEvent) => State,
    initialState: State,
  ): Promise<{ state: State; version: number }> {
    const verifier = new ChainVerifier(this.algorithm);
    let state = initialState;
    let version = 0;
    const cursor = this.events.find(
      { streamId },
      { sort: { streamVersion: 1 }, projection: RECORD_PROJECTION },
    );
    for await (const raw of cursor) {
      const e = raw as RecordedEvent;
      if (!verifier.push(e)) break;
      state = evolve(state, this.decode(e));
      version = e.streamVersion;
    }
    const result = verifier.result();
    if (!result.ok) {
      await cursor.close();
      throw new ChainIntegrityError(streamId, result);
    }
    return { state, version };
  }

  /**
   * Replays every stream in one pass over the collection (position order): verifies each stream's chain,
   * upcasts, folds. For audits and whole-service checks; throws ChainIntegrityError at the first broken link.
   */
  async replayAll<State>(
    evolve: (state: State, event: RecordedEvent) => State,
    initialState: State,
    batchSize = 1000,
  ): Promise<Map<string, { state: State; version: number }>> {
    const streams = new Map<string, { state: State; version: number; verifier: ChainVerifier }>();
    const cursor = this.events
      .find({}, { sort: { position: 1 }, projection: RECORD_PROJECTION })
      .batchSize(batchSize);
    for await (const raw of cursor) {
      const e = raw as RecordedEvent;
      let s = streams.get(e.streamId);
      if (!s)
        streams.set(
          e.streamId,
          (s = { state: initialState, version: 0, verifier: new ChainVerifier(this.algorithm) }),
        );
      if (!s.verifier.push(e)) {
        await cursor.close();
        throw new ChainIntegrityError(
          e.streamId,
          s.verifier.result() as Extract<VerifyResult, { ok: false }>,
        );
      }
      s.state = evolve(s.state, this.decode(e));
      s.version = e.streamVersion;
    }
    return new Map([...streams].map(([id, { state, version }]) => [id, { state, version }]));
  }

  private decode(e: RecordedEvent): RecordedEvent {
    if (!this.options.codec) return e;
    const decoded = this.options.codec.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
    return { ...e, schemaVersion: decoded.schemaVersion, data: decoded.data };
  }
}

/** The run of events with consecutive versions from `first`: stops at the first hole. */
function contiguous(events: RecordedEvent[], first: number): RecordedEvent[] {
  const end = events.findIndex((e, i) => e.streamVersion !== first + i);
  return end < 0 ? events : events.slice(0, end);
}
