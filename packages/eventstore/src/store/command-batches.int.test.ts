import mongoose from 'mongoose';
import { liteEnv, type TestEnv } from '../test-support/env';
import { findBatches, type FindBatchesQuery } from './command-batches';
import { dbOf, type Db } from './mongo-docs';

// The whole-store read through find / getMore commands (issue 19 §2, "mongo-lite reads"): every document once,
// in order, a batch at a time; all commands in one session; a reader that stops early leaves no cursor open.
interface Seen {
  name: string;
  lsid: string;
  reply?: Record<string, unknown>;
}

describe('findBatches', () => {
  let env: TestEnv;
  let connection: mongoose.Connection;
  let db: Db;
  const seen: Seen[] = [];
  const query = (over: Partial<FindBatchesQuery> = {}): FindBatchesQuery => ({
    collection: 'docs',
    filter: {},
    sort: { position: 1 },
    batchSize: 1000,
    ...over,
  });
  const collect = async (q: FindBatchesQuery): Promise<number[][]> => {
    const out: number[][] = [];
    for await (const batch of findBatches(db, q)) out.push(batch.map((d) => d['position'] as number));
    return out;
  };

  beforeAll(async () => {
    env = await liteEnv();
    connection = await mongoose
      .createConnection(env.mongoUri, { dbName: `batches_${process.pid}`, monitorCommands: true })
      .asPromise();
    db = dbOf(connection);
    const client = connection.getClient();
    const lsidOf = (cmd: Record<string, unknown>) => JSON.stringify((cmd['lsid'] as { id?: unknown })?.id);
    client.on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) =>
      seen.push({ name: e.commandName, lsid: lsidOf(e.command) }),
    );
    client.on('commandSucceeded', (e: { commandName: string; reply: Record<string, unknown> }) => {
      const last = [...seen].reverse().find((s) => s.name === e.commandName && !s.reply);
      if (last) last.reply = e.reply;
    });
    // inserted out of order: the read's sort decides the order
    const positions = Array.from({ length: 2500 }, (_, i) => 2500 - i);
    await db
      .collection('docs')
      .insertMany(positions.map((p) => ({ position: p, payload: { n: `事件${p}` } })));
  });
  afterAll(async () => {
    await connection?.close();
    await env?.stop();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('reads every document once, sorted, a server batch at a time, in one session', async () => {
    const batches = await collect(query());
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(batches.flat()).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(seen.map((s) => s.name)).toEqual(['find', 'getMore', 'getMore']);
    expect(new Set(seen.map((s) => s.lsid)).size).toBe(1);
  });

  it('applies the filter and batch size, and a result in one batch needs no getMore', async () => {
    expect(
      (await collect(query({ filter: { position: { $gt: 2400 } }, batchSize: 40 }))).map((b) => b.length),
    ).toEqual([40, 40, 20]);
    seen.length = 0;
    expect((await collect(query({ filter: { position: { $gt: 2450 } } }))).flat()).toHaveLength(50);
    expect(seen.map((s) => s.name)).toEqual(['find']);
  });

  it('kills the cursor of a reader that stops early', async () => {
    for await (const batch of findBatches(db, query({ batchSize: 500 }))) {
      expect(batch).toHaveLength(500);
      break;
    }
    // the batch asked for ahead was fetched, then the cursor it left killed
    expect(seen.map((s) => s.name)).toEqual(['find', 'getMore', 'killCursors']);
    const killed = seen[2]!.reply!['cursorsKilled'] as unknown[];
    expect(killed).toHaveLength(1);
    expect(new Set(seen.map((s) => s.lsid)).size).toBe(1);
  });

  it('reports a failed read to the reader', async () => {
    const bad = findBatches(db, query({ filter: { $where: 'true' } }));
    await expect(bad.next()).rejects.toThrow();
  });
});
