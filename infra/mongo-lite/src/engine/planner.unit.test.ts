import { Collection } from './collection';
import { plan } from './planner';
import { findDocs } from './query';
import { Engine } from './engine';
import { keyOf } from './values';

function seeded(n: number): Collection {
  const c = new Collection('db', 'c');
  c.createIndex({ name: 't_1', key: { t: 1 } });
  c.createIndex({ name: 'stream', key: { s: 1, v: 1 }, unique: true });
  for (let i = 0; i < n; i++) c.put(keyOf(i), { _id: i, t: i % 1000, s: `s${i % 50}`, v: i }, i + 1);
  return c;
}

const ids = (p: ReturnType<typeof plan>): string[] => (p.ids === 'all' ? ['ALL'] : [...p.ids]);

describe('planner', () => {
  const c = seeded(5000);

  it('uses the exact compound key for full equality', () => {
    const p = plan(c, { s: 's7', v: 7 });
    expect(p.index).toBe('stream');
    expect(ids(p)).toEqual([keyOf(7)]);
  });

  it('answers equality and ranges on the leading field without touching other documents', () => {
    expect(ids(plan(c, { t: 5 }))).toHaveLength(5);
    expect(ids(plan(c, { t: { $gte: 10, $lt: 20 } }))).toHaveLength(50);
    expect(ids(plan(c, { t: { $in: [1, 2] } }))).toHaveLength(10);
    expect(ids(plan(c, { s: 's1' }))).toHaveLength(100);
  });

  it('brackets a range by type, so $gt on a number skips strings', () => {
    c.put(keyOf('str'), { _id: 'str', t: 'zzz' }, 99_999);
    expect(ids(plan(c, { t: { $gt: 998 } }))).toHaveLength(5);
    c.remove(keyOf('str'), 100_000);
  });

  it('walks an index in sort order so sort + limit stops early', () => {
    const p = plan(c, { t: { $gte: 0 } }, { t: -1 });
    expect(p.sorted).toBe(true);
    const engine = new Engine();
    const docs = findDocs(engine, c, { t: { $lt: 500 } }, { sort: { t: -1 }, limit: 3 });
    expect(docs.map((d) => d.t)).toEqual([499, 499, 499]);
  });

  it('unions index plans for $or branches, scanning only if a branch needs it', () => {
    expect(ids(plan(c, { $or: [{ t: 1 }, { s: 's2', v: 2 }] }))).toHaveLength(6);
    expect(ids(plan(c, { $or: [{ t: 1 }, { other: 2 }] }))).toEqual(['ALL']);
    const engine = new Engine();
    const docs = findDocs(engine, c, { $or: [{ t: 1 }, { _id: 2 }] }, { sort: { _id: 1 } });
    expect(docs.map((d) => d._id)).toEqual([1, 2, 1001, 2001, 3001, 4001]);
  });

  it('falls back to a scan for predicates no index serves', () => {
    expect(ids(plan(c, { other: 1 }))).toEqual(['ALL']);
    expect(ids(plan(c, { t: /x/ }))).toEqual(['ALL']);
  });

  it('keeps index entries in step with replaced and removed documents', () => {
    c.put(keyOf(3), { _id: 3, t: 5000, s: 'moved', v: 3 }, 200_000);
    expect(ids(plan(c, { t: 3 }))).toHaveLength(4);
    expect(ids(plan(c, { t: 5000 }))).toEqual([keyOf(3)]);
    c.remove(keyOf(3), 200_001);
    expect(ids(plan(c, { t: 5000 }))).toEqual([]);
  });
});

describe('planner on compound indexes', () => {
  const c = new Collection('db', 'events');
  c.createIndex({ name: 'stream', key: { streamId: 1, streamVersion: 1 }, unique: true });
  for (let i = 0; i < 3000; i++) {
    c.put(keyOf(i), { _id: i, streamId: `s${i % 30}`, streamVersion: Math.floor(i / 30) }, i + 1);
  }

  it('uses an equality prefix plus a range on the next field', () => {
    const p = plan(c, { streamId: 's3', streamVersion: { $gte: 90 } }, { streamVersion: 1 });
    expect(p.index).toBe('stream');
    expect(p.sorted).toBe(true);
    expect(ids(p)).toHaveLength(10);
  });

  it('returns a stream in version order, backwards for a descending sort, and stops at the limit', () => {
    const engine = new Engine();
    const docs = findDocs(engine, c, { streamId: 's5' }, { sort: { streamVersion: -1 }, limit: 3 });
    expect(docs.map((d) => d.streamVersion)).toEqual([99, 98, 97]);
    const asc = findDocs(
      engine,
      c,
      { streamId: 's5', streamVersion: { $gt: 10, $lte: 13 } },
      { sort: { streamVersion: 1 } },
    );
    expect(asc.map((d) => d.streamVersion)).toEqual([11, 12, 13]);
  });
});

describe('planner: $in after an equality prefix, merged in sort order', () => {
  const c = new Collection('db', 'entries');
  c.createIndex({ name: 'by_year', key: { y: 1, r: 1 } });
  c.createIndex({ name: 'by_status', key: { y: 1, s: 1, r: 1 } });
  const statuses = ['entered', 'revoked', 'forwarded', 'rejected'];
  for (let i = 0; i < 2000; i++) {
    const s = statuses[(i * 7) % 4] as string;
    const r = s === 'entered' || s === 'revoked' ? `R${String((i * 7919) % 5000).padStart(5, '0')}` : null;
    c.put(keyOf(i), { _id: i, y: 2026 + (i % 2), s, r }, i + 1);
  }
  const filter = { y: 2026, s: { $in: ['revoked', 'entered'] } };
  const truth = (dir: 1 | -1) =>
    [...c.docs.values()]
      .filter((d) => d.y === 2026 && (d.s === 'entered' || d.s === 'revoked'))
      .sort((a, b) => String(a.r).localeCompare(String(b.r)) * dir || Number(a._id) - Number(b._id))
      .map((d) => d.r);

  it('walks one run per value of the index that has the $in field, and stops at the limit', () => {
    const p = plan(c, filter, { r: 1 });
    expect(p).toMatchObject({ index: 'by_status', sorted: true });
    const engine = new Engine();
    for (const dir of [1, -1] as const) {
      for (const skip of [0, 20, 80, 990]) {
        const docs = findDocs(engine, c, filter, { sort: { r: dir }, skip, limit: 20 });
        expect(docs.map((d) => d.r)).toEqual(truth(dir).slice(skip, skip + 20));
      }
    }
  });

  it('is not taken when the sort is not the rest of the key', () => {
    expect(plan(c, filter, { _id: 1 }).sorted).toBe(false);
    // { s, r } is the key's own order after y: a plain walk of the year's range, no merge
    const docs = findDocs(new Engine(), c, filter, { sort: { s: 1, r: 1 }, limit: 3 });
    const expected = [...c.docs.values()]
      .filter((d) => d.y === 2026 && (d.s === 'entered' || d.s === 'revoked'))
      .sort((a, b) => String(a.s).localeCompare(String(b.s)) || String(a.r).localeCompare(String(b.r)))
      .slice(0, 3);
    expect(docs.map((d) => d._id)).toEqual(expected.map((d) => d._id));
  });
});
