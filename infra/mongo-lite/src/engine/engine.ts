import { MongoLiteError, writeConflict } from '../errors';
import { Collection, ID_INDEX } from './collection';
import { duplicateKeyError } from './dup-key';
import type { IndexSpec } from './index-store';
import { type Doc, keyOf } from './values';

/** One committed change, as written to the append log and replayed at start-up. */
export type LogOp =
  | { op: 'put'; db: string; coll: string; doc: Doc }
  | { op: 'del'; db: string; coll: string; id: unknown }
  | { op: 'createColl'; db: string; coll: string }
  | { op: 'dropColl'; db: string; coll: string }
  | { op: 'dropDb'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string };

/**
 * A multi-document transaction: buffered writes (null = delete) applied atomically at commit, and the
 * before-images of documents others committed since it started, so its reads see one snapshot.
 */
export class Txn {
  readonly writes = new Map<Collection, Map<string, Doc | null>>();
  readonly snapshot = new Map<Collection, Map<string, Doc | null>>();
  state: 'open' | 'committed' | 'aborted' = 'open';
  constructor(
    readonly txnNumber: number,
    readonly startSeq: number,
    /** Clock reading at start, for the transaction lifetime limit. */
    readonly startedAt = 0,
  ) {}

  overlay(coll: Collection): Map<string, Doc | null> | undefined {
    return this.writes.get(coll);
  }

  /** Documents as they were at the start, for those changed by others since (null = did not exist). */
  before(coll: Collection): Map<string, Doc | null> | undefined {
    return this.snapshot.get(coll);
  }

  /** Keeps the first image only: that is the document as of the transaction's start. */
  preserve(coll: Collection, id: string, old: Doc | undefined): void {
    let m = this.snapshot.get(coll);
    if (!m) {
      m = new Map();
      this.snapshot.set(coll, m);
    }
    if (!m.has(id)) m.set(id, old ?? null);
  }
}

/** What a command writes through: the transaction if any, and the log records to make durable. */
export interface WriteCtx {
  txn?: Txn;
  ops: LogOp[];
}

const ID_KEYS = { fields: ['_id'], spec: ID_INDEX };

export class Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  readonly openTxns = new Set<Txn>();
  seq = 0;

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Returns the collection, creating it (and logging the creation) when absent. */
  ensureCollection(db: string, name: string, ops: LogOp[]): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    if (!/^[^$\0]+$/.test(name))
      throw new MongoLiteError(73, 'InvalidNamespace', `Invalid collection name: ${name}`);
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    const coll = new Collection(db, name);
    colls.set(name, coll);
    ops.push({ op: 'createColl', db, coll: name });
    return coll;
  }

  /** The document with this id as seen by the transaction (own writes first), or committed state. */
  get(coll: Collection, id: string, txn?: Txn): Doc | undefined {
    const own = txn?.overlay(coll);
    if (own?.has(id)) return own.get(id) ?? undefined;
    const before = txn?.before(coll);
    if (before?.has(id)) return before.get(id) ?? undefined;
    return coll.docs.get(id);
  }

  /** Before a committed change to a document, open transactions (other than `except`) keep its old image. */
  private preserveForOthers(coll: Collection, id: string, except?: Txn): void {
    if (this.openTxns.size === 0) return;
    const old = coll.docs.get(id);
    for (const t of this.openTxns) if (t !== except) t.preserve(coll, id, old);
  }

  insert(ctx: WriteCtx, coll: Collection, doc: Doc): void {
    const id = keyOf(doc._id);
    if (this.get(coll, id, ctx.txn)) throw duplicateKeyError(coll.ns, ID_KEYS, [doc._id]);
    this.write(ctx, coll, id, doc);
  }

  /** Replaces or deletes (doc = null) an existing document. */
  write(ctx: WriteCtx, coll: Collection, id: string, doc: Doc | null): void {
    if (ctx.txn) return this.writeInTxn(ctx.txn, coll, id, doc);
    if (doc) {
      const dup = coll.findDuplicate(doc, id, () => false);
      if (dup) throw dup;
      this.preserveForOthers(coll, id);
      coll.put(id, doc, ++this.seq);
      ctx.ops.push({ op: 'put', db: coll.db, coll: coll.name, doc });
    } else {
      this.preserveForOthers(coll, id);
      const old = coll.remove(id, ++this.seq);
      // With no transaction open, no one can need this version for conflict checks; keep the map bounded.
      if (this.openTxns.size === 0) coll.versions.delete(id);
      if (old) ctx.ops.push({ op: 'del', db: coll.db, coll: coll.name, id: old._id });
    }
  }

  private writeInTxn(txn: Txn, coll: Collection, id: string, doc: Doc | null): void {
    for (const other of this.openTxns) {
      if (other !== txn && other.overlay(coll)?.has(id)) throw writeConflict();
    }
    if ((coll.versions.get(id) ?? 0) > txn.startSeq) throw writeConflict();
    let own = txn.overlay(coll);
    if (doc) {
      const dup = coll.duplicate(doc, id, (other) => own?.has(other) === true);
      // As MongoDB answers it: a key another writer committed after this transaction's snapshot is a write
      // conflict (TransientTransactionError: the transaction is retried), not a duplicate this one could see.
      if (dup) throw (coll.versions.get(dup.otherId) ?? 0) > txn.startSeq ? writeConflict() : dup.error;
      if (own) this.checkPending(coll, id, doc, own, (e) => e);
      for (const other of this.openTxns) {
        const theirs = other.overlay(coll);
        if (other !== txn && theirs) this.checkPending(coll, id, doc, theirs, () => writeConflict());
      }
    }
    if (!own) {
      own = new Map();
      txn.writes.set(coll, own);
    }
    own.set(id, doc);
  }

  /** Unique-index check against buffered (uncommitted) documents. */
  private checkPending(
    coll: Collection,
    id: string,
    doc: Doc,
    pending: Map<string, Doc | null>,
    wrap: (e: MongoLiteError) => MongoLiteError,
  ): void {
    for (const index of coll.indexes.values()) {
      if (!index.unique) continue;
      const mine = new Map(index.keysFor(doc).map((k) => [k.key, k.vals]));
      for (const [otherId, other] of pending) {
        if (otherId === id || !other) continue;
        for (const k of index.keysFor(other)) {
          const vals = mine.get(k.key);
          if (vals) throw wrap(duplicateKeyError(coll.ns, index, vals));
        }
      }
    }
    for (const [otherId, other] of pending) {
      if (otherId !== id && other && keyOf(other._id) === id)
        throw wrap(duplicateKeyError(coll.ns, ID_KEYS, [doc._id]));
    }
  }

  begin(txnNumber: number, now = 0): Txn {
    const txn = new Txn(txnNumber, this.seq, now);
    this.openTxns.add(txn);
    return txn;
  }

  abort(txn: Txn): void {
    if (txn.state === 'open') txn.state = 'aborted';
    this.openTxns.delete(txn);
  }

  /** Applies every buffered write at once, or none: conflicts and unique violations roll the whole commit back. */
  commit(txn: Txn, ops: LogOp[]): void {
    for (const [coll, writes] of txn.writes) {
      for (const id of writes.keys()) {
        if ((coll.versions.get(id) ?? 0) > txn.startSeq) {
          this.abort(txn);
          throw writeConflict();
        }
      }
    }
    for (const [coll, writes] of txn.writes)
      for (const id of writes.keys()) this.preserveForOthers(coll, id, txn);
    const seq = ++this.seq;
    const undo: Array<() => void> = [];
    const deleted: LogOp[] = [];
    try {
      for (const [coll, writes] of txn.writes) {
        for (const [id, doc] of writes) {
          const old = coll.remove(id, seq);
          if (!old) continue;
          undo.push(() => coll.put(id, old, seq));
          if (!doc) deleted.push({ op: 'del', db: coll.db, coll: coll.name, id: old._id });
        }
      }
      for (const [coll, writes] of txn.writes) {
        for (const [id, doc] of writes) {
          if (!doc) continue;
          const dup = coll.findDuplicate(doc, id, () => false);
          if (dup) throw dup;
          coll.put(id, doc, seq);
          undo.push(() => coll.remove(id, seq));
        }
      }
    } catch (err) {
      for (const u of undo.reverse()) u();
      this.abort(txn);
      throw err;
    }
    ops.push(...deleted);
    for (const [coll, writes] of txn.writes) {
      for (const doc of writes.values()) if (doc) ops.push({ op: 'put', db: coll.db, coll: coll.name, doc });
    }
    txn.state = 'committed';
    this.openTxns.delete(txn);
  }

  /**
   * Aborts transactions open longer than the limit (the server's transactionLifetimeLimitSeconds, 60 s), so
   * a client that vanished mid-transaction cannot hold its documents forever.
   */
  expireTransactions(now: number, limitMs = 60_000): number {
    let n = 0;
    for (const txn of this.openTxns) {
      if (now - txn.startedAt > limitMs) {
        this.abort(txn);
        n++;
      }
    }
    return n;
  }

  dropCollection(db: string, name: string, ops: LogOp[]): boolean {
    const colls = this.dbs.get(db);
    if (!colls?.delete(name)) return false;
    ops.push({ op: 'dropColl', db, coll: name });
    return true;
  }

  dropDatabase(db: string, ops: LogOp[]): void {
    if (this.dbs.delete(db)) ops.push({ op: 'dropDb', db });
  }
}
