import { ObjectId } from 'bson';
import { failedToParse, MongoLiteError, asMongoError } from '../errors';
import type { Collection } from '../engine/collection';
import { copyTags } from '../engine/numeric';
import { findDocs, project } from '../engine/query';
import { rejectCollation } from '../engine/unsupported';
import { applyUpdate, isReplacement, upsertDocument } from '../engine/update';
import { type Doc, keyOf } from '../engine/values';
import { encodeDoc } from '../wire/bson-bytes';
import { collName, type CommandCtx, type Handler } from './context';

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [k: string]: unknown;
}

/** Runs each statement; failures become writeErrors (ordered batches stop at the first). Errors labelled for
 * transaction retry, and any failure inside a transaction, fail the whole command instead. */
function eachStatement<T>(
  ctx: CommandCtx,
  items: T[],
  ordered: boolean,
  run: (item: T, i: number) => void,
): WriteError[] {
  const errors: WriteError[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i] as T, i);
    } catch (err) {
      const e = asMongoError(err);
      if (e.labels.length > 0) throw e;
      if (ctx.txn) ctx.engine.abort(ctx.txn);
      errors.push({ index: i, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra });
      if (ordered) break;
    }
  }
  return errors;
}

const withErrors = (reply: Doc, errors: WriteError[]): Doc =>
  errors.length ? { ...reply, writeErrors: errors } : reply;

function target(ctx: CommandCtx, cmd: Doc): Collection {
  return ctx.engine.ensureCollection(ctx.db, collName(cmd), ctx.ops);
}

const insert: Handler = (cmd, ctx) => {
  const coll = target(ctx, cmd);
  const docs = (cmd.documents as Doc[] | undefined) ?? [];
  let n = 0;
  const errors = eachStatement(ctx, docs, cmd.ordered !== false, (doc) => {
    // The server stores _id first whatever position the client gave it.
    const { _id, ...rest } = doc;
    const withId = { _id: _id === undefined ? new ObjectId() : _id, ...rest };
    copyTags(doc, withId);
    if (Array.isArray(withId._id))
      throw new MongoLiteError(53, 'InvalidIdField', "can't use an array for _id");
    ctx.engine.insert(ctx, coll, withId);
    n++;
  });
  return withErrors({ n, ok: 1 }, errors);
};

/**
 * No change when the new document encodes to the same bytes (as the server compares). The new document's
 * encoding is kept (encodeDoc) for the log and the reads that follow, so this costs no extra serialization
 * when the write goes ahead; a key string of both documents, as before, cost a deep walk of each.
 */
const unchanged = (a: Doc, b: Doc): boolean => encodeDoc(a).equals(encodeDoc(b));

const update: Handler = (cmd, ctx) => {
  const coll = target(ctx, cmd);
  const statements = (cmd.updates as Doc[] | undefined) ?? [];
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const errors = eachStatement(ctx, statements, cmd.ordered !== false, (s, index) => {
    rejectCollation(s);
    const filter = (s.q as Doc) ?? {};
    const u = s.u as Doc | Doc[];
    const arrayFilters = s.arrayFilters as Doc[] | undefined;
    if (s.multi && isReplacement(u))
      throw failedToParse('multi update is not supported for replacement-style update');
    const sort = s.sort as Doc | undefined;
    const matched = findDocs(ctx.engine, coll, filter, { limit: s.multi ? undefined : 1, sort }, ctx.txn);
    for (const doc of matched) {
      const next = applyUpdate(doc, u, { arrayFilters, filter });
      n++;
      if (unchanged(doc, next)) continue;
      ctx.engine.write(ctx, coll, keyOf(doc._id), next);
      nModified++;
    }
    if (matched.length === 0 && s.upsert) {
      const doc = upsertDocument(filter, u, arrayFilters);
      ctx.engine.insert(ctx, coll, doc);
      n++;
      upserted.push({ index, _id: doc._id });
    }
  });
  const reply: Doc = { n, nModified, ok: 1 };
  if (upserted.length) reply.upserted = upserted;
  return withErrors(reply, errors);
};

const del: Handler = (cmd, ctx) => {
  const coll = target(ctx, cmd);
  let n = 0;
  const errors = eachStatement(ctx, (cmd.deletes as Doc[]) ?? [], cmd.ordered !== false, (s) => {
    rejectCollation(s);
    const limit = Number(s.limit ?? 0) === 1 ? 1 : undefined;
    for (const doc of findDocs(ctx.engine, coll, (s.q as Doc) ?? {}, { limit }, ctx.txn)) {
      ctx.engine.write(ctx, coll, keyOf(doc._id), null);
      n++;
    }
  });
  return withErrors({ n, ok: 1 }, errors);
};

const findAndModify: Handler = (cmd, ctx) => {
  rejectCollation(cmd);
  const coll = target(ctx, cmd);
  const filter = (cmd.query as Doc) ?? {};
  const fields = cmd.fields as Doc | undefined;
  const shape = (d: Doc | undefined): Doc | null =>
    d ? (fields ? (project([d], fields)[0] ?? null) : d) : null;
  try {
    const [doc] = findDocs(ctx.engine, coll, filter, { sort: cmd.sort as Doc, limit: 1 }, ctx.txn);
    if (cmd.remove) {
      if (doc) ctx.engine.write(ctx, coll, keyOf(doc._id), null);
      return { lastErrorObject: { n: doc ? 1 : 0 }, value: shape(doc), ok: 1 };
    }
    const u = cmd.update as Doc | Doc[] | undefined;
    if (!u) throw failedToParse('Either an update or remove=true must be specified');
    const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
    if (doc) {
      const next = applyUpdate(doc, u, { arrayFilters, filter });
      if (!unchanged(doc, next)) ctx.engine.write(ctx, coll, keyOf(doc._id), next);
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(cmd.new ? next : doc), ok: 1 };
    }
    if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const created = upsertDocument(filter, u, arrayFilters);
    ctx.engine.insert(ctx, coll, created);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id },
      value: cmd.new ? shape(created) : null,
      ok: 1,
    };
  } catch (err) {
    if (ctx.txn) ctx.engine.abort(ctx.txn);
    throw err;
  }
};

export const writeCommands: Record<string, Handler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
};
