import { ManualClock } from '../clock';
import { MemoryEventStore } from '../store/memory-store';
import { dbOf } from '../store/mongo-docs';
import { mongoLiteEnv, openDb, type TestEnv } from '../test-support/env';
import { StoreProjector, type StoreProjection } from './store-projection';

// A projection of own events, fed from the store: a ledger total per owner, where a `Transfer` event of one
// stream also changes the document of the other owner it names (routing by keysOf).
interface Total {
  owner: string;
  total: number;
}
const totals: StoreProjection<Total> = {
  name: 'totals',
  keysOf: (e) => {
    const d = e.data as { owner: string; to?: string };
    return d.to ? [d.owner, d.to] : [d.owner];
  },
  apply: (doc, e, key) => {
    const d = e.data as { owner: string; amount: number; to?: string };
    const sign = d.to && key === d.to ? 1 : d.to ? -1 : 1;
    return { owner: key, total: (doc?.total ?? 0) + sign * d.amount };
  },
};

const meta = { actor: { role: 'admin', id: 't' }, correlationId: 'c', causationId: null };

describe('StoreProjector (own read models from the own store)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await mongoLiteEnv();
  });
  afterAll(() => env.stop());

  it('routes events to the documents they change, applies each once, and resumes from its checkpoint', async () => {
    const connection = await openDb(env);
    const db = dbOf(connection);
    const store = new MemoryEventStore({ clock: new ManualClock('2026-03-01T00:00:00Z') });
    await store.append('a', 0, [{ type: 'Credited', data: { owner: 'a', amount: 10 } }], meta);
    await store.append('b', 0, [{ type: 'Credited', data: { owner: 'b', amount: 5 } }], meta);
    const projector = new StoreProjector({ store, db, projections: [totals] });
    await projector.start();
    await store.append('a', 1, [{ type: 'Transfer', data: { owner: 'a', to: 'b', amount: 3 } }], meta);
    await Promise.all([projector.catchUp(), projector.catchUp()]); // concurrent passes take turns
    const read = async () =>
      (await (await projector.collection('totals')).find({}).sort({ _id: 1 }).toArray()).map((d) => [
        d['owner'],
        d['total'],
      ]);
    expect(await read()).toEqual([
      ['a', 7],
      ['b', 8],
    ]);
    // A new projector (a restart) starts from the checkpoint: nothing is applied twice.
    const again = new StoreProjector({ store, db, projections: [totals] });
    await again.catchUp();
    await store.append('b', 1, [{ type: 'Credited', data: { owner: 'b', amount: 1 } }], meta);
    await again.catchUp();
    expect(await read()).toEqual([
      ['a', 7],
      ['b', 9],
    ]);
    await connection.close();
  });

  it('lets the catch-ups that arrive while a pass runs share the next pass, which sees their appends', async () => {
    const connection = await openDb(env);
    const db = dbOf(connection);
    const store = new MemoryEventStore({ clock: new ManualClock('2026-03-01T00:00:00Z') });
    let passes = 0;
    const counting = {
      readAll: (o?: Parameters<MemoryEventStore['readAll']>[0]) => (passes++, store.readAll(o)),
    };
    const projector = new StoreProjector({
      store: counting,
      db,
      projections: [{ ...totals, name: 'shared' }],
    });
    try {
      await projector.start();
      passes = 0;
      await store.append('a', 0, [{ type: 'Credited', data: { owner: 'a', amount: 1 } }], meta);
      const first = projector.catchUp(); // starts at once
      const waiting: Promise<void>[] = [];
      for (let i = 1; i <= 5; i++) {
        // each appends, then asks for a catch-up while the first pass may still run
        await store.append('a', i, [{ type: 'Credited', data: { owner: 'a', amount: 1 } }], meta);
        waiting.push(projector.catchUp());
      }
      await Promise.all([first, ...waiting]);
      expect(passes).toBeLessThanOrEqual(2);
      const doc = await (await projector.collection('shared')).findOne({ _id: 'a' });
      expect(doc).toMatchObject({ total: 6 });
      // checkpoints are written at most once a second; a clean stop writes the last one
      await projector.stop();
      const checkpoint = await db.collection('projection_checkpoints').findOne({ _id: 'shared' as never });
      expect(checkpoint).toMatchObject({ position: 6 });
    } finally {
      await connection.close();
    }
  });

  it('hands apply the context read after the documents, and replans when another writer changed a guarded field', async () => {
    const connection = await openDb(env);
    const db = dbOf(connection);
    const labels = db.collection<{ _id: string; label: string }>('labels');
    await labels.insertOne({ _id: 'a', label: 'old' });
    const store = new MemoryEventStore({ clock: new ManualClock('2026-03-01T00:00:00Z') });
    await store.append('a', 0, [{ type: 'Credited', data: { owner: 'a', amount: 10 } }], meta);
    let contexts = 0;
    const labelled: StoreProjection<Total & { label: string | null }, Map<string, string>> = {
      name: 'labelled',
      guardFields: ['label'],
      keysOf: (e) => [(e.data as { owner: string }).owner],
      async context(events, ctxDb) {
        contexts++;
        const owners = events.map((e) => (e.data as { owner: string }).owner);
        const docs = await ctxDb
          .collection<{ _id: string; label: string }>('labels')
          .find({ _id: { $in: owners } })
          .toArray();
        if (contexts === 2) {
          // A concurrent writer (a consumer moving the label) after this read, before the projector's write.
          await labels.updateOne({ _id: 'a' }, { $set: { label: 'new' } });
          await (await projector.collection('labelled')).updateOne({ _id: 'a' }, { $set: { label: 'new' } });
        }
        return new Map(docs.map((d) => [d._id, d.label]));
      },
      apply: (doc, e, key, ctx) => ({
        owner: key,
        total: (doc?.total ?? 0) + (e.data as { amount: number }).amount,
        label: ctx.get(key) ?? doc?.label ?? null,
      }),
    };
    const projector = new StoreProjector({ store, db, projections: [labelled] });
    try {
      await projector.start();
      const read = async () => (await projector.collection('labelled')).findOne({ _id: 'a' });
      expect(await read()).toMatchObject({ total: 10, label: 'old' });
      await store.append('a', 1, [{ type: 'Credited', data: { owner: 'a', amount: 1 } }], meta);
      await projector.catchUp();
      // The stale context ('old') lost to the guard; the replanned batch read the new label.
      expect(contexts).toBe(3);
      expect(await read()).toMatchObject({ total: 11, label: 'new' });
    } finally {
      await connection.close();
    }
  });
});
