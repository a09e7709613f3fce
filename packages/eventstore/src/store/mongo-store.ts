import { newEventId } from '@peiyu/contracts';
import type mongoose from 'mongoose';
import type { Clock } from '../clock';
import { assertHashAlgorithm, type HashAlgorithm } from '../hash/chain';
import { ChainVerifier, checkHead, type VerifyResult } from '../hash/verify';
import type { AppendMetadata, DomainEvent, RecordedEvent } from '../types';
import type { EventCodec } from './codec';
import type { CheckpointAnchor } from '../checkpoint/anchor';
import { IntegrityError, InvalidAppendError } from './errors';
import {
  takeAsOf,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StreamHeadEntry,
} from './event-store';
import {
  dbOf,
  isDuplicateKey,
  isStreamHeadId,
  RECORD_PROJECTION,
  storeLayout,
  EVENT_INDEXES,
  type Collection,
  type CounterDoc,
  type Db,
  type EventDoc,
} from './mongo-docs';
import { GroupCommitter, type HeadDoc } from './group-commit';
import { HeadReads } from './head-reads';
import { buildRecords } from './records';
import { findBatches } from './command-batches';
import { RecentAppends, type OwnAppends } from './recent-appends';

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
  /** `<events>_heads`: one head record per stream, moved in the same transaction as its events. */
  readonly heads: Collection<HeadDoc>;
  readonly algorithm: HashAlgorithm;
  private readonly committer: GroupCommitter;
  private readonly headReads: HeadReads;
  private readonly appended = new Set<(result: AppendResult) => void>();
  private readonly recent = new RecentAppends();
  private anchor: CheckpointAnchor | undefined;

  /** From now on the verifying read also holds each stream against the last signed checkpoint. */
  useCheckpoints(anchor: CheckpointAnchor): void {
    this.anchor = anchor;
  }

  /** The service database's connection (checkpoints live beside the events). */
  get connection(): mongoose.Connection {
    return this.options.connection;
  }

  private constructor(private readonly options: MongoEventStoreOptions) {
    const db = dbOf(options.connection);
    const layout = storeLayout(options.collection);
    this.events = db.collection<EventDoc>(layout.events);
    this.heads = db.collection<HeadDoc>(layout.heads);
    this.headReads = new HeadReads(this.heads);
    this.algorithm = options.hashAlgorithm ?? 'sha256';
    assertHashAlgorithm(this.algorithm);
    this.committer = new GroupCommitter({
      client: options.connection.getClient(),
      db,
      events: this.events,
      heads: this.heads,
      counter: db.collection<CounterDoc>(layout.counter.collection),
      counterId: layout.counter.id,
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
    store.committer.knowCounter(
      await openCounter(dbOf(options.connection), store.events, options.collection),
    );
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
    if (typeof streamId !== 'string' || !isStreamHeadId(streamId))
      throw new InvalidAppendError(`stream ids beginning with $ are the store's own, got ${streamId}`);
    const result = await this.committer.submit({ streamId, expectedVersion, events, meta });
    this.recent.add(result.events);
    for (const listener of this.appended) listener(result);
    return result;
  }

  /**
   * What this store object appended last, for its own relay (stored form) and projector (decoded as `readAll`
   * decodes): see RecentAppends for why a held run is what the store holds.
   */
  get ownAppends(): OwnAppends {
    const recent = this.recent;
    return {
      latest: () => recent.latest,
      stored: (after, until, limit) => recent.after(after, until, limit),
      decoded: (after, until) => recent.after(after, until)?.map((e) => this.decode(e)),
    };
  }

  /**
   * Calls `listener` after every append of this store object has committed (e.g. to wake the outbox relay at
   * once instead of polling). Listeners must not throw; returns the unsubscribe function.
   */
  onAppended(listener: (result: AppendResult) => void): () => void {
    this.appended.add(listener);
    return () => this.appended.delete(listener);
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
    const prefix = options.asOf ? contiguous(events, options.fromVersion ?? 1) : events;
    return options.stored ? prefix : prefix.map((e) => this.decode(e));
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

  /**
   * `readAll` a server batch at a time, through `find` / `getMore` commands whose replies are decoded whole
   * (`findBatches`): the driver's per-document cursor iteration cost more than twice the decoding itself, and
   * even its raw batches split and copy every document first (issue 19 §2, docs/performance.md). The stored
   * documents are read whole and the record's fields taken here: a server-side projection makes the server
   * build and encode a new document per event instead of sending the bytes it keeps.
   */
  async *readAllBatches(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    const batches = findBatches(dbOf(this.options.connection), {
      collection: this.events.collectionName,
      filter: { position: { $gt: options.afterPosition ?? 0 } },
      sort: { position: 1 },
      batchSize: options.batchSize ?? 1000,
    });
    for await (const docs of batches) yield docs.map((d) => this.decode(recordOf(d)));
  }

  async readStreamVerified(
    streamId: string,
    options: { purpose?: 'decide' | 'read' } = {},
  ): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    const headlessIsNew = options.purpose === 'decide';
    await this.verifiedFold(streamId, (_: null, e) => (out.push(e), null), null, headlessIsNew);
    return out;
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    const verifier = new ChainVerifier(this.algorithm);
    const before = await this.heads.findOne({ _id: streamId });
    let hashAtHead: string | undefined;
    const cursor = this.events.find(
      { streamId },
      { sort: { streamVersion: 1 }, projection: RECORD_PROJECTION },
    );
    for await (const e of cursor) {
      if (!verifier.push(e as RecordedEvent)) break;
      if (e.streamVersion === before?.version) hashAtHead = e.hash;
    }
    await cursor.close();
    return this.againstHead(streamId, verifier.result(), before, hashAtHead);
  }

  async *listHeads(): AsyncIterable<StreamHeadEntry> {
    for await (const h of this.heads.find({}, { sort: { _id: 1 } }))
      if (isStreamHeadId(h._id)) yield { streamId: h._id, version: h.version, hash: h.hash };
  }

  /**
   * Replay for command handling and audits in one pass: read, verify the chain and the head record, upcast,
   * fold. Throws IntegrityError rather than deciding on tampered history.
   */
  async load<State>(
    streamId: string,
    evolve: (state: State, event: RecordedEvent) => State,
    initialState: State,
  ): Promise<{ state: State; version: number }> {
    return this.verifiedFold(streamId, evolve, initialState, false);
  }

  /**
   * `headlessIsNew` (the command path, `purpose: 'decide'`): a stream without a head record is a new stream,
   * and its events are not read — one round trip instead of two for every creating command (issue 19 §2).
   * Events stored without a head (a head record deleted behind the store) are still refused before anything is
   * written: the append's `headGuard` finds them and answers IntegrityError, as the audit's replay does; a
   * stream a signed checkpoint covers is read whole. Reads for display always read the events.
   */
  private async verifiedFold<State>(
    streamId: string,
    evolve: (state: State, event: RecordedEvent) => State,
    initialState: State,
    headlessIsNew: boolean,
  ): Promise<{ state: State; version: number }> {
    const verifier = new ChainVerifier(this.algorithm);
    const anchored = await this.anchor?.headOf(streamId);
    const before = (await this.headReads.get(streamId)) ?? null;
    if (!before && !anchored && headlessIsNew) return { state: initialState, version: 0 };
    let hashAtHead: string | undefined;
    let hashAtAnchor: string | undefined;
    let state = initialState;
    let version = 0;
    const cursor = this.events.find(
      { streamId },
      { sort: { streamVersion: 1 }, projection: RECORD_PROJECTION },
    );
    for await (const raw of cursor) {
      const e = raw as RecordedEvent;
      if (!verifier.push(e)) break;
      if (e.streamVersion === before?.version) hashAtHead = e.hash;
      if (e.streamVersion === anchored?.version) hashAtAnchor = e.hash;
      state = evolve(state, this.decode(e));
      version = e.streamVersion;
    }
    await cursor.close();
    const result = await this.againstHead(streamId, verifier.result(), before, hashAtHead);
    if (!result.ok) throw IntegrityError.of(streamId, result);
    if (anchored && hashAtAnchor !== anchored.hash)
      throw new IntegrityError(
        streamId,
        anchored.version,
        'checkpoint-mismatch',
        'differs from the last signed checkpoint',
      );
    return { state, version };
  }

  /**
   * Replays every stream in one pass over the collection (position order): verifies each stream's chain,
   * upcasts, folds, then holds every stream against its head record. For audits and whole-service checks;
   * throws IntegrityError at the first failure.
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
        throw IntegrityError.of(e.streamId, s.verifier.result() as Extract<VerifyResult, { ok: false }>);
      }
      s.state = evolve(s.state, this.decode(e));
      s.version = e.streamVersion;
    }
    await this.checkAllHeads(new Map([...streams].map(([id, s]) => [id, s.verifier.result()])));
    return new Map([...streams].map(([id, { state, version }]) => [id, { state, version }]));
  }

  /**
   * The chain against the head record read before it. Head and events move in one transaction, so events past
   * that head were either appended since (then the head read now has reached them) or injected without a head.
   * The head read first must still name its event either way; a chain shorter than it lost events.
   */
  private async againstHead(
    streamId: string,
    chain: VerifyResult,
    before: HeadDoc | null,
    hashAtHead: string | undefined,
  ): Promise<VerifyResult> {
    if (!chain.ok || chain.checked <= (before?.version ?? 0)) return checkHead(chain, before ?? undefined);
    if (before && hashAtHead !== before.hash)
      return {
        ...chain,
        ok: false,
        brokenAt: before.version,
        reason: 'head-mismatch',
        detail: 'head differs',
      };
    const now = await this.heads.findOne({ _id: streamId });
    return now && now.version > chain.checked ? chain : checkHead(chain, now ?? undefined);
  }

  /** Every head record against the verified chains of a full replay (and no chain without a head). */
  private async checkAllHeads(chains: Map<string, VerifyResult>): Promise<void> {
    const seen = new Set<string>();
    for await (const h of this.listHeads()) {
      seen.add(h.streamId);
      const r = checkHead(chains.get(h.streamId) ?? { ok: true, checked: 0, lastHash: '' }, h);
      if (!r.ok) throw IntegrityError.of(h.streamId, r);
    }
    for (const [id, chain] of chains) {
      const r = seen.has(id) ? chain : checkHead(chain, undefined);
      if (!r.ok) throw IntegrityError.of(id, r);
    }
  }

  private decode(e: RecordedEvent): RecordedEvent {
    if (!this.options.codec) return e;
    const decoded = this.options.codec.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
    return { ...e, schemaVersion: decoded.schemaVersion, data: decoded.data };
  }
}

/**
 * Creates the position counter beside the heads (appends update it without an upsert: an upsert inside many
 * concurrent transactions would race to insert it) and returns its value. A store written before kept it in
 * `counters`; its value is carried over by `$max`, as is the last position stored, so opening twice, or two
 * processes opening at once, leaves the same counter and never moves it back. The old document is left
 * where it was: nothing reads it any more.
 */
async function openCounter(db: Db, events: Collection<EventDoc>, name?: string): Promise<number> {
  const layout = storeLayout(name);
  const legacy = await db
    .collection<CounterDoc>(layout.legacyCounter.collection)
    .findOne({ _id: layout.legacyCounter.id });
  const [last] = await events
    .find({}, { sort: { position: -1 }, limit: 1, projection: { _id: 0, position: 1 } })
    .toArray();
  const floor = Math.max(legacy?.seq ?? 0, last?.position ?? 0);
  const counter = db.collection<CounterDoc>(layout.counter.collection);
  for (let attempt = 1; ; attempt++) {
    try {
      const after = await counter.findOneAndUpdate(
        { _id: layout.counter.id },
        { $max: { seq: floor } },
        { upsert: true, returnDocument: 'after' },
      );
      return after!.seq;
    } catch (err) {
      // Two openers upserting at once: one inserts, the other's insert is a duplicate; the retry updates.
      if (!isDuplicateKey(err) || attempt >= 3) throw err;
    }
  }
}

/**
 * The recorded event in a stored document: what RECORD_PROJECTION keeps, taken on this side. A literal of the
 * record's own fields (one object shape for every event) took 0.03 µs per event where a rest-spread copy took
 * 0.5–0.8 µs; `traceparent` is there only when it was stored.
 */
function recordOf(doc: Record<string, unknown>): RecordedEvent {
  const d = doc as unknown as RecordedEvent;
  const record: Omit<RecordedEvent, 'traceparent'> & { traceparent?: string } = {
    eventId: d.eventId,
    streamId: d.streamId,
    streamVersion: d.streamVersion,
    type: d.type,
    schemaVersion: d.schemaVersion,
    occurredAt: d.occurredAt,
    recordedAt: d.recordedAt,
    actor: d.actor,
    correlationId: d.correlationId,
    causationId: d.causationId,
    data: d.data,
    position: d.position,
    prevHash: d.prevHash,
    hash: d.hash,
  };
  if (d.traceparent !== undefined) record.traceparent = d.traceparent;
  return record;
}

/** The run of events with consecutive versions from `first`: stops at the first hole. */
function contiguous(events: RecordedEvent[], first: number): RecordedEvent[] {
  const end = events.findIndex((e, i) => e.streamVersion !== first + i);
  return end < 0 ? events : events.slice(0, end);
}
