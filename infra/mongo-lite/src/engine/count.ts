import type { Collection } from './collection';
import type { Engine, Txn } from './engine';
import { type IndexStore, plainValue, type Range } from './index-store';
import { compileFilter, type Matcher, operatorTest, simpleScalar, type Test } from './matcher';
import { findDocs } from './query';
import { rejectUnsupported } from './unsupported';
import { compareValues, type Doc, isPlainObject } from './values';

/**
 * Counts answered from an index alone (issue 19 §2: a list's total over 50,000 documents cost more than its
 * page, because counting fetched and matched every document the index range named).
 *
 * A count is covered when every field the filter names is a field of one index's key, each condition is one
 * whose answer depends only on the value at that path (`$eq`/implicit equality, `$in`, `$gt(e)`, `$lt(e)` on
 * scalars, `$exists`, joined by `$and`), the index holds every document (not partial or sparse) and no indexed
 * document has an array on any of the key's paths. Then each document has exactly one entry, whose values are
 * the document's own values at those paths (null for missing), and the filter can be decided per entry:
 *
 * - filters `compileFilter` answers on its fast path (no `$exists`, no `$and`) apply the very same per-value
 *   tests to the entry's values; a null value fails every one of them, as a missing or null field does;
 * - the others run the same compiled matcher on a document rebuilt from the entry's values; an entry with a
 *   null value cannot tell missing from null (`$exists`), so its documents are fetched and matched. Equal
 *   values of different types (2 and Long 2) share an entry, so this needs an index whose key paths hold
 *   only strings, JS numbers, booleans, Dates and ObjectIds (`wrappedDocs` 0); the fast tests compare by
 *   the same hash key the entry is filed under, so they answer alike for every value sharing an entry.
 *
 * Anything else (other operators, arrays, a transaction with its own writes or snapshot, no covering index)
 * falls back to matching the documents, so a covered count always equals that fallback's count.
 */
export interface CountPlan {
  index: IndexStore;
  spans: Array<{ prefix: unknown[]; range: Range }>;
  /**
   * Decides one entry: how many of its documents match (fetching only when the key cannot tell); undefined
   * when the spans alone decide (every field pinned by the prefix): then every id in them counts.
   */
  visit: ((vals: unknown[], ids: ReadonlySet<string>) => number) | undefined;
  /** Documents fetched so far by `visit` (entries whose key could not decide). */
  fetched: () => number;
}

export interface CountResult {
  n: number;
  /** The index the count was read from, when covered. */
  index?: string;
  keys: number;
  fetched: number;
}

type Ops = Array<[string, unknown]>;
const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
/** Beyond this many equality/`$in` prefixes the span stops at a shorter prefix (still a superset). */
const MAX_PREFIXES = 1000;

const bsonRegex = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONRegExp';
const scalarArg = (v: unknown): boolean => simpleScalar(v) && !bsonRegex(v);

/** The filter's conditions per field, or undefined when a condition is not one a covered count can decide. */
function conditions(filter: Doc, out: Map<string, Ops>, shape: { fast: boolean }): boolean {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and') {
      if (!Array.isArray(cond) || cond.length === 0) return false;
      shape.fast = false;
      for (const sub of cond) if (!isPlainObject(sub) || !conditions(sub, out, shape)) return false;
      continue;
    }
    if (field.startsWith('$') || field === '' || /(^|\.)\d+(\.|$)/.test(field)) return false;
    const ops = out.get(field) ?? [];
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      for (const [op, arg] of Object.entries(cond)) {
        if (op === '$eq' || RANGE_OPS.has(op)) {
          if (!scalarArg(arg)) return false;
        } else if (op === '$in') {
          if (!Array.isArray(arg) || !arg.every(scalarArg)) return false;
        } else if (op === '$exists') {
          if (typeof arg !== 'boolean') return false;
          shape.fast = false;
        } else return false;
        ops.push([op, arg]);
      }
    } else if (scalarArg(cond)) {
      ops.push(['$eq', cond]);
    } else return false;
    out.set(field, ops);
  }
  return true;
}

/** `$in` values without duplicates in the index's order, so their spans do not overlap. */
function distinctSorted(values: unknown[]): unknown[] {
  const sorted = [...values].sort(compareValues);
  return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1], v) !== 0);
}

/** Equality and `$in` prefixes of the key, then a range on the next field: a superset of the matches. */
function spansFor(index: IndexStore, conds: Map<string, Ops>): CountPlan['spans'] {
  let prefixes: unknown[][] = [[]];
  let k = 0;
  for (; k < index.fields.length; k++) {
    const ops = conds.get(index.fields[k] as string) ?? [];
    const eq = ops.find(([op]) => op === '$eq');
    const inOp = ops.find(([op]) => op === '$in');
    if (eq) prefixes = prefixes.map((p) => [...p, eq[1]]);
    else if (inOp) {
      const vs = distinctSorted(inOp[1] as unknown[]);
      if (prefixes.length * vs.length > MAX_PREFIXES) break;
      prefixes = prefixes.flatMap((p) => vs.map((v) => [...p, v]));
    } else break;
  }
  const range: Range = {};
  for (const [op, v] of conds.get(index.fields[k] as string) ?? []) {
    if ((op === '$gt' || op === '$gte') && (!range.lo || compareValues(v, range.lo.value) > 0))
      range.lo = { value: v, inclusive: op === '$gte' };
    if ((op === '$lt' || op === '$lte') && (!range.hi || compareValues(v, range.hi.value) < 0))
      range.hi = { value: v, inclusive: op === '$lte' };
  }
  return prefixes.map((prefix) => ({ prefix, range }));
}

/**
 * Fields whose only condition is an equality (or a `$in`) fixed in every span's prefix: the span already holds
 * only entries comparing equal to it, so their test is skipped. A string compares equal only to the same
 * string; other values only while the index holds no BSON-wrapped values (a Decimal128 compares equal to a
 * number but is not `$eq` to it), and then compare-equal is hash-key-equal, which is what the test asks.
 */
function pinnedByPrefix(index: IndexStore, spans: CountPlan['spans'], conds: Map<string, Ops>): Set<string> {
  const pinned = new Set<string>();
  const depth = spans[0]?.prefix.length ?? 0;
  const exact = (v: unknown): boolean => typeof v === 'string' || (index.wrappedDocs === 0 && plainValue(v));
  for (const field of index.fields.slice(0, depth)) {
    const ops = conds.get(field) ?? [];
    if (ops.length !== 1) continue;
    const [op, arg] = ops[0] as [string, unknown];
    if (op === '$eq' && exact(arg)) pinned.add(field);
    if (op === '$in' && (arg as unknown[]).every(exact)) pinned.add(field);
  }
  return pinned;
}

/** Fields of a filter where one names a parent of another: a rebuilt document could not hold both. */
const nested = (fields: string[]): boolean =>
  fields.some((a) => fields.some((b) => a !== b && b.startsWith(`${a}.`)));

function rebuild(fields: Array<[string, number]>, vals: unknown[]): Doc {
  const doc: Doc = {};
  for (const [field, i] of fields) {
    const v = vals[i];
    if (v === null) continue;
    const parts = field.split('.');
    let cur = doc;
    for (const part of parts.slice(0, -1)) cur = (cur[part] ??= {}) as Doc;
    cur[parts[parts.length - 1] as string] = v;
  }
  return doc;
}

function visitor(
  coll: Collection,
  index: IndexStore,
  filter: Doc,
  conds: Map<string, Ops>,
  fast: boolean,
  pinned: Set<string>,
): Pick<CountPlan, 'visit' | 'fetched'> {
  let fetched = 0;
  const fetchedCount = (): number => fetched;
  if (fast) {
    const tests: Array<[number, Test]> = [];
    for (const [field, ops] of conds) {
      if (pinned.has(field)) continue;
      for (const [op, arg] of ops) tests.push([index.fields.indexOf(field), operatorTest(op, arg) as Test]);
    }
    if (tests.length === 0) return { visit: undefined, fetched: fetchedCount };
    const at = tests.map(([i]) => i);
    const fns = tests.map(([, t]) => t);
    const visit = (vals: unknown[], ids: ReadonlySet<string>): number => {
      for (let k = 0; k < fns.length; k++) if (!(fns[k] as Test)(vals[at[k] as number])) return 0;
      return ids.size;
    };
    return { visit, fetched: fetchedCount };
  }
  const matches: Matcher = compileFilter(filter);
  const fields = [...conds.keys()].map((f): [string, number] => [f, index.fields.indexOf(f)]);
  const visit = (vals: unknown[], ids: ReadonlySet<string>): number => {
    if (fields.some(([, i]) => vals[i] === null)) {
      // null in the key: the field is null or missing, which `$exists` tells apart — ask the documents.
      let n = 0;
      for (const id of ids) {
        const doc = coll.docs.get(id);
        if (doc && matches(doc)) n++;
      }
      fetched += ids.size;
      return n;
    }
    return matches(rebuild(fields, vals)) ? ids.size : 0;
  };
  return { visit, fetched: fetchedCount };
}

/** The covering index with the fewest keys to visit for this filter, or undefined when none covers it. */
export function planCount(coll: Collection, filter: Doc): CountPlan | undefined {
  const conds = new Map<string, Ops>();
  const shape = { fast: true };
  if (!conditions(filter, conds, shape) || conds.size === 0) return undefined;
  const fields = [...conds.keys()];
  if (!shape.fast && nested(fields)) return undefined;
  let best: { index: IndexStore; spans: CountPlan['spans']; cost: number } | undefined;
  for (const index of coll.indexes.values()) {
    if (!index.complete || index.arrayDocs !== 0 || (!shape.fast && index.wrappedDocs !== 0)) continue;
    if (!fields.every((f) => index.fields.includes(f))) continue;
    const spans = spansFor(index, conds);
    const cost = spans.reduce((n, s) => n + index.spanKeys(s.range, s.prefix), 0);
    if (!best || cost < best.cost) best = { index, spans, cost };
  }
  if (!best) return undefined;
  const pinned = shape.fast ? pinnedByPrefix(best.index, best.spans, conds) : new Set<string>();
  return {
    index: best.index,
    spans: best.spans,
    ...visitor(coll, best.index, filter, conds, shape.fast, pinned),
  };
}

/** Runs a covered count plan. */
export function runCount(p: CountPlan): CountResult {
  let n = 0;
  let keys = 0;
  for (const s of p.spans) {
    const r = p.visit ? p.index.countSpan(s.range, s.prefix, p.visit) : p.index.countAll(s.range, s.prefix);
    n += r.n;
    keys += r.keys;
  }
  return { n, index: p.index.spec.name, keys, fetched: p.fetched() };
}

/**
 * The number of documents matching `filter` as the transaction sees it: from an index alone when one covers
 * the filter (see above), otherwise by matching documents as `find` does.
 */
export function countDocs(engine: Engine, coll: Collection | undefined, filter: Doc, txn?: Txn): CountResult {
  rejectUnsupported(filter);
  if (!coll) return { n: 0, keys: 0, fetched: 0 };
  if (!txn?.overlay(coll) && !txn?.before(coll)) {
    if (Object.keys(filter).length === 0) return { n: coll.docs.size, keys: 0, fetched: 0 };
    const p = planCount(coll, filter);
    if (p) return runCount(p);
  }
  const n = findDocs(engine, coll, filter, {}, txn).length;
  return { n, keys: 0, fetched: n };
}
