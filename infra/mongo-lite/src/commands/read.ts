import { Aggregator } from 'mingo';
import { badValue, notImplemented } from '../errors';
import { countDocs, planCount, runCount } from '../engine/count';
import type { Collection } from '../engine/collection';
import { compileFilter } from '../engine/matcher';
import { plan } from '../engine/planner';
import { findDocs, type FindOptions, MINGO_OPTIONS } from '../engine/query';
import { rejectCollation, rejectCursorOptions, rejectUnsupported } from '../engine/unsupported';
import { cloneDeep, compareValues, type Doc, keyOf, valuesAtPath } from '../engine/values';
import { collName, type CommandCtx, type Handler } from './context';

const num = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));

const find: Handler = (cmd, ctx) => {
  rejectCollation(cmd);
  rejectCursorOptions(cmd);
  const name = collName(cmd);
  const coll = ctx.engine.collection(ctx.db, name);
  const rawLimit = num(cmd.limit);
  const limit = rawLimit ? Math.abs(rawLimit) : undefined;
  const docs = findDocs(
    ctx.engine,
    coll,
    (cmd.filter as Doc) ?? {},
    { sort: cmd.sort as Doc, skip: num(cmd.skip), limit, projection: cmd.projection as Doc },
    ctx.txn,
  );
  const single = cmd.singleBatch === true || (rawLimit ?? 0) < 0;
  return ctx.cursors.first(`${ctx.db}.${name}`, docs, num(cmd.batchSize), single);
};

const getMore: Handler = (cmd, ctx) => {
  const id = Number(cmd.getMore);
  return ctx.cursors.more(id, `${ctx.db}.${String(cmd.collection)}`, num(cmd.batchSize));
};

const killCursors: Handler = (cmd, ctx) => ctx.cursors.kill(((cmd.cursors as unknown[]) ?? []).map(Number));

const count: Handler = (cmd, ctx) => {
  rejectCollation(cmd);
  const coll = ctx.engine.collection(ctx.db, collName(cmd));
  if (!num(cmd.skip) && !num(cmd.limit))
    return { n: countDocs(ctx.engine, coll, (cmd.query as Doc) ?? {}, ctx.txn).n, ok: 1 };
  const docs = findDocs(
    ctx.engine,
    coll,
    (cmd.query as Doc) ?? {},
    { skip: num(cmd.skip), limit: num(cmd.limit) },
    ctx.txn,
  );
  return { n: docs.length, ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  rejectCollation(cmd);
  const coll = ctx.engine.collection(ctx.db, collName(cmd));
  const key = String(cmd.key);
  const seen = new Map<string, unknown>();
  for (const doc of findDocs(ctx.engine, coll, (cmd.query as Doc) ?? {}, {}, ctx.txn)) {
    for (const v of valuesAtPath(doc, key)) if (v !== undefined) seen.set(keyOf(v), v);
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
};

/** Other collections for $lookup/$unionWith, read once per aggregate, as the transaction sees them. */
function resolver(ctx: CommandCtx): (name: string) => Doc[] {
  const cache = new Map<string, Doc[]>();
  return (name) => {
    let docs = cache.get(name);
    if (!docs) {
      docs = findDocs(ctx.engine, ctx.engine.collection(ctx.db, name), {}, {}, ctx.txn).map(cloneDeep);
      cache.set(name, docs);
    }
    return docs;
  };
}

const aggregate: Handler = (cmd, ctx) => {
  rejectCollation(cmd);
  if (cmd.explain) throw notImplemented('explain');
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
  rejectUnsupported(pipeline, true);
  const stages = [...(pipeline as Doc[])];
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  let source: Doc[] = [];
  if (name) {
    const { filter, opts } = takeLeadingStages(stages);
    const coll = ctx.engine.collection(ctx.db, name);
    const group = countGroup(stages);
    if (group && opts.sort === undefined) {
      // countDocuments: from an index alone when one covers the filter (engine/count.ts)
      const n = countDocs(ctx.engine, coll, filter, ctx.txn).n;
      return ctx.cursors.first(`${ctx.db}.${name}`, n === 0 ? [] : [{ _id: group.id, [group.field]: n }]);
    }
    const matched = findDocs(ctx.engine, coll, filter, opts, ctx.txn);
    if (group) {
      const n = matched.length;
      return ctx.cursors.first(`${ctx.db}.${name}`, n === 0 ? [] : [{ _id: group.id, [group.field]: n }]);
    }
    source = matched.map(cloneDeep);
  }
  const agg = new Aggregator(stages, {
    ...MINGO_OPTIONS,
    collectionResolver: resolver(ctx),
    variables: (cmd.let as Doc) ?? undefined,
  });
  const out = agg.run<Doc>(source);
  const cursor = (cmd.cursor as Doc | undefined) ?? {};
  return ctx.cursors.first(`${ctx.db}.${name ?? '$cmd.aggregate'}`, out, num(cursor.batchSize));
};

/**
 * Moves a leading `$match`, then `$sort`, `$skip`, `$limit` (in that order) out of the pipeline into the
 * planner, so indexed predicates and sorts do not scan and a limit stops the index walk early.
 */
function takeLeadingStages(stages: Doc[]): { filter: Doc; opts: FindOptions } {
  let filter: Doc = {};
  const opts: FindOptions = {};
  const head = (): Doc => stages[0] ?? {};
  if ('$match' in head() && !hasExpr(head().$match)) filter = stages.shift()?.$match as Doc;
  if ('$sort' in head()) {
    opts.sort = stages.shift()?.$sort as Doc;
    if ('$skip' in head()) opts.skip = Number(stages.shift()?.$skip);
    if ('$limit' in head()) opts.limit = Number(stages.shift()?.$limit);
  }
  return { filter, opts };
}

/**
 * The driver's countDocuments — `$match` (taken into the planner), then only `{ $group: { _id: <constant>,
 * n: { $sum: 1 } } }` — answered from the number of matches, without copying every matched document for mingo
 * (issue 19: a list's total cost more than its page). Returns the group's id and output field.
 */
function countGroup(stages: Doc[]): { id: unknown; field: string } | undefined {
  if (stages.length !== 1 || !('$group' in (stages[0] as Doc))) return undefined;
  const group = (stages[0] as Doc).$group as Doc;
  const keys = Object.keys(group);
  if (keys.length !== 2 || !keys.includes('_id')) return undefined;
  const id = group._id;
  if (id !== null && typeof id !== 'number' && typeof id !== 'boolean') return undefined;
  const field = keys.find((k) => k !== '_id') as string;
  const acc = group[field] as Doc;
  if (!acc || Object.keys(acc).length !== 1 || acc.$sum !== 1) return undefined;
  return { id, field };
}

const hasExpr = (m: unknown): boolean => JSON.stringify(m ?? {}).includes('"$expr"');

/**
 * `explain` of a find or count: the planner's choice in mongod's shape — `queryPlanner.winningPlan` an IXSCAN
 * (with `indexName`) or a COLLSCAN, under a SORT stage when the index does not give the order — and, as
 * `executionStats`, how many documents the plan had to look at for how many returned. Enough to show a list is
 * served from an index (issue 19 §2), not mongod's full output.
 */
const explain: Handler = (cmd, ctx) => {
  const inner = cmd.explain as Doc;
  const kind = Object.keys(inner)[0];
  if (kind !== 'find' && kind !== 'count') throw notImplemented(`explain of ${String(kind)}`);
  const coll = ctx.engine.collection(ctx.db, collName(inner));
  const filter = ((kind === 'find' ? inner.filter : inner.query) as Doc) ?? {};
  const sort = kind === 'find' ? (inner.sort as Doc | undefined) : undefined;
  const covered =
    kind === 'count' && coll && !num(inner.skip) && !num(inner.limit) && planCount(coll, filter);
  if (covered) {
    // A count read from index entries alone: no document fetched unless an entry's key could not decide.
    const r = runCount(covered);
    const scan = { stage: 'COUNT_SCAN', indexName: r.index, keyPattern: covered.index.spec.key };
    return {
      queryPlanner: {
        namespace: `${ctx.db}.${collName(inner)}`,
        winningPlan: { stage: 'COUNT', inputStage: scan },
      },
      executionStats: { nReturned: r.n, keysExamined: r.keys, fetched: r.fetched, candidateDocs: r.fetched },
      ok: 1,
    };
  }
  const p = coll ? plan(coll, filter, sort) : { ids: [] as string[], sorted: false, index: undefined };
  const scan: Doc =
    p.ids === 'all'
      ? { stage: 'COLLSCAN', filter }
      : { stage: p.index === '$or' ? 'OR' : 'IXSCAN', indexName: p.index ?? null };
  const needsSort = sort !== undefined && Object.keys(sort).length > 0 && !p.sorted;
  const winningPlan = needsSort ? { stage: 'SORT', sortPattern: sort, inputStage: scan } : scan;
  const examined = p.ids === 'all' ? (coll?.docs.size ?? 0) : [...p.ids].length;
  const opts = { sort, skip: num(inner.skip), limit: num(inner.limit) };
  const returned = findDocs(ctx.engine, coll, filter, opts).length;
  return {
    queryPlanner: { namespace: `${ctx.db}.${collName(inner)}`, winningPlan },
    // candidateDocs: the documents the plan offers before matching; docsExamined: those a find reads before
    // it stops (a walk in sort order stops at skip + limit matches).
    executionStats: {
      nReturned: returned,
      candidateDocs: examined,
      docsExamined: coll ? docsExamined(coll, filter, opts) : 0,
    },
    ok: 1,
  };
};

/** How many documents `findDocs` reads for this query outside a transaction (its loop, counting). */
function docsExamined(coll: Collection, filter: Doc, opts: FindOptions): number {
  const p = plan(coll, filter, opts.sort);
  const matches = compileFilter(filter);
  const stopAt = p.sorted && opts.limit ? (opts.skip ?? 0) + opts.limit : Infinity;
  let examined = 0;
  let matched = 0;
  for (const id of p.ids === 'all' ? coll.docs.keys() : p.ids) {
    examined++;
    const doc = coll.docs.get(id);
    if (doc && matches(doc) && ++matched >= stopAt) break;
  }
  return examined;
}

export const readCommands: Record<string, Handler> = {
  explain,
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
