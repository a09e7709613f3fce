import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { MemoryEventStore } from '../store/memory-store';
import { dbOf } from '../store/mongo-docs';
import { mongoLiteEnv, type TestEnv } from '../test-support/env';
import { ProjectionCatalog } from './mongo-projection';
import { admin, ledgerBalances, ledgerCredited, ledgerOpened } from '../test-support/ledger';
import { POINTER_CACHE_MS, StoreProjector } from './store-projection';

// Issue 19 §2, command path: a projector's pass after a registration read the catalog pointers and the new
// stream's (absent) document before its one write. It now keeps the pointers for POINTER_CACHE_MS and does
// not load the document of a stream whose first event it applies — and neither shortcut may lose an event.
const meta = { actor: admin, correlationId: 'c', causationId: null };
const balances = ledgerBalances;
const opened = ledgerOpened;
const credit = ledgerCredited;

describe('StoreProjector reads per pass', () => {
  let env: TestEnv;
  let connection: mongoose.Connection;
  let n = 0;
  const commands: string[] = [];
  beforeAll(async () => {
    env = await mongoLiteEnv();
  });
  afterAll(() => env.stop());
  beforeEach(async () => {
    connection = await mongoose
      .createConnection(env.mongoUri, { dbName: `reads_${process.pid}_${++n}`, monitorCommands: true })
      .asPromise();
    connection
      .getClient()
      .on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => {
        const target = e.command[e.commandName];
        commands.push(`${e.commandName} ${typeof target === 'string' ? target : ''}`);
      });
  });
  afterEach(() => connection.close());

  const setup = () => {
    const store = new MemoryEventStore({ clock: new ManualClock('2026-03-01T00:00:00Z') });
    let t = 0;
    const projector = new StoreProjector({
      store,
      db: dbOf(connection),
      projections: [balances],
      now: () => t,
    });
    return { store, projector, advance: (ms: number) => (t += ms) };
  };
  const docs = async (collection: string) =>
    (await connection.db!.collection(collection).find({}).sort({ _id: 1 }).toArray()).map((d) => [
      d['_id'],
      d['balance'],
      d['_v'],
    ]);

  it('applies the first events of new streams with one write, without reading their documents', async () => {
    const { store, projector } = setup();
    await store.append('z', 0, opened('z'), meta);
    await projector.start();
    await store.append('a', 0, opened('a'), meta);
    await store.append('b', 0, opened('b'), meta);
    commands.length = 0;
    await projector.catchUp();
    // (the checkpoint's write, at most once a second, is left out)
    const reads = () => commands.filter((c) => c !== 'update projection_checkpoints');
    expect(reads()).toEqual(['insert proj_balances']);
    expect(await docs('proj_balances')).toEqual([
      ['a', 0, 2],
      ['b', 0, 3],
      ['z', 0, 1],
    ]);
    // a later event of a stream loads its document
    await store.append('a', 1, credit(6), meta);
    commands.length = 0;
    await projector.catchUp();
    expect(reads()).toEqual(['find proj_balances', 'update proj_balances']);
    expect(await docs('proj_balances')).toEqual([
      ['a', 6, 4],
      ['b', 0, 3],
      ['z', 0, 1],
    ]);
  });

  it('applies a first event again as a no-op: the insert conflicts and the retry loads the document', async () => {
    const { store, projector } = setup();
    await store.append('a', 0, opened('a'), meta);
    await store.append('a', 1, credit(6), meta);
    await projector.start();
    // A restart whose checkpoint was never written (a crash within CHECKPOINT_SYNC_MS): from position 0 again.
    await connection.db!.collection('projection_checkpoints').deleteMany({});
    const again = new StoreProjector({ store, db: dbOf(connection), projections: [balances] });
    commands.length = 0;
    await again.catchUp();
    expect(commands.filter((c) => c.startsWith('insert') || c.startsWith('find proj_'))).toEqual([
      'find proj_balances', // from position 0: is the collection empty (a rebuild in windows)? It is not
      'insert proj_balances', // a's first event, refused as a duplicate
      'find proj_balances', // the retry, which finds a has both events already
    ]);
    expect(await docs('proj_balances')).toEqual([['a', 6, 2]]);
    await store.append('b', 0, opened('b'), meta);
    await again.catchUp();
    expect(await docs('proj_balances')).toEqual([
      ['a', 6, 2],
      ['b', 0, 3],
    ]);
  });

  it('reads the pointers once per POINTER_CACHE_MS and, after a swap, applies to the new collection what went to the old', async () => {
    const { store, projector, advance } = setup();
    await store.append('a', 0, opened('a'), meta);
    await store.append('a', 1, credit(5), meta);
    await projector.start();
    const pointerReads = () => commands.filter((c) => c === 'find projection_pointers').length;
    // a blue/green swap elsewhere: the new collection holds what the old one had when it was filled
    const db = dbOf(connection);
    await db
      .collection('proj_balances_2')
      .insertMany(await db.collection('proj_balances').find({}).toArray());
    expect(
      await new ProjectionCatalog(db).swap('balances', 'proj_balances', 'proj_balances_2', new Date()),
    ).toBe(true);
    commands.length = 0;
    await store.append('a', 2, credit(1), meta);
    await projector.catchUp();
    expect(pointerReads()).toBe(0); // still the pointer read at start
    expect(await docs('proj_balances')).toEqual([['a', 6, 3]]);
    expect(await docs('proj_balances_2')).toEqual([['a', 5, 2]]);

    advance(POINTER_CACHE_MS);
    await store.append('b', 0, opened('b'), meta);
    await projector.catchUp();
    expect(pointerReads()).toBe(1);
    // the event the old collection took is applied again, to the new one; the old one gets nothing more
    expect(await docs('proj_balances_2')).toEqual([
      ['a', 6, 3],
      ['b', 0, 4],
    ]);
    expect(await docs('proj_balances')).toEqual([['a', 6, 3]]);
  });

  it("a reader's catalog reads a pointer once per POINTER_CACHE_MS, once for many at a time; the consumer's every time", async () => {
    let t = 0;
    const db = dbOf(connection);
    const reader = new ProjectionCatalog(db, { cacheMs: POINTER_CACHE_MS, now: () => t });
    const pointerReads = () => commands.filter((c) => c === 'find projection_pointers').length;
    const before = pointerReads();
    const names = await Promise.all([1, 2, 3].map(() => reader.liveName('balances')));
    expect(names).toEqual(['proj_balances', 'proj_balances', 'proj_balances']);
    await reader.live('balances');
    expect(pointerReads() - before).toBe(1);
    // a rebuild swaps; the reader sees it once its pointer is POINTER_CACHE_MS old
    await new ProjectionCatalog(db).swap('balances', 'proj_balances', 'proj_balances_2', new Date());
    t += POINTER_CACHE_MS - 1;
    expect(await reader.liveName('balances')).toBe('proj_balances');
    t += 1;
    expect(await reader.liveName('balances')).toBe('proj_balances_2');
    expect(pointerReads() - before).toBe(2);
    const consumer = new ProjectionCatalog(db);
    await consumer.liveName('balances');
    await consumer.liveName('balances');
    expect(pointerReads() - before).toBe(4);
  });
});
