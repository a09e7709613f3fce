import { ManualClock } from '../clock';
import { MemoryEventStore } from '../store/memory-store';
import { dbOf } from '../store/mongo-docs';
import { mongoLiteEnv, openDb, type TestEnv } from '../test-support/env';
import { ProjectionCatalog } from './mongo-projection';
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

  describe('a rebuild into an empty collection, in windows', () => {
    // Twelve owners, credits and transfers between them over several windows (batches of 3 events, a window
    // flushed at 8 documents or 12 events): a document is folded in memory, written, loaded again later.
    async function history(): Promise<MemoryEventStore> {
      const store = new MemoryEventStore({ clock: new ManualClock('2026-03-01T00:00:00Z') });
      const versions = new Map<string, number>();
      const append = async (owner: string, data: Record<string, unknown>) => {
        const v = versions.get(owner) ?? 0;
        await store.append(owner, v, [{ type: data['to'] ? 'Transfer' : 'Credited', data }], meta);
        versions.set(owner, v + 1);
      };
      for (let i = 0; i < 60; i++) {
        const owner = `o${(i * 7) % 12}`;
        if (i % 3 === 2) await append(owner, { owner, to: `o${(i * 5) % 12}`, amount: i });
        else await append(owner, { owner, amount: i + 1 });
      }
      return store;
    }
    const small = { docs: 8, events: 12 };
    /** The reference: the same projection under another name, batch by batch (no window). */
    const batchByBatch = (store: MemoryEventStore, db: ReturnType<typeof dbOf>, name: string) =>
      new StoreProjector({
        store,
        db,
        batchSize: 3,
        rebuildWindow: false,
        projections: [{ ...totals, name }],
      }).start();
    const all = async (db: ReturnType<typeof dbOf>, name: string) =>
      (await new ProjectionCatalog(db).live(name)).find({}).sort({ _id: 1 }).toArray();

    it('writes the very documents the batch-by-batch path writes, and checkpoints the last event', async () => {
      const connection = await openDb(env);
      const db = dbOf(connection);
      const store = await history();
      try {
        const writes: number[] = [];
        const careful = new StoreProjector({
          store,
          db,
          batchSize: 3,
          rebuildWindow: false,
          projections: [{ ...totals, name: 'careful' }],
        });
        await careful.start();
        await careful.stop();
        const windowed = new StoreProjector({
          store,
          db,
          batchSize: 3,
          rebuildWindow: small,
          projections: [{ ...totals, name: 'windowed' }],
        });
        const target = await windowed.collection('windowed');
        const bulkWrite = target.bulkWrite.bind(target);
        jest.spyOn(Object.getPrototypeOf(target) as typeof target, 'bulkWrite').mockImplementation(function (
          this: typeof target,
          ops,
          o,
        ) {
          if (this.collectionName === 'proj_windowed') writes.push(ops.length);
          return bulkWrite.call(this, ops, o) as never;
        });
        await windowed.start();
        await windowed.stop();
        jest.restoreAllMocks();
        expect(await all(db, 'windowed')).toEqual(await all(db, 'careful'));
        expect((await all(db, 'careful')).length).toBe(12);
        // fewer, larger writes than one per batch of 3 (20 batches), none above the window's documents + a batch
        expect(writes.length).toBeGreaterThan(1);
        expect(writes.length).toBeLessThan(20);
        expect(Math.max(...writes)).toBeLessThanOrEqual(small.docs + 3 * 2);
        const checkpoint = await db
          .collection('projection_checkpoints')
          .findOne({ _id: 'windowed' as never });
        expect(checkpoint).toMatchObject({ position: 60 });
      } finally {
        jest.restoreAllMocks();
        await connection.close();
      }
    });

    it('after a crash between two windows resumes from the last written window, batch by batch', async () => {
      const connection = await openDb(env);
      const db = dbOf(connection);
      const store = await history();
      try {
        await batchByBatch(store, db, 'reference');
        let crash = true;
        const crashing: StoreProjection<Total> = {
          ...totals,
          name: 'crashing',
          apply: (doc, e, key, ctx) => {
            if (crash && e.position === 30) throw new Error('process killed');
            return totals.apply(doc, e, key, ctx);
          },
        };
        const first = new StoreProjector({
          store,
          db,
          batchSize: 3,
          rebuildWindow: small,
          projections: [crashing],
        });
        await expect(first.start()).rejects.toThrow('process killed');
        // the checkpoint (written at most once a second) is no further than the windows written, and nothing
        // of the window that failed was written
        const checkpoint = await db
          .collection('projection_checkpoints')
          .findOne({ _id: 'crashing' as never });
        const at = (checkpoint as unknown as { position: number }).position;
        expect(at).toBeGreaterThan(0);
        expect(at).toBeLessThan(30);
        const written = await all(db, 'crashing');
        expect(written.length).toBeGreaterThan(0);
        const last = Math.max(...written.map((d) => d._v));
        expect(last).toBeGreaterThanOrEqual(at);
        expect(last).toBeLessThan(30);
        // the restart: the collection is not empty, so it catches up from the checkpoint as a catch-up does
        crash = false;
        const again = new StoreProjector({
          store,
          db,
          batchSize: 3,
          rebuildWindow: small,
          projections: [crashing],
        });
        await again.start();
        await again.stop();
        expect(await all(db, 'crashing')).toEqual(await all(db, 'reference'));
      } finally {
        await connection.close();
      }
    });

    it('when another writer created a document first, re-applies the window batch by batch', async () => {
      const connection = await openDb(env);
      const db = dbOf(connection);
      const store = await history();
      try {
        await batchByBatch(store, db, 'alone');
        // Another replica rebuilding too: it wrote o0's document (its first credit, position 1) while this
        // window held it, not yet written.
        let raced = false;
        const racing: StoreProjection<Total> = {
          ...totals,
          name: 'racing',
          async context(events, ctxDb) {
            if (!raced) {
              raced = true;
              await ctxDb
                .collection('proj_racing')
                .insertOne({ _id: 'o0', _v: 1, owner: 'o0', total: 1 } as never);
            }
            return undefined;
          },
        };
        const projector = new StoreProjector({
          store,
          db,
          batchSize: 3,
          rebuildWindow: small,
          projections: [racing],
        });
        await projector.start();
        await projector.stop();
        expect(raced).toBe(true);
        expect(await all(db, 'racing')).toEqual(await all(db, 'alone'));
      } finally {
        await connection.close();
      }
    });
  });
});
