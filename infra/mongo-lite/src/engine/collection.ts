import { UUID } from 'bson';
import { MongoLiteError } from '../errors';
import { duplicateKeyError } from './dup-key';
import { IndexStore, type IndexSpec } from './index-store';
import { type Doc, keyOf } from './values';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * The committed state of one collection. Stored documents are never mutated in place (updates build a new
 * object), so references handed to cursors stay a consistent snapshot.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, IndexStore>();
  /** Commit sequence of the last write per document id, for transaction write-conflict detection. */
  readonly versions = new Map<string, number>();
  readonly uuid = new UUID();

  constructor(
    readonly db: string,
    readonly name: string,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** The first unique index this document would violate, ignoring ids for which `skip` holds. */
  findDuplicate(doc: Doc, id: string, skip: (otherId: string) => boolean): MongoLiteError | undefined {
    return this.duplicate(doc, id, skip)?.error;
  }

  /** The first stored document `doc` would duplicate on a unique index, and the error that names it. */
  duplicate(
    doc: Doc,
    id: string,
    skip: (otherId: string) => boolean,
  ): { error: MongoLiteError; otherId: string } | undefined {
    for (const index of this.indexes.values()) {
      if (!index.unique) continue;
      for (const k of index.keysFor(doc)) {
        const ids = index.lookup(k.key);
        if (!ids) continue;
        for (const other of ids) {
          if (other !== id && !skip(other))
            return { error: duplicateKeyError(this.ns, index, k.vals), otherId: other };
        }
      }
    }
    return undefined;
  }

  /** Writes a document (insert or replace) and maintains every index. */
  put(id: string, doc: Doc, seq: number): void {
    const old = this.docs.get(id);
    for (const index of this.indexes.values()) {
      if (old) {
        // A replacement that keeps this index's key fields (the common case) leaves its entries alone.
        if (index.sameKeys(old, doc)) continue;
        index.remove(id, old);
      }
      index.add(id, doc);
    }
    this.docs.set(id, doc);
    this.versions.set(id, seq);
  }

  remove(id: string, seq: number): Doc | undefined {
    const old = this.docs.get(id);
    if (!old) return undefined;
    for (const index of this.indexes.values()) index.remove(id, old);
    this.docs.delete(id);
    this.versions.set(id, seq);
    return old;
  }

  /** Builds an index over existing documents; a unique index over duplicate data fails with 11000. */
  createIndex(spec: IndexSpec): void {
    const index = new IndexStore(spec);
    for (const [id, doc] of this.docs) {
      if (index.unique) {
        for (const k of index.keysFor(doc)) {
          const ids = index.lookup(k.key);
          if (ids && ids.size > 0 && !ids.has(id)) throw duplicateKeyError(this.ns, index, k.vals);
        }
      }
      index.add(id, doc);
    }
    this.indexes.set(spec.name, index);
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }
}

export const idKeyOf = (doc: Doc): string => keyOf(doc._id);
