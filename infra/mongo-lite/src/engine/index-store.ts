import { Query } from 'mingo';
import { compareValues, type Doc, keyOf, typeRank, valuesAtPath } from './values';

export interface IndexSpec {
  name: string;
  key: Record<string, number>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  [option: string]: unknown;
}

interface Entry {
  vals: unknown[];
  ids: Set<string>;
  dead?: boolean;
}

export interface Bound {
  value: unknown;
  inclusive: boolean;
}
export interface Range {
  lo?: Bound;
  hi?: Bound;
}

export interface IndexKey {
  key: string;
  vals: unknown[];
}

const NOT_SCALAR = Symbol('not a scalar');

/** The scalar (or undefined) at a dotted path through plain objects only; NOT_SCALAR for anything else. */
function scalarAt(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    if (typeof cur !== 'object' || Array.isArray(cur) || Object.getPrototypeOf(cur) !== Object.prototype)
      return NOT_SCALAR;
    cur = (cur as Doc)[part];
  }
  return cur !== null && typeof cur === 'object' ? NOT_SCALAR : cur;
}

/** Hash key of an index key: the value's own key for one field, a JSON array of them for compound keys. */
export const encodeKey = (vals: unknown[]): string =>
  vals.length === 1 ? keyOf(vals[0]) : JSON.stringify(vals.map(keyOf));

export const compareKeys = (a: unknown[], b: unknown[]): number => {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
};

/**
 * One secondary index: a hash from encoded key to document ids (equality) plus the distinct keys in sorted
 * order (ranges and ordered walks). New keys wait in a pending list and are merged into the order only when a
 * range scan needs it, so inserts stay O(1) whatever the key order.
 */
export class IndexStore {
  readonly fields: string[];
  multikey = false;
  /**
   * Indexed documents with an array anywhere on one of the key's paths (even a one-element array, which
   * yields one key and leaves `multikey` false). While it is 0, every document has exactly one entry whose
   * values are the document's own values (null for missing), so a count may be read from the entries alone.
   */
  arrayDocs = 0;
  /**
   * Indexed documents with a value on a key path other than a string, JS number, boolean, Date or ObjectId
   * (a BSON-wrapped number, an embedded document, ...). Equal values share an entry, which keeps the first
   * document's values: while this is 0, values that share an entry are also of one type, so a document
   * rebuilt from the entry answers any matcher as each of its documents would.
   */
  wrappedDocs = 0;
  private readonly entries = new Map<string, Entry>();
  private order: Entry[] = [];
  private pending: Entry[] = [];
  private dead = 0;
  /** Running totals of ids over `order` (cum[i]: ids in order[0..i)), built on demand, dropped on a write. */
  private cum: Float64Array | undefined;
  private readonly partial: Query | undefined;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression, {}) : undefined;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** Whether the planner may trust this index to hold every document. */
  get complete(): boolean {
    return !this.partial && this.spec.sparse !== true;
  }

  /** The index keys of a document; empty when a partial or sparse index leaves it out. */
  keysFor(doc: Doc): IndexKey[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => {
      const vs = valuesAtPath(doc, f);
      return vs.length === 0 ? [undefined] : dedupe(vs);
    });
    if (this.spec.sparse && perField.every((vs) => vs.length === 1 && vs[0] === undefined)) return [];
    let combos: unknown[][] = [[]];
    for (const vs of perField) {
      if (vs.length > 1) this.multikey = true;
      combos = combos.flatMap((c) => vs.map((v) => [...c, v === undefined ? null : v]));
    }
    return combos.map((vals) => ({ key: encodeKey(vals), vals }));
  }

  /**
   * Whether a replacement leaves this index's keys as they were, decided without computing them: every field
   * of the key reaches a scalar through plain objects in both documents and the scalars are identical.
   * Anything else (arrays, sub-documents, a partial filter) answers false and the keys are recomputed.
   */
  sameKeys(old: Doc, doc: Doc): boolean {
    if (this.partial) return false;
    for (const f of this.fields) {
      const a = scalarAt(old, f);
      if (a === NOT_SCALAR || a !== scalarAt(doc, f)) return false;
    }
    return true;
  }

  add(id: string, doc: Doc): void {
    const keys = this.keysFor(doc);
    if (keys.length > 0) this.tally(doc, 1);
    this.cum = undefined;
    for (const k of keys) {
      let e = this.entries.get(k.key);
      if (!e) {
        e = { vals: k.vals, ids: new Set() };
        this.entries.set(k.key, e);
        this.pending.push(e);
      }
      e.ids.add(id);
    }
  }

  remove(id: string, doc: Doc): void {
    const keys = this.keysFor(doc);
    if (keys.length > 0) this.tally(doc, -1);
    this.cum = undefined;
    for (const k of keys) {
      const e = this.entries.get(k.key);
      if (!e) continue;
      e.ids.delete(id);
      if (e.ids.size === 0) {
        this.entries.delete(k.key);
        e.dead = true;
        this.dead++;
      }
    }
  }

  lookup(key: string): ReadonlySet<string> | undefined {
    return this.entries.get(key)?.ids;
  }

  /**
   * Ids of entries whose leading fields equal `prefix` and whose next field lies in `range`, in index order
   * (reversed when asked). An empty prefix ranges over the first field.
   */
  *scan(range: Range, reverse = false, prefix: unknown[] = []): Generator<string> {
    this.settle();
    const { start, end } = this.span(range, prefix);
    if (!reverse) {
      for (let i = start; i < end; i++) yield* (this.order[i] as Entry).ids;
    } else {
      for (let i = end - 1; i >= start; i--) yield* (this.order[i] as Entry).ids;
    }
  }

  /**
   * Visits the entries of `scan`'s span (without their ids expanded): `visit` returns how many of the entry's
   * documents it counts. Returns the sum and the number of entries (keys) examined.
   */
  countSpan(
    range: Range,
    prefix: unknown[],
    visit: (vals: unknown[], ids: ReadonlySet<string>) => number,
  ): { n: number; keys: number } {
    this.settle();
    const { start, end } = this.span(range, prefix);
    let n = 0;
    for (let i = start; i < end; i++) {
      const e = this.order[i] as Entry;
      n += visit(e.vals, e.ids);
    }
    return { n, keys: end - start };
  }

  /**
   * How many document ids `scan`'s span holds, from running totals over the sorted keys: two binary searches
   * once the totals exist (built in one pass after the index last changed).
   */
  countAll(range: Range, prefix: unknown[]): { n: number; keys: number } {
    this.settle();
    const { start, end } = this.span(range, prefix);
    let cum = this.cum;
    if (!cum) {
      cum = new Float64Array(this.order.length + 1);
      for (let i = 0; i < this.order.length; i++)
        cum[i + 1] = (cum[i] as number) + (this.order[i] as Entry).ids.size;
      this.cum = cum;
    }
    return { n: (cum[end] as number) - (cum[start] as number), keys: end - start };
  }

  /** How many distinct keys `scan`'s span holds (two binary searches): the cost of counting over it. */
  spanKeys(range: Range, prefix: unknown[]): number {
    this.settle();
    const { start, end } = this.span(range, prefix);
    return end - start;
  }

  private tally(doc: Doc, by: 1 | -1): void {
    let array = false;
    let wrapped = false;
    for (const f of this.fields) {
      const leaf = pathLeaf(doc, f);
      if (leaf === ARRAY) array = true;
      else if (leaf !== undefined && leaf !== null && !plainValue(leaf)) wrapped = true;
    }
    if (array) this.arrayDocs += by;
    if (wrapped) this.wrappedDocs += by;
  }

  /** `scan` with each id's key values (for merging runs of several prefixes in key order). */
  *scanEntries(range: Range, reverse = false, prefix: unknown[] = []): Generator<[unknown[], string]> {
    this.settle();
    const { start, end } = this.span(range, prefix);
    if (!reverse) {
      for (let i = start; i < end; i++)
        for (const id of (this.order[i] as Entry).ids) yield [(this.order[i] as Entry).vals, id];
    } else {
      for (let i = end - 1; i >= start; i--)
        for (const id of (this.order[i] as Entry).ids) yield [(this.order[i] as Entry).vals, id];
    }
  }

  /** Merges pending keys into the sorted order and drops removed ones. */
  private settle(): void {
    if (this.pending.length === 0 && this.dead === 0) return;
    const fresh = this.pending.filter((e) => !e.dead).sort((a, b) => compareKeys(a.vals, b.vals));
    const old = this.dead > 0 ? this.order.filter((e) => !e.dead) : this.order;
    this.order = fresh.length <= FEW ? placeFew(old, fresh) : mergeAll(old, fresh);
    this.pending = [];
    this.dead = 0;
  }

  private span(range: Range, prefix: unknown[]): { start: number; end: number } {
    const k = prefix.length;
    const cmpPrefix = (e: Entry): number => {
      for (let i = 0; i < k; i++) {
        const c = compareValues(e.vals[i], prefix[i]);
        if (c !== 0) return c;
      }
      return 0;
    };
    const { lo, hi } = range;
    const atOrAfterStart = (e: Entry): boolean => {
      const c = cmpPrefix(e);
      if (c !== 0) return c > 0;
      const v = e.vals[k];
      if (lo) {
        const cv = compareValues(v, lo.value);
        return lo.inclusive ? cv >= 0 : cv > 0;
      }
      return hi ? typeRank(v) >= typeRank(hi.value) : true;
    };
    const pastEnd = (e: Entry): boolean => {
      const c = cmpPrefix(e);
      if (c !== 0) return c > 0;
      const v = e.vals[k];
      if (hi) {
        const cv = compareValues(v, hi.value);
        return hi.inclusive ? cv > 0 : cv >= 0;
      }
      return lo ? typeRank(v) > typeRank(lo.value) : false;
    };
    const start = this.firstWhere(atOrAfterStart);
    const end = this.firstWhere(pastEnd);
    return { start, end: Math.max(start, end) };
  }

  /** Binary search for the first entry satisfying a predicate that is monotone over the sorted order. */
  private firstWhere(pred: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.order[mid] as Entry)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function dedupe(vs: unknown[]): unknown[] {
  if (vs.length < 2) return vs;
  const seen = new Map<string, unknown>();
  for (const v of vs) seen.set(keyOf(v), v);
  return [...seen.values()];
}

/** Up to this many new keys are placed one by one (binary search) rather than merged with every old key. */
const FEW = 64;

/**
 * The usual settle (issue 19): a write or two between range scans, e.g. each append before the next one reads
 * its stream's tail. Merging compared (and copied) every old key, so each append cost O(keys in the
 * collection); here each new key is placed by binary search and inserted in place (a native move). Equal keys
 * keep old ones first, as the merge does.
 */
function placeFew(order: Entry[], fresh: Entry[]): Entry[] {
  let from = 0;
  for (const e of fresh) {
    let lo = from;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys((order[mid] as Entry).vals, e.vals) <= 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, e);
    from = lo + 1;
  }
  return order;
}

/** Linear merge of two sorted runs (many new keys: a bulk load). */
function mergeAll(old: Entry[], fresh: Entry[]): Entry[] {
  const merged: Entry[] = new Array(old.length + fresh.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < old.length && j < fresh.length) {
    merged[k++] =
      compareKeys((old[i] as Entry).vals, (fresh[j] as Entry).vals) <= 0
        ? (old[i++] as Entry)
        : (fresh[j++] as Entry);
  }
  while (i < old.length) merged[k++] = old[i++] as Entry;
  while (j < fresh.length) merged[k++] = fresh[j++] as Entry;
  return merged;
}

const ARRAY = Symbol('array');

/** The value at `path` (undefined when missing), or ARRAY when the walk meets an array (at the leaf or on the way). */
function pathLeaf(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Doc)[part];
    if (Array.isArray(cur)) return ARRAY;
  }
  return cur;
}

/**
 * Values whose hash key (`keyOf`) is shared only by values of the same type, and for which comparing equal
 * (`compareValues`) is having the same hash key: strings, JS numbers, booleans, Dates, ObjectIds.
 */
export function plainValue(v: unknown): boolean {
  const t = typeof v;
  // NaN compares equal to every number (compareValues), so it is not one
  if (t === 'number') return !Number.isNaN(v);
  if (t === 'string' || t === 'boolean') return true;
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'ObjectId';
}
