import {
  EVENT_INDEXES,
  headOf,
  storeLayout,
  toEventDoc,
  type EventDoc,
  type HeadDoc,
  type RecordedEvent,
  type StreamHead,
} from '@peiyu/eventstore';
import { BSON, MongoBulkWriteError, type Db, type MongoClient } from 'mongodb';
import type { Lookup, ServiceDb, StoredFact } from './units';

/** Each service's database, as the services name it (MONGO_DB defaults). */
export const SERVICE_DBS: Record<ServiceDb, string> = {
  registry: 'peiyu-registry',
  assessment: 'peiyu-assessment',
  statistics: 'peiyu-statistics',
  certification: 'peiyu-certification',
  subsidy: 'peiyu-subsidy',
};

const CHUNK = 2000;

export interface Checkpoint {
  _id: string;
  unitsDone: number;
  positions: Record<ServiceDb, number>;
  events: number;
  bytes: number;
  byType: Record<string, number>;
}

/**
 * The bulk path into the stores: events in the event store's own document layout, unpublished (the outbox
 * relay of each service publishes them when it starts), inserted unordered in large batches. The unique
 * (streamId, streamVersion) and _id indexes make a rerun of a half-written unit a no-op for what is there.
 */
export class MongoSink implements Lookup {
  private readonly layout = storeLayout();

  /** `dbs`: the database of each service (tests write beside another run under other names). */
  constructor(
    private readonly client: MongoClient,
    private readonly dbs: Record<ServiceDb, string> = SERVICE_DBS,
  ) {}

  private db(service: ServiceDb): Db {
    return this.client.db(this.dbs[service]);
  }

  async prepare(): Promise<void> {
    for (const s of Object.keys(this.dbs) as ServiceDb[]) {
      await this.db(s)
        .collection(this.layout.events)
        .createIndexes(EVENT_INDEXES.map((i) => ({ ...i })));
    }
  }

  /** Writes records (idempotent), then moves heads and the position counter; returns the BSON bytes. */
  async write(service: ServiceDb, records: RecordedEvent[]): Promise<number> {
    const db = this.db(service);
    let bytes = 0;
    for (let i = 0; i < records.length; i += CHUNK) {
      const docs = records.slice(i, i + CHUNK).map((r) => toEventDoc(r, 'sha256'));
      for (const d of docs) bytes += BSON.calculateObjectSize(d);
      await db
        .collection<EventDoc>(this.layout.events)
        .insertMany(docs, { ordered: false })
        .catch(ignoreDuplicates);
    }
    const heads = new Map<string, ReturnType<typeof headOf>>();
    for (const r of records) heads.set(r.streamId, headOf(r));
    const ops = [...heads].map(([id, h]) => ({
      updateOne: { filter: { _id: id, version: { $lt: h.version } }, update: { $set: h }, upsert: true },
    }));
    for (let i = 0; i < ops.length; i += CHUNK) {
      await db
        .collection<HeadDoc>(this.layout.heads)
        .bulkWrite(ops.slice(i, i + CHUNK), { ordered: false })
        .catch(ignoreDuplicates);
    }
    const last = records[records.length - 1];
    if (last) {
      await db
        .collection<{ _id: string; seq: number }>(this.layout.counter.collection)
        .updateOne({ _id: this.layout.counter.id }, { $max: { seq: last.position } }, { upsert: true });
    }
    return bytes;
  }

  /** Reserves `n` positions on the store's counter (as the store's group commit does); returns the first. */
  async reserve(service: ServiceDb, n: number): Promise<number> {
    const counter = await this.db(service)
      .collection<{ _id: string; seq: number }>(this.layout.counter.collection)
      .findOneAndUpdate(
        { _id: this.layout.counter.id },
        { $inc: { seq: n } },
        { upsert: true, returnDocument: 'after' },
      );
    return counter!.seq - n + 1;
  }

  async headAt(service: ServiceDb, streamId: string, version: number): Promise<StreamHead> {
    const e = await this.db(service)
      .collection(this.layout.events)
      .findOne({ streamId, streamVersion: version });
    if (!e) throw new Error(`${streamId} has no version ${version}: its unit must run first`);
    return { version, hash: e.hash as string };
  }

  /** The events of some types in a service's store, in position order (a later unit's facts). */
  async events(service: ServiceDb, types: readonly string[]): Promise<StoredFact[]> {
    const docs = await this.db(service)
      .collection<EventDoc>(this.layout.events)
      .find({ type: { $in: [...types] } }, { projection: { _id: 1, type: 1, position: 1, data: 1 } })
      .sort({ position: 1 })
      .toArray();
    return docs.map((d) => ({
      eventId: String(d._id),
      type: d.type,
      position: d.position,
      data: d.data as Record<string, unknown>,
    }));
  }

  private checkpoints() {
    return this.client.db('peiyu-generate').collection<Checkpoint>('checkpoints');
  }

  async loadCheckpoint(id: string): Promise<Checkpoint> {
    const found = await this.checkpoints().findOne({ _id: id });
    return (
      found ?? {
        _id: id,
        unitsDone: 0,
        positions: { registry: 0, assessment: 0, statistics: 0, certification: 0, subsidy: 0 },
        events: 0,
        bytes: 0,
        byType: {},
      }
    );
  }

  async saveCheckpoint(c: Checkpoint): Promise<void> {
    await this.checkpoints().replaceOne({ _id: c._id }, c, { upsert: true });
  }

  async count(service: ServiceDb): Promise<number> {
    return this.db(service).collection(this.layout.events).countDocuments({});
  }
}

/** Duplicates are what a rerun of a half-written unit meets: already there, identical by construction. */
function ignoreDuplicates(err: unknown): void {
  if (err instanceof MongoBulkWriteError) {
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    if (errors.every((e) => e.code === 11000)) return;
  }
  throw err;
}
