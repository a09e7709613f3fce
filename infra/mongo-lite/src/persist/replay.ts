import type { Engine, LogOp } from '../engine/engine';
import { keyOf } from '../engine/values';

/** Re-applies a logged change. Operations are absolute (put the whole document, delete by id), so applying
 * one twice leaves the same state — which makes a crash between snapshot and log truncation harmless. */
export function applyLogOp(engine: Engine, op: LogOp): void {
  const ignored: LogOp[] = [];
  switch (op.op) {
    case 'createColl':
      engine.ensureCollection(op.db, op.coll, ignored);
      return;
    case 'dropColl':
      engine.dropCollection(op.db, op.coll, ignored);
      return;
    case 'dropDb':
      engine.dropDatabase(op.db, ignored);
      return;
    case 'createIndex': {
      const coll = engine.ensureCollection(op.db, op.coll, ignored);
      if (!coll.indexes.has(op.spec.name)) coll.createIndex(op.spec);
      return;
    }
    case 'dropIndex':
      engine.collection(op.db, op.coll)?.indexes.delete(op.name);
      return;
    case 'put':
      engine.ensureCollection(op.db, op.coll, ignored).put(keyOf(op.doc._id), op.doc, ++engine.seq);
      return;
    case 'del':
      engine.collection(op.db, op.coll)?.remove(keyOf(op.id), ++engine.seq);
      return;
  }
}

/** The whole current state as log operations, for a compaction snapshot. */
export function* snapshotOps(engine: Engine): Generator<LogOp> {
  for (const [db, colls] of engine.dbs) {
    for (const [name, coll] of colls) {
      yield { op: 'createColl', db, coll: name };
      for (const index of coll.indexes.values())
        yield { op: 'createIndex', db, coll: name, spec: index.spec };
      for (const doc of coll.docs.values()) yield { op: 'put', db, coll: name, doc };
    }
  }
}
