import { Binary, Long, ObjectId } from 'bson';
import { Engine } from '../engine/engine';
import type { Doc } from '../engine/values';
import { CursorStore } from './cursors';
import { Dispatcher } from './dispatch';

function setup(clock = { now: 0 }): { d: Dispatcher; engine: Engine; persisted: number[] } {
  const engine = new Engine();
  const persisted: number[] = [];
  const d = new Dispatcher({
    engine,
    cursors: new CursorStore(() => 0),
    server: { replSetName: 'rs0', startedAt: new Date(0), processId: new ObjectId() },
    persist: async (ops) => {
      persisted.push(ops.length);
    },
    log: () => undefined,
    now: () => clock.now,
  });
  return { d, engine, persisted };
}

const conn = { id: 1, address: '127.0.0.1:1', auth: {} };
const lsid = { id: new Binary(Buffer.alloc(16, 7), 4) };

describe('dispatcher', () => {
  it('answers a retried write (same lsid and txnNumber) without applying it twice', async () => {
    const { d, engine } = setup();
    const cmd: Doc = { insert: 'c', documents: [{ _id: 1 }], lsid, txnNumber: Long.fromNumber(1), $db: 'db' };
    const first = await d.dispatch({ ...cmd, documents: [{ _id: 1 }] }, conn);
    const retry = await d.dispatch({ ...cmd, documents: [{ _id: 1 }] }, conn);
    expect(first.n).toBe(1);
    expect(retry.n).toBe(1);
    expect(retry.writeErrors).toBeUndefined();
    const next = await d.dispatch({ ...cmd, documents: [{ _id: 1 }], txnNumber: Long.fromNumber(2) }, conn);
    expect((next.writeErrors as Doc[])[0]?.code).toBe(11000);
    expect(engine.collection('db', 'c')?.docs.size).toBe(1);
  });

  it('forgets sessions idle longer than the 30-minute session timeout', async () => {
    const clock = { now: 0 };
    const { d } = setup(clock);
    const cmd: Doc = { insert: 'c', lsid, txnNumber: Long.fromNumber(1), $db: 'db' };
    await d.dispatch({ ...cmd, documents: [{ _id: 1 }] }, conn);
    clock.now = 29 * 60_000;
    d.expireSessions();
    expect((await d.dispatch({ ...cmd, documents: [{ _id: 1 }] }, conn)).writeErrors).toBeUndefined();
    clock.now += 31 * 60_000;
    d.expireSessions();
    const again = await d.dispatch({ ...cmd, documents: [{ _id: 1 }] }, conn);
    expect((again.writeErrors as Doc[])[0]?.code).toBe(11000);
  });

  it('reports an unknown transaction as 251 NoSuchTransaction with the transient label', async () => {
    const { d } = setup();
    const r = await d.dispatch(
      { find: 'c', lsid, txnNumber: Long.fromNumber(9), autocommit: false, $db: 'db' },
      conn,
    );
    expect(r).toMatchObject({ ok: 0, code: 251, errorLabels: ['TransientTransactionError'] });
  });

  it('writes a transaction to the log as one record at commit', async () => {
    const { d, persisted } = setup();
    const base = { lsid, txnNumber: Long.fromNumber(3), autocommit: false, $db: 'db' };
    await d.dispatch({ create: 'c', $db: 'db' }, conn);
    persisted.length = 0;
    await d.dispatch({ insert: 'c', documents: [{ _id: 1 }], startTransaction: true, ...base }, conn);
    await d.dispatch({ insert: 'c', documents: [{ _id: 2 }], ...base }, conn);
    expect(persisted).toEqual([]);
    const commit = await d.dispatch({ commitTransaction: 1, ...base, $db: 'admin' }, conn);
    expect(commit.ok).toBe(1);
    expect(persisted).toEqual([2]);
  });
});

describe('cursor store', () => {
  it('expires cursors idle for more than ten minutes', () => {
    let now = 0;
    const store = new CursorStore(() => now);
    const docs = Array.from({ length: 5 }, (_, i) => ({ i }));
    const first = store.first('db.c', docs, 2) as { cursor: { id: Long } };
    const id = first.cursor.id.toNumber();
    expect(id).toBeGreaterThan(0);
    now = 9 * 60 * 1000;
    store.sweep();
    expect((store.more(id, 'db.c', 2) as { cursor: { nextBatch: Doc[] } }).cursor.nextBatch).toHaveLength(2);
    now += 11 * 60 * 1000;
    store.sweep();
    expect(() => store.more(id, 'db.c', 2)).toThrow(/cursor id .* not found/);
  });
});
