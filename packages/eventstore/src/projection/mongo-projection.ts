import type { AnyBulkWriteOperation } from 'mongodb';
import { isDuplicateKey, type Collection, type Db } from '../store/mongo-docs';
import type { PendingWrite, StoredDoc } from './projection';

/** Another writer moved a projection document since it was loaded; reload and replan (transient). */
export class ProjectionConflictError extends Error {
  constructor(readonly collection: string) {
    super(`projection ${collection}: a document changed while the batch was being applied`);
    this.name = 'ProjectionConflictError';
  }
}

export type AnyDoc = StoredDoc<Record<string, unknown>>;

export async function loadDocs<Doc extends object>(
  collection: Collection<AnyDoc>,
  ids: Iterable<string>,
): Promise<Map<string, StoredDoc<Doc>>> {
  const docs = await collection.find({ _id: { $in: [...new Set(ids)] } }).toArray();
  return new Map(docs.map((d) => [d._id, d as unknown as StoredDoc<Doc>]));
}

/**
 * One unordered bulkWrite of conditional replacements: each document is replaced only if it still has the
 * version it was loaded with (or still does not exist). A lost race shows up as a duplicate _id on the upsert
 * or as fewer matches, never as a silent overwrite.
 */
export async function writeDocs<Doc extends object>(
  collection: Collection<AnyDoc>,
  writes: ReadonlyMap<string, PendingWrite<Doc>>,
): Promise<void> {
  if (writes.size === 0) return;
  // A document new to this batch is inserted: if another writer created it meanwhile the insert fails on the
  // duplicate _id, exactly as the conditional upsert it replaces did, at the cost of an insert (a rebuild
  // writes most documents this way).
  const ops: AnyBulkWriteOperation<AnyDoc>[] = [...writes.values()].map((w) =>
    w.from === undefined
      ? { insertOne: { document: w.doc as unknown as AnyDoc } }
      : {
          replaceOne: {
            filter: { ...w.guard, _id: w.doc._id, _v: w.from },
            replacement: w.doc as unknown as AnyDoc,
            upsert: true,
          },
        },
  );
  try {
    const r = await collection.bulkWrite(ops, { ordered: false });
    if (r.insertedCount + r.matchedCount + r.upsertedCount !== ops.length)
      throw new ProjectionConflictError(collection.collectionName);
  } catch (err) {
    const violated = constraintViolations(err, ops);
    if (violated.length) throw new ProjectionConstraintError(collection.collectionName, violated);
    if (isDuplicateKey(err)) throw new ProjectionConflictError(collection.collectionName);
    throw err;
  }
}

/**
 * A document the projection produced breaks a unique index of the read model (not `_id`): retrying cannot
 * help, so the consumer dead-letters the events of these streams in the batch instead.
 */
export class ProjectionConstraintError extends Error {
  constructor(
    readonly collection: string,
    readonly streamIds: string[],
  ) {
    super(`projection ${collection}: unique index violated by ${streamIds.join(', ')}`);
    this.name = 'ProjectionConstraintError';
  }
}

/** Stream ids whose write failed on a unique index other than _id (the server names the index: MongoDB format). */
function constraintViolations(err: unknown, ops: AnyBulkWriteOperation<AnyDoc>[]): string[] {
  const writeErrors = (err as { writeErrors?: { index: number; code?: number; errmsg?: string }[] })
    .writeErrors;
  if (!Array.isArray(writeErrors)) return [];
  return writeErrors
    .filter((w) => w.code === 11000 && !/index: _id_ /.test(w.errmsg ?? ''))
    .map((w) => {
      const op = ops[w.index] as
        { replaceOne?: { replacement: AnyDoc }; insertOne?: { document: AnyDoc } } | undefined;
      return (op?.replaceOne?.replacement ?? op?.insertOne?.document)?._id;
    })
    .filter((id): id is string => typeof id === 'string');
}

interface PointerDoc {
  _id: string;
  live: string;
  swappedAt?: Date;
}

/**
 * How long a reader may keep using a live collection it read from the catalog (performance.now() milliseconds,
 * from when the read was sent): a projector's pass, a query, a command's lookup. Reading the pointer on every
 * use was up to 3.5 of a tech-SME draft's 8 MongoDB round trips (issue 19 §2). A rebuild that swaps a pointer
 * waits this long before its last catch-up (and before it drops the old collection), so what a reader applied
 * to or read from the old collection meanwhile is still right.
 */
export const POINTER_CACHE_MS = 1000;

/**
 * Which physical collection serves each projection. Readers and the consumer resolve the pointer; a rebuild
 * fills a fresh collection and flips the pointer in one single-document update (blue/green). A catalog made
 * with `cacheMs` (readers: POINTER_CACHE_MS) keeps each pointer that long and shares a read in flight; one
 * without reads it every time (the consumer, which must write where a rebuild's catch-up looks, and rebuilds).
 */
export class ProjectionCatalog {
  private readonly pointers: Collection<PointerDoc>;
  private readonly cached = new Map<string, { name: Promise<string>; sentAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly o: { cacheMs?: number; now?: () => number } = {},
  ) {
    this.pointers = db.collection<PointerDoc>('projection_pointers');
  }

  async liveName(projection: string): Promise<string> {
    const maxAge = this.o.cacheMs ?? 0;
    if (maxAge <= 0) return this.readPointer(projection);
    const now = this.o.now ? this.o.now() : performance.now();
    const hit = this.cached.get(projection);
    if (hit && now - hit.sentAt < maxAge) return hit.name;
    const name = this.readPointer(projection);
    this.cached.set(projection, { name, sentAt: now });
    // a failed read is not kept: the next use reads again
    name.catch(() => this.cached.get(projection)?.name === name && this.cached.delete(projection));
    return name;
  }

  private async readPointer(projection: string): Promise<string> {
    const p = await this.pointers.findOne({ _id: projection });
    return p?.live ?? `proj_${projection}`;
  }

  async live(projection: string): Promise<Collection<AnyDoc>> {
    return this.db.collection<AnyDoc>(await this.liveName(projection));
  }

  /** The live collections of several projections in one read (a projector's pass). */
  async liveMany(projections: readonly string[]): Promise<Map<string, Collection<AnyDoc>>> {
    const found = await this.pointers.find({ _id: { $in: [...projections] } }).toArray();
    const live = new Map(found.map((p) => [p._id, p.live]));
    return new Map(
      projections.map((name) => [name, this.db.collection<AnyDoc>(live.get(name) ?? `proj_${name}`)]),
    );
  }

  /** Points the projection at `collection` if it still points at `expected`; false if someone swapped first. */
  async swap(projection: string, expected: string, collection: string, at: Date): Promise<boolean> {
    const filter =
      expected === `proj_${projection}`
        ? { _id: projection, live: { $in: [expected] } }
        : { _id: projection, live: expected };
    try {
      const r = await this.pointers.updateOne(
        filter,
        { $set: { live: collection, swappedAt: at } },
        { upsert: expected === `proj_${projection}` },
      );
      return r.matchedCount + r.upsertedCount === 1;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
}
