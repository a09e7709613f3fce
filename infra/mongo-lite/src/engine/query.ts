import { Query } from 'mingo';
import type { Collection } from './collection';
import type { Engine, Txn } from './engine';
import { compileFilter } from './matcher';
import { MINGO_OPTIONS } from './mingo-options';
import { plan } from './planner';
import { rejectUnsupported } from './unsupported';
import { setTag, tagOf } from './numeric';
import { topLevelProjection } from './top-projection';
import { compareValues, type Doc, isPlainObject, valuesAtPath } from './values';

export interface FindOptions {
  sort?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

export { MINGO_OPTIONS } from './mingo-options';

/** Matches `filter` against the collection as the transaction sees it, using an index when one applies. */
export function findDocs(
  engine: Engine,
  coll: Collection | undefined,
  filter: Doc,
  opts: FindOptions,
  txn?: Txn,
): Doc[] {
  rejectUnsupported(filter);
  if (!coll) return [];
  const matches = compileFilter(filter);
  const own = txn?.overlay(coll);
  const before = txn?.before(coll);
  const p = plan(coll, filter, opts.sort);
  const out: Doc[] = [];
  const skip = opts.skip ?? 0;
  const extra = own || before;
  const stopAt = p.sorted && !extra && opts.limit ? skip + opts.limit : Infinity;
  const ids: Iterable<string> = p.ids === 'all' ? coll.docs.keys() : p.ids;
  for (const id of ids) {
    if (own?.has(id) || before?.has(id)) continue;
    const doc = coll.docs.get(id);
    if (doc && matches(doc)) {
      out.push(doc);
      if (out.length >= stopAt) break;
    }
  }
  if (own) for (const doc of own.values()) if (doc && matches(doc)) out.push(doc);
  if (before) {
    for (const [id, doc] of before) if (doc && !own?.has(id) && matches(doc)) out.push(doc);
  }
  const needSort = opts.sort && Object.keys(opts.sort).length > 0 && (!p.sorted || extra);
  if (needSort) out.sort(sortComparator(opts.sort as Doc));
  const sliced = out.slice(skip, opts.limit ? skip + opts.limit : undefined);
  return opts.projection && Object.keys(opts.projection).length > 0
    ? project(sliced, opts.projection)
    : sliced;
}

/** Sort by a spec the way the server does: arrays sort by their smallest (ascending) or largest (descending) element. */
export function sortComparator(spec: Doc): (a: Doc, b: Doc) => number {
  const keys = Object.entries(spec).filter(([k]) => k !== '$natural');
  rejectUnsupported(spec);
  return (a, b) => {
    for (const [field, dir] of keys) {
      const d = Number(dir) < 0 ? -1 : 1;
      const c = compareValues(sortValue(a, field, d), sortValue(b, field, d));
      if (c !== 0) return c * d;
    }
    return 0;
  };
}

function sortValue(doc: Doc, field: string, dir: number): unknown {
  const vs = valuesAtPath(doc, field);
  if (vs.length === 0) return null;
  if (vs.length === 1) return vs[0];
  return vs.reduce((m, v) => (compareValues(v, m) * dir < 0 ? v : m));
}

export function project(docs: Doc[], projection: Doc): Doc[] {
  const fast = topLevelProjection(projection);
  if (fast) return docs.map(fast);
  const out = new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all();
  out.forEach((d, i) => carryTags(docs[i], d));
  return out;
}

/** Projection builds new objects; keep the numeric type tags of fields it copied unchanged. */
function carryTags(from: unknown, to: unknown): void {
  if (!isPlainObject(from) || !isPlainObject(to)) return;
  for (const k of Object.keys(to)) {
    const a = from[k];
    const b = to[k];
    if (typeof b === 'number' && a === b) setTag(to, k, tagOf(from, k));
    else if (a !== b) carryTags(a, b);
  }
}
