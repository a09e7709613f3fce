import { Decimal128, Long, ObjectId } from 'bson';
import { Collection } from './collection';
import { countDocs, planCount } from './count';
import { Engine } from './engine';
import { findDocs } from './query';
import { type Doc, keyOf } from './values';

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const oid = new ObjectId('65a000000000000000000001');
/** Values of mixed BSON types, equal-comparing pairs (2, 2.0 as Long, Decimal128 2) and empty strings. */
const VALUES: readonly unknown[] = [
  1,
  2,
  2.5,
  -0,
  Long.fromNumber(2),
  Decimal128.fromString('2'),
  'x',
  'y',
  '',
  '2',
  new Date(0),
  new Date(86_400_000),
  true,
  false,
  oid,
];
/** The same without BSON-wrapped numbers: strings, JS numbers, booleans, Dates, ObjectIds. */
const PLAIN = VALUES.filter((v) => !(v instanceof Long) && !(v instanceof Decimal128));
const MISSING = Symbol('missing');

/** A value, null, or missing (the field is left out). */
const valueOrNot = (r: () => number, values: readonly unknown[]): unknown => {
  const x = r();
  if (x < 0.15) return MISSING;
  if (x < 0.3) return null;
  return pick(r, values);
};

function put(doc: Doc, field: string, v: unknown): void {
  if (v !== MISSING) doc[field] = v;
}

/** Documents with missing fields, nulls, mixed types, a nested path that is sometimes not an object. */
function scalarDoc(r: () => number, i: number, values: readonly unknown[]): Doc {
  const doc: Doc = { _id: i };
  put(doc, 'a', valueOrNot(r, values));
  put(doc, 'b', valueOrNot(r, values));
  const c = r();
  if (c < 0.6) {
    const inner: Doc = {};
    put(inner, 'd', valueOrNot(r, values));
    doc.c = inner;
  } else if (c < 0.7) doc.c = null;
  else if (c < 0.8) doc.c = 'not an object';
  return doc;
}

/** Arrays on indexed paths: empty, one element, several, and arrays of sub-documents. */
function arrayDoc(r: () => number, i: number): Doc {
  const doc = scalarDoc(r, i, VALUES);
  const x = r();
  if (x < 0.25) doc.a = [];
  else if (x < 0.5) doc.a = [pick(r, VALUES)];
  else if (x < 0.75) doc.a = [pick(r, VALUES), pick(r, VALUES)];
  else doc.c = [{ d: pick(r, VALUES) }, { e: 1 }];
  return doc;
}

const FIELDS = ['a', 'b', 'c.d'];

function condition(r: () => number): unknown {
  const v = (): unknown => pick(r, VALUES);
  switch (Math.floor(r() * 9)) {
    case 0:
      return v();
    case 1:
      return { $eq: v() };
    case 2:
      return { $in: [v(), v(), v()] };
    case 3:
      return { $gt: v() };
    case 4:
      return { $gte: v(), $lt: v() };
    case 5:
      return { $lte: v() };
    case 6:
      return { $exists: r() < 0.5 };
    case 7:
      return { $in: [] };
    default:
      return { $exists: true, $gte: v() };
  }
}

/** A filter over one to three of the indexed fields, sometimes under `$and`. */
function filterOf(r: () => number): Doc {
  const n = 1 + Math.floor(r() * 3);
  const fields = [...FIELDS].sort(() => r() - 0.5).slice(0, n);
  const parts = fields.map((f) => ({ [f]: condition(r) }));
  if (r() < 0.25) return { $and: parts };
  return Object.assign({}, ...parts);
}

function collection(docs: Doc[]): Collection {
  const c = new Collection('db', 'c');
  c.createIndex({ name: 'a_b', key: { a: 1, b: 1 } });
  c.createIndex({ name: 'b_cd_a', key: { b: 1, 'c.d': 1, a: -1 } });
  docs.forEach((d) => c.put(keyOf(d._id), d, 1));
  return c;
}

const engine = new Engine();
const fetchPath = (c: Collection, filter: Doc): number => findDocs(engine, c, filter, {}).length;

describe('covered counts', () => {
  it('equal the fetch path on missing fields, nulls and mixed types, reading index entries only', () => {
    const r = rng(19);
    const c = collection(Array.from({ length: 400 }, (_, i) => scalarDoc(r, i, PLAIN)));
    let fetchedTotal = 0;
    for (let i = 0; i < 800; i++) {
      const filter = filterOf(r);
      const got = countDocs(engine, c, filter);
      expect({ filter, n: got.n }).toEqual({ filter, n: fetchPath(c, filter) });
      expect(got.index).toBeDefined();
      fetchedTotal += got.fetched;
      // without $exists or $and the entry's values decide alone: nothing is fetched
      if (!JSON.stringify(filter).match(/\$exists|\$and/)) expect(got).toMatchObject({ fetched: 0 });
    }
    // only the documents of entries with a null under $exists are fetched
    expect(fetchedTotal).toBeLessThan(800 * 400 * 0.1);
  });

  it('equal the fetch path where equal values of different types share an entry (2, Long 2, Decimal128 2)', () => {
    const r = rng(23);
    const c = collection(Array.from({ length: 400 }, (_, i) => scalarDoc(r, i, VALUES)));
    for (let i = 0; i < 800; i++) {
      const filter = filterOf(r);
      const got = countDocs(engine, c, filter);
      expect({ filter, n: got.n }).toEqual({ filter, n: fetchPath(c, filter) });
      // the fast tests compare by the entry's hash key; a rebuilt document would not (mingo types values)
      if (!JSON.stringify(filter).match(/\$exists|\$and/)) expect(got.index).toBeDefined();
      else expect(got.index).toBeUndefined();
    }
  });

  it('fall back to the documents while an indexed path holds an array, and equal the fetch path', () => {
    const r = rng(7);
    const c = collection(
      Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? arrayDoc(r, i) : scalarDoc(r, i, VALUES))),
    );
    for (let i = 0; i < 500; i++) {
      const filter = filterOf(r);
      expect({ filter, n: countDocs(engine, c, filter).n }).toEqual({ filter, n: fetchPath(c, filter) });
    }
    expect(planCount(c, { a: 1 })).toBeUndefined();
  });

  it('notice arrays even of one element, and forget them when the document changes or goes', () => {
    const c = collection([{ _id: 1, a: 1, b: 'x' }]);
    expect(planCount(c, { a: 1, b: 'x' })?.index.spec.name).toBe('a_b');
    c.put(keyOf(2), { _id: 2, a: [1], b: 'x' }, 2);
    expect(planCount(c, { a: 1, b: 'x' })).toBeUndefined();
    expect(countDocs(engine, c, { a: 1, b: 'x' }).n).toBe(2);
    c.put(keyOf(2), { _id: 2, a: 1, b: 'x' }, 3);
    expect(planCount(c, { a: 1, b: 'x' })?.index.spec.name).toBe('a_b');
    c.put(keyOf(3), { _id: 3, c: [{ d: 1 }] }, 4);
    expect(planCount(c, { 'c.d': 1 })).toBeUndefined();
    c.remove(keyOf(3), 5);
    expect(planCount(c, { 'c.d': 1 })?.index.spec.name).toBe('b_cd_a');
    expect(countDocs(engine, c, { a: 1, b: 'x' })).toMatchObject({ n: 2, index: 'a_b', fetched: 0 });
  });

  it('tell a null from a missing field for $exists by asking only the documents whose key is null', () => {
    const c = collection([
      { _id: 1, a: null, b: 'x' },
      { _id: 2, b: 'x' },
      { _id: 3, a: 5, b: 'x' },
    ]);
    expect(countDocs(engine, c, { a: { $exists: true }, b: 'x' })).toMatchObject({ n: 2, fetched: 2 });
    expect(countDocs(engine, c, { a: { $exists: false }, b: 'x' })).toMatchObject({ n: 1, fetched: 2 });
    expect(countDocs(engine, c, { a: { $gte: 0 }, b: 'x' })).toMatchObject({ n: 1, fetched: 0 });
  });

  it('are not taken for filters an index does not cover, other operators, partial indexes', () => {
    const c = collection([{ _id: 1, a: 1, b: 'x', z: 2 }]);
    expect(planCount(c, { a: 1, z: 2 })).toBeUndefined();
    expect(planCount(c, { a: { $ne: 1 } })).toBeUndefined();
    expect(planCount(c, { a: null })).toBeUndefined();
    expect(planCount(c, { a: /x/ })).toBeUndefined();
    expect(planCount(c, { $or: [{ a: 1 }] })).toBeUndefined();
    const p = new Collection('db', 'p');
    p.createIndex({ name: 'a', key: { a: 1 }, partialFilterExpression: { b: 'x' } });
    p.put(keyOf(1), { _id: 1, a: 1 }, 1);
    expect(planCount(p, { a: 1 })).toBeUndefined();
    expect(countDocs(engine, p, { a: 1 }).n).toBe(1);
  });

  it('pick the covering index with the fewest keys, and count $in values once each', () => {
    const c = new Collection('db', 'l');
    c.createIndex({ name: 'wide', key: { p: 1, y: 1, u: 1 } });
    c.createIndex({ name: 'narrow', key: { y: 1, p: 1 } });
    for (let i = 0; i < 1000; i++) c.put(keyOf(i), { _id: i, p: i % 2 ? 'A' : 'B', y: 2026, u: `u${i}` }, 1);
    const r = countDocs(engine, c, { p: 'A', y: 2026 });
    expect(r).toEqual({ n: 500, index: 'narrow', keys: 1, fetched: 0 });
    expect(countDocs(engine, c, { p: { $in: ['A', 'A', 'B'] }, y: 2026 }).n).toBe(1000);
    expect(countDocs(engine, c, { y: { $in: [2026, Long.fromNumber(2026)] } }).n).toBe(1000);
    // running totals over the keys: rebuilt after every write, so counts between writes stay exact
    c.put(keyOf(1000), { _id: 1000, p: 'A', y: 2026, u: 'u1000' }, 2);
    expect(countDocs(engine, c, { p: 'A', y: 2026 }).n).toBe(501);
    c.put(keyOf(1), { _id: 1, p: 'B', y: 2026, u: 'u1' }, 3);
    c.remove(keyOf(3), 4);
    expect(countDocs(engine, c, { p: 'A', y: 2026 }).n).toBe(499);
    expect(countDocs(engine, c, { p: 'B', y: 2026 }).n).toBe(501);
    expect(countDocs(engine, c, { p: { $gte: 'A' }, y: 2026 }).n).toBe(1000);
  });

  it('see a transaction own writes (by matching documents)', () => {
    const c = collection([{ _id: 1, a: 1, b: 'x' }]);
    const e = new Engine();
    const txn = e.begin(1);
    e.write({ txn, ops: [] }, c, keyOf(2), { _id: 2, a: 1, b: 'x' });
    expect(countDocs(e, c, { a: 1, b: 'x' }, txn).n).toBe(2);
    expect(countDocs(e, c, { a: 1, b: 'x' })).toMatchObject({ n: 1, index: 'a_b' });
  });
});
