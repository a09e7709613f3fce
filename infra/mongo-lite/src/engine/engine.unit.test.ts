import { Engine } from './engine';
import { keyOf } from './values';

describe('engine transactions', () => {
  it('aborts transactions past the lifetime limit, releasing their documents', () => {
    const engine = new Engine();
    const coll = engine.ensureCollection('db', 'c', []);
    engine.insert({ ops: [] }, coll, { _id: 1, v: 0 });
    const stale = engine.begin(1, 0);
    engine.write({ txn: stale, ops: [] }, coll, keyOf(1), { _id: 1, v: 1 });
    const other = engine.begin(1, 30_000);
    expect(() => engine.write({ txn: other, ops: [] }, coll, keyOf(1), { _id: 1, v: 2 })).toThrow(
      /Write conflict/,
    );
    expect(engine.expireTransactions(61_000)).toBe(1);
    expect(stale.state).toBe('aborted');
    engine.write({ txn: other, ops: [] }, coll, keyOf(1), { _id: 1, v: 2 });
    const ops: never[] = [];
    engine.commit(other, ops);
    expect(coll.docs.get(keyOf(1))).toEqual({ _id: 1, v: 2 });
  });

  it('rolls a commit back whole when a unique index would be violated', () => {
    const engine = new Engine();
    const coll = engine.ensureCollection('db', 'c', []);
    coll.createIndex({ name: 'k_1', key: { k: 1 }, unique: true });
    const txn = engine.begin(1);
    engine.insert({ txn, ops: [] }, coll, { _id: 1, k: 'a' });
    engine.insert({ txn, ops: [] }, coll, { _id: 2, k: 'b' });
    engine.insert({ ops: [] }, coll, { _id: 3, k: 'b' });
    expect(() => engine.commit(txn, [])).toThrow(/E11000/);
    expect([...coll.docs.keys()]).toEqual([keyOf(3)]);
    expect(txn.state).toBe('aborted');
  });
});
