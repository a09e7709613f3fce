import { Engine, type LogOp } from './engine';
import { expireTtl } from './ttl';

describe('TTL monitor pass', () => {
  it('deletes documents whose indexed date passed expireAfterSeconds, and logs the deletes', () => {
    const engine = new Engine();
    const coll = engine.ensureCollection('db', 'sessions', []);
    coll.createIndex({ name: 'ttl', key: { expiresAt: 1 }, expireAfterSeconds: 10 });
    const t = (s: number): Date => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
    engine.insert({ ops: [] }, coll, { _id: 'old', expiresAt: t(0) });
    engine.insert({ ops: [] }, coll, { _id: 'edge', expiresAt: t(15) });
    engine.insert({ ops: [] }, coll, { _id: 'array', expiresAt: [t(50), t(1)] });
    engine.insert({ ops: [] }, coll, { _id: 'not-a-date', expiresAt: 5 });
    engine.insert({ ops: [] }, coll, { _id: 'missing' });
    const ops: LogOp[] = [];
    expect(expireTtl(engine, t(25).getTime(), ops)).toBe(2);
    expect([...coll.docs.values()].map((d) => d._id).sort()).toEqual(['edge', 'missing', 'not-a-date']);
    expect(ops.map((o) => o.op)).toEqual(['del', 'del']);
  });
});
