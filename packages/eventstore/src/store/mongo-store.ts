import { newEventId } from '@peiyu/contracts';
import type mongoose from 'mongoose';
import type { Clock } from '../clock';
import { assertHashAlgorithm, type HashAlgorithm } from '../hash/chain';
import { ChainVerifier, type VerifyResult } from '../hash/verify';
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
import {
  dbOf,
  isDuplicateKey,
  RECORD_PROJECTION,
  type Collection,
  type CounterDoc,
  type EventDoc,
} from './mongo-docs';
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
 * Event store on MongoDB. One append = one transaction: check the stream head, reserve global positions
 * from a counter document, insert the events in one ordered insertMany. The unique (streamId, streamVersion)
 * index is the last guard: a concurrent writer fails with ConcurrencyError, never overwrites, never gaps.
 * Because every append increments the same counter inside its transaction, concurrent transactions
 * conflict on it and commit one after another, so positions increase in commit order.
 */
export class MongoEventStore implements EventStore {
  readonly events: Collection<EventDoc>;
  private readonly counters: Collection<CounterDoc>;
  readonly algorithm: HashAlgorithm;
  private readonly counterId: string;

  private constructor(private readonly options: MongoEventStoreOptions) {
    const db = dbOf(options.connection);
    const name = options.collection ?? 'events';
    this.events = db.collection<EventDoc>(name);
    this.counters = db.collection<CounterDoc>('counters');
    this.counterId = `${name}.position`;
    this.algorithm = options.hashAlgorithm ?? 'sha256';
    assertHashAlgorithm(this.algorithm);
  }

  /** Opens the store and makes sure its indexes exist. */
  static async open(options: MongoEventStoreOptions): Promise<MongoEventStore> {
    const store = new MongoEventStore(options);
    await store.events.createIndexes([
      { key: { streamId: 1, streamVersion: 1 }, name: 'stream_version', unique: true },
      { key: { position: 1 }, name: 'position', unique: true },
      { key: { published: 1, position: 1 }, name: 'outbox' },
    ]);
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
    const session = this.options.connection.getClient().startSession();
    try {
      const records = await session.withTransaction(async () => {
        const head = await this.events.findOne(
          { streamId },
          { session, sort: { streamVersion: -1 }, projection: { streamVersion: 1, hash: 1 } },
        );
        const actual = head?.streamVersion ?? 0;
        if (actual !== expectedVersion) throw new ConcurrencyError(streamId, expectedVersion, actual);
        const built = buildRecords({
          streamId,
          head: head ? { version: head.streamVersion, hash: head.hash } : undefined,
          events,
          meta,
          recordedAt: this.options.clock.now(),
          algorithm: this.algorithm,
          codec: this.options.codec,
          newEventId,
        });
        const first = await this.reservePositions(built.length, session);
        built.forEach((r, i) => (r.position = first + i));
        await this.events.insertMany(
          built.map((r) => ({ _id: r.eventId, ...r, hashAlg: this.algorithm, published: false })),
          { session, ordered: true },
        );
        return built;
      });
      return { events: records, version: expectedVersion + records.length };
    } catch (err) {
      if (isDuplicateKey(err)) throw new ConcurrencyError(streamId, expectedVersion, undefined);
      throw err;
    } finally {
      await session.endSession();
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const version: Record<string, number> = { $gte: options.fromVersion ?? 1 };
    if (options.toVersion !== undefined) version.$lte = options.toVersion;
    const filter: Record<string, unknown> = { streamId, streamVersion: version };
    if (options.asOf) filter.recordedAt = { $lte: options.asOf.toISOString() };
    const raw = await this.events
      .find(filter, { sort: { streamVersion: 1 }, projection: RECORD_PROJECTION })
      .toArray();
    return takeAsOf(raw as RecordedEvent[], options.asOf).map((e) => this.decode(e));
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

  private async reservePositions(n: number, session: mongoose.mongo.ClientSession): Promise<number> {
    const counter = await this.counters.findOneAndUpdate(
      { _id: this.counterId },
      { $inc: { seq: n } },
      { session, returnDocument: 'after' },
    );
    if (!counter)
      throw new Error(
        `position counter ${this.counterId} is missing (open the store with MongoEventStore.open)`,
      );
    return counter.seq - n + 1;
  }

  private decode(e: RecordedEvent): RecordedEvent {
    if (!this.options.codec) return e;
    const decoded = this.options.codec.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
    return { ...e, schemaVersion: decoded.schemaVersion, data: decoded.data };
  }
}
