import { Query } from 'mingo';
import { calculateObjectSize } from 'bson';
import { badValue, MongoLiteError, notImplemented } from '../errors';
import type { Collection } from '../engine/collection';
import type { IndexSpec } from '../engine/index-store';
import { MINGO_OPTIONS } from '../engine/query';
import type { Doc } from '../engine/values';
import { collName, type Handler } from './context';

const nsNotFound = (ns: string): MongoLiteError =>
  new MongoLiteError(26, 'NamespaceNotFound', `ns not found: ${ns}`);

const create: Handler = (cmd, ctx) => {
  const name = collName(cmd);
  for (const opt of ['capped', 'viewOn', 'timeseries', 'clusteredIndex', 'collation', 'validator']) {
    if (cmd[opt] !== undefined) throw notImplemented(`collection option '${opt}'`);
  }
  if (ctx.engine.collection(ctx.db, name)) {
    throw new MongoLiteError(48, 'NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  }
  ctx.engine.ensureCollection(ctx.db, name, ctx.ops);
  return { ok: 1 };
};

const drop: Handler = (cmd, ctx) => {
  const name = collName(cmd);
  const coll = ctx.engine.collection(ctx.db, name);
  const nIndexesWas = coll ? coll.indexes.size + 1 : 0;
  // Dropping a missing collection succeeds on 7.0, as here.
  ctx.engine.dropCollection(ctx.db, name, ctx.ops);
  return { nIndexesWas, ns: `${ctx.db}.${name}`, ok: 1 };
};

const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.engine.dropDatabase(ctx.db, ctx.ops);
  return { dropped: ctx.db, ok: 1 };
};

function sizeOf(colls: Iterable<Collection>): number {
  let size = 0;
  for (const c of colls) for (const d of c.docs.values()) size += calculateObjectSize(d);
  return size;
}

const listDatabases: Handler = (cmd, ctx) => {
  // With authentication on, a user sees only the databases its roles reach (MongoDB's authorizedDatabases).
  const privileges = ctx.auth ? ctx.conn.auth.principal?.privileges : undefined;
  const visible = [...ctx.engine.dbs].filter(([name]) => !privileges || privileges.seesDatabase(name));
  const databases = visible.map(([name, colls]) => {
    const sizeOnDisk = cmd.nameOnly ? 0 : sizeOf(colls.values());
    return { name, sizeOnDisk, empty: colls.size === 0 };
  });
  const filtered = cmd.filter
    ? new Query(cmd.filter as Doc, MINGO_OPTIONS).find<Doc>(databases).all()
    : databases;
  const totalSize = filtered.reduce((s, d) => s + Number(d.sizeOnDisk ?? 0), 0);
  return cmd.nameOnly
    ? { databases: filtered.map((d) => ({ name: d.name })), ok: 1 }
    : { databases: filtered, totalSize, totalSizeMb: Math.round(totalSize / 1e6), ok: 1 };
};

const listCollections: Handler = (cmd, ctx) => {
  const colls = [...(ctx.engine.dbs.get(ctx.db)?.values() ?? [])];
  const all: Doc[] = colls.map((c) => ({
    name: c.name,
    type: 'collection',
    options: {},
    info: { readOnly: false, uuid: c.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  let docs = cmd.filter ? new Query(cmd.filter as Doc, MINGO_OPTIONS).find<Doc>(all).all() : all;
  if (cmd.nameOnly) docs = docs.map((d) => ({ name: d.name, type: d.type }));
  return ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, docs, undefined);
};

const INDEX_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'background',
  'v',
  'expireAfterSeconds',
]);

function validateIndex(spec: Doc): IndexSpec {
  const key = spec.key as Doc | undefined;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0)
    throw badValue('index key pattern must be a non-empty object');
  for (const [field, dir] of Object.entries(key)) {
    if (typeof dir === 'string') throw notImplemented(`${dir} indexes (field '${field}')`);
  }
  if (spec.expireAfterSeconds !== undefined) {
    const secs = Number(spec.expireAfterSeconds);
    if (!Number.isFinite(secs) || secs < 0)
      throw badValue('expireAfterSeconds must be a non-negative number');
    if (Object.keys(key).length !== 1)
      throw badValue('TTL indexes are single-field indexes, compound indexes do not support TTL');
  }
  for (const opt of Object.keys(spec)) {
    if (opt === 'collation') throw notImplemented('collation');
    if (!INDEX_OPTIONS.has(opt)) throw notImplemented(`index option '${opt}'`);
  }
  const name =
    typeof spec.name === 'string'
      ? spec.name
      : Object.entries(key)
          .map(([f, d]) => `${f}_${String(d)}`)
          .join('_');
  return { v: 2, ...spec, key: key as Record<string, number>, name } as IndexSpec;
}

const sameSpec = (a: IndexSpec, b: IndexSpec): boolean =>
  JSON.stringify(a.key) === JSON.stringify(b.key) &&
  !!a.unique === !!b.unique &&
  JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(b.partialFilterExpression ?? null);

const createIndexes: Handler = (cmd, ctx) => {
  const coll = ctx.engine.ensureCollection(ctx.db, collName(cmd), ctx.ops);
  const before = coll.indexes.size + 1;
  for (const raw of (cmd.indexes as Doc[]) ?? []) {
    const spec = validateIndex(raw);
    if (spec.name === '_id_' || JSON.stringify(spec.key) === '{"_id":1}') continue;
    const existingSpec =
      coll.indexes.get(spec.name)?.spec ??
      [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(spec.key))?.spec;
    if (existingSpec) {
      if (sameSpec(existingSpec, spec) && existingSpec.name === spec.name) continue;
      throw new MongoLiteError(
        86,
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index or the same key with different options: ${existingSpec.name}`,
      );
    }
    coll.createIndex(spec);
    ctx.ops.push({ op: 'createIndex', db: ctx.db, coll: coll.name, spec });
  }
  return {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexes.size + 1,
    createdCollectionAutomatically: false,
    ok: 1,
  };
};

const listIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd);
  const coll = ctx.engine.collection(ctx.db, name);
  if (!coll) throw nsNotFound(`${ctx.db}.${name}`);
  return ctx.cursors.first(`${ctx.db}.${name}`, coll.indexSpecs() as Doc[], undefined);
};

const dropIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd);
  const coll = ctx.engine.collection(ctx.db, name);
  if (!coll) throw nsNotFound(`${ctx.db}.${name}`);
  const before = coll.indexes.size + 1;
  const which = cmd.index;
  const names =
    which === '*'
      ? [...coll.indexes.keys()]
      : (Array.isArray(which) ? which : [which]).map((w) =>
          typeof w === 'string'
            ? w
            : [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(w))?.spec
                .name,
        );
  for (const n of names) {
    if (n === '_id_') throw new MongoLiteError(72, 'InvalidOptions', 'cannot drop _id index');
    if (!n || !coll.indexes.has(n))
      throw new MongoLiteError(
        27,
        'IndexNotFound',
        `index not found with name [${String(n ?? JSON.stringify(which))}]`,
      );
    coll.indexes.delete(n);
    ctx.ops.push({ op: 'dropIndex', db: ctx.db, coll: name, name: n });
  }
  return { nIndexesWas: before, ok: 1 };
};

export const ddlCommands: Record<string, Handler> = {
  create,
  drop,
  dropDatabase,
  listDatabases,
  listCollections,
  createIndexes,
  listIndexes,
  dropIndexes,
};
