import type mongoose from 'mongoose';
import type { RecordedEvent } from '../types';

export type Db = mongoose.mongo.Db;
export type Collection<T extends mongoose.mongo.Document> = mongoose.mongo.Collection<T>;
export type ClientSession = mongoose.mongo.ClientSession;

/** An event as stored: the record plus the outbox flag (the events collection is the outbox). */
export interface EventDoc extends RecordedEvent {
  _id: string;
  hashAlg: string;
  published: boolean;
  publishedAt?: Date;
}

export interface CounterDoc {
  _id: string;
  seq: number;
}

/** An event as it is inserted: the record under its event id, unpublished (the outbox relay publishes it). */
export function toEventDoc(record: RecordedEvent, hashAlg: string): EventDoc {
  return { _id: record.eventId, ...record, hashAlg, published: false };
}

/**
 * The `_id` of the position counter in the heads collection. No stream id can take it: stream ids are
 * `<type>-<key>` (packages/contracts' stream-id helpers), and the store refuses appends to ids beginning `$`.
 */
export const POSITION_COUNTER_ID = '$position';

/** Whether a document of the heads collection is a stream head (not the counter kept beside them). */
export const isStreamHeadId = (id: string): boolean => !id.startsWith('$');

/**
 * Where a store named `name` keeps its events, stream heads and position counter (one layout, here). The
 * counter lives beside the heads (`counter.collection` is the heads collection) so one `update` command moves
 * a head and takes the positions (issue 19 §2: four commands per append). `legacyCounter` is where stores
 * written before kept it; `MongoEventStore.open` carries its value over.
 */
export function storeLayout(name = 'events') {
  return {
    events: name,
    heads: `${name}_heads`,
    counter: { collection: `${name}_heads`, id: POSITION_COUNTER_ID },
    legacyCounter: { collection: 'counters', id: `${name}.position` },
  } as const;
}

/** The events collection's indexes: (stream, version) unique is the last guard against a second writer. */
export const EVENT_INDEXES = [
  { key: { streamId: 1, streamVersion: 1 }, name: 'stream_version', unique: true },
  { key: { position: 1 }, name: 'position', unique: true },
  { key: { published: 1, position: 1 }, name: 'outbox' },
] as const;

/** Fields that are storage bookkeeping, not part of the record. */
export const RECORD_PROJECTION = { _id: 0, published: 0, publishedAt: 0, hashAlg: 0 } as const;

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** The database behind a mongoose connection; the hot paths use the driver directly (no hydration). */
export function dbOf(connection: mongoose.Connection): Db {
  const db = connection.db;
  if (!db)
    throw new Error(
      'mongoose connection is not open (call and await mongoose.createConnection(uri).asPromise())',
    );
  return db;
}
