import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Double, Long, MongoClient, type Document } from 'mongodb';
import { startMongoLite } from '../server';
import { type ChildServer, kill9, spawnServer } from '../test-support/child-server';

async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('persistence across kill -9 (built bin as a child process)', () => {
  let dir: string;
  let server: ChildServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mongo-lite-persist-'));
  });
  afterEach(async () => {
    if (server) await kill9(server);
    server = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const coll = (c: MongoClient) => c.db('app').collection<Document>('items');

  it('keeps every acknowledged write, index and committed transaction after SIGKILL', async () => {
    server = await spawnServer(['--data', dir]);
    await withClient(server.uri, async (c) => {
      await coll(c).createIndex({ sku: 1 }, { unique: true });
      await coll(c).insertMany(Array.from({ length: 300 }, (_, i) => ({ sku: `s${i}`, qty: i })));
      await coll(c).updateOne(
        { sku: 's1' },
        { $set: { qty: 1000, big: Long.fromNumber(2 ** 40), half: new Double(4) } },
      );
      await coll(c).deleteOne({ sku: 's2' });
      const s = c.startSession();
      await s.withTransaction(async () => {
        await coll(c).insertOne({ sku: 'tx-a' }, { session: s });
        await coll(c).insertOne({ sku: 'tx-b' }, { session: s });
      });
      await s.endSession();
    });
    await kill9(server);
    server = await spawnServer(['--data', dir]);
    await withClient(server.uri, async (c) => {
      expect(await coll(c).countDocuments()).toBe(301);
      const s1 = await coll(c).findOne({ sku: 's1' }, { promoteValues: false });
      expect(String(s1?.qty)).toBe('1000');
      expect((s1?.big as { _bsontype?: string })._bsontype).toBe('Long');
      expect((s1?.half as { _bsontype?: string })._bsontype).toBe('Double');
      expect(await coll(c).findOne({ sku: 's2' })).toBeNull();
      expect(await coll(c).countDocuments({ sku: /^tx-/ })).toBe(2);
      await expect(coll(c).insertOne({ sku: 's3' })).rejects.toMatchObject({ code: 11000 });
    });
  });

  it('stops cleanly on SIGTERM and keeps the data', async () => {
    server = await spawnServer(['--data', dir]);
    await withClient(server.uri, (c) => coll(c).insertOne({ sku: 'graceful' }));
    const exited = new Promise<number | null>((resolve) =>
      server?.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = await spawnServer(['--data', dir]);
    await withClient(server.uri, async (c) =>
      expect(await coll(c).countDocuments({ sku: 'graceful' })).toBe(1),
    );
  });

  it('discards a torn last record and a corrupt one, never half-applying them', async () => {
    const log = path.join(dir, 'oplog.bin');
    for (const damage of ['truncate', 'flip'] as const) {
      server = await spawnServer(['--data', dir]);
      const before = statSync(log).size;
      await withClient(server.uri, (c) =>
        coll(c).insertMany([
          { sku: `last-${damage}-1`, qty: 1 },
          { sku: `last-${damage}-2`, qty: 2 },
        ]),
      );
      await kill9(server);
      server = undefined;
      const after = statSync(log).size;
      expect(after).toBeGreaterThan(before);
      if (damage === 'truncate') {
        truncateSync(log, after - 3);
      } else {
        const buf = readFileSync(log);
        const at = before + Math.floor((after - before) / 2);
        buf[at] = (buf[at] as number) ^ 0xff;
        writeFileSync(log, buf);
      }
      server = await spawnServer(['--data', dir]);
      await withClient(server.uri, async (c) => {
        expect(await coll(c).countDocuments({ sku: new RegExp(`^last-${damage}`) })).toBe(0);
        expect(await coll(c).countDocuments({ sku: /^s/ })).toBe(299);
      });
      expect(statSync(log).size).toBe(before);
      await kill9(server);
      server = undefined;
    }
  });
});

describe('compaction', () => {
  it('folds the log into a snapshot and restarts from it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mongo-lite-compact-'));
    try {
      const lines: string[] = [];
      const opts = { dataDir: dir, compactBytes: 64 * 1024, log: (l: string) => lines.push(l) };
      let s = await startMongoLite(opts);
      await withClient(s.uri, async (c) => {
        const items = c.db('app').collection('many');
        await items.createIndex({ k: 1 }, { unique: true });
        for (let i = 0; i < 20; i++) {
          await items.insertMany(
            Array.from({ length: 100 }, (_, j) => ({ k: i * 100 + j, pad: 'x'.repeat(40) })),
          );
        }
        await items.deleteMany({ k: { $lt: 500 } });
      });
      await s.stop();
      expect(existsSync(path.join(dir, 'snapshot.bin'))).toBe(true);
      const snapshot = statSync(path.join(dir, 'snapshot.bin')).size;
      expect(statSync(path.join(dir, 'oplog.bin')).size).toBeLessThan(Math.max(64 * 1024, snapshot));
      expect(lines.some((l) => /compacted a \d+-byte log into a \d+-byte snapshot in \d+ ms/.test(l))).toBe(
        true,
      );
      s = await startMongoLite(opts);
      await withClient(s.uri, async (c) => {
        const items = c.db('app').collection('many');
        expect(await items.countDocuments()).toBe(1500);
        await expect(items.insertOne({ k: 1999 })).rejects.toMatchObject({ code: 11000 });
      });
      await s.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits for a log as large as the snapshot: rewriting the whole state costs in proportion to what is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mongo-lite-compact-'));
    const lines: string[] = [];
    const compactions = () => lines.filter((l) => l.includes('compacted')).length;
    const s = await startMongoLite({
      dataDir: dir,
      compactBytes: 16 * 1024,
      log: (l: string) => lines.push(l),
    });
    try {
      await withClient(s.uri, async (c) => {
        const items = c.db('app').collection('grow');
        const doc = (k: number) => ({ k, pad: 'y'.repeat(200) });
        let k = 0;
        // ≈ 300 KB of state written 100 documents at a time: the log passes 16 KB nineteen times, but each
        // compaction waits for the log to outgrow the snapshot before it (≈ log2(300 / 16) of them)
        for (let i = 0; i < 10; i++) await items.insertMany(Array.from({ length: 100 }, () => doc(k++)));
        expect(compactions()).toBeGreaterThan(0);
        expect(compactions()).toBeLessThan(7);
        // right after a compaction: a write of half the snapshot (> 16 KB) compacts nothing
        const seen = compactions();
        while (compactions() === seen) await items.insertOne(doc(k++));
        const snapshot = statSync(path.join(dir, 'snapshot.bin')).size;
        expect(snapshot).toBeGreaterThan(4 * 16 * 1024);
        const half = Math.floor(snapshot / 2 / 400); // documents of at most 400 log bytes each
        await items.insertMany(Array.from({ length: half }, () => doc(k++)));
        expect(statSync(path.join(dir, 'oplog.bin')).size).toBeGreaterThan(16 * 1024);
        expect(compactions()).toBe(seen + 1);
        expect(await items.countDocuments()).toBe(k);
      });
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
