/**
 * `npm run bench -w @peiyu/mongo-lite`: throughput of the built server running in a child process with a
 * durable data directory (fsync before acknowledgement). Prints one JSON line per measurement.
 * `BENCH_ONLY=reads` runs only the cursor read against its decode floor and the ping loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { benchCursorRead } from './reads';

const DOCS = 50_000;
const BATCH = 1000;
const CONCURRENCY = 8;
// Upserts wait for fsync; more writers in flight share each group commit.
const UPSERT_CONCURRENCY = 16;

function startServer(dataDir: string): Promise<{ child: ChildProcess; uri: string }> {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof") lets the server process be profiled.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(__dirname, '..', 'bin.js'), '--port', '0', '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /uri=(\S+)/.exec(out);
      if (m) resolve({ child, uri: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/** Runs `total` operations with `concurrency` in flight; returns elapsed seconds. */
async function pool(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++);
    }),
  );
  return (performance.now() - t0) / 1000;
}

/** Server process CPU (user + system) in microseconds, read through serverStatus. */
async function serverCpu(client: MongoClient): Promise<number> {
  const s = await client.db('admin').command({ serverStatus: 1 });
  const cpu = (s.mongoLite as { cpuMicros: { user: number; system: number } }).cpuMicros;
  return cpu.user + cpu.system;
}

let cpuMark = 0;
let cpuClient: MongoClient;

async function report(
  bench: string,
  ops: number,
  seconds: number,
  unit: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const cpu = await serverCpu(cpuClient);
  const serverCpuMicrosPerOp = Math.round((cpu - cpuMark) / ops);
  const line = {
    bench,
    ops,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(ops / seconds),
    unit,
    ...extra,
    serverCpuMicrosPerOp,
  };
  cpuMark = await serverCpu(cpuClient);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mongo-lite-bench-'));
  const server = await startServer(dataDir);
  const client = new MongoClient(server.uri, { maxPoolSize: CONCURRENCY * 2 });
  try {
    await client.connect();
    cpuClient = client;

    // Pings first, on an empty server, so the read's garbage is not collected during them.
    const pings = 3000;
    cpuMark = await serverCpu(client);
    const pingSecs = await pool(pings, 1, () => client.db('admin').command({ ping: 1 }));
    await report('ping, one at a time', pings, pingSecs, 'pings/s', {
      msPerPing: Number(((pingSecs * 1000) / pings).toFixed(3)),
    });
    cpuMark = await serverCpu(client);
    const t = performance.now();
    const cursorRead = await benchCursorRead(client.db('bench_reads'), () => serverCpu(client));
    await report(
      'cursor read vs driver decode floor',
      cursorRead.docs * 3,
      (performance.now() - t) / 1000,
      'docs/s',
      {
        ...cursorRead,
        note: 'perSecond includes seeding; compare cursorDocsPerSecond (driver for-await) with decodeFloorDocsPerSecond; the event store own read: BENCH_ONLY=reads npm run bench -w @peiyu/eventstore',
      },
    );

    if (process.env.BENCH_ONLY === 'reads') return;
    const docs = client.db('bench').collection('docs');
    await docs.createIndex({ key: 1 }, { unique: true });
    await docs.createIndex({ seq: 1 });

    cpuMark = await serverCpu(client);
    const t0 = performance.now();
    for (let b = 0; b < DOCS / BATCH; b++) {
      const batch = Array.from({ length: BATCH }, (_, j) => {
        const i = b * BATCH + j;
        return { key: `k${i}`, seq: i, group: i % 100, payload: 'x'.repeat(100) };
      });
      await docs.insertMany(batch);
    }
    await report(
      'driver insertMany (batches of 1000, 2 indexes)',
      DOCS,
      (performance.now() - t0) / 1000,
      'docs/s',
      {
        concurrency: 1,
      },
    );

    const reads = 10_000;
    const readSecs = await pool(reads, CONCURRENCY, (i) => docs.findOne({ key: `k${(i * 7919) % DOCS}` }));
    await report('driver findOne on unique index', reads, readSecs, 'reads/s', {
      concurrency: CONCURRENCY,
      docs: DOCS,
    });

    const queries = 1000;
    const rangeSecs = await pool(queries, CONCURRENCY, (i) => {
      const from = (i * 104_729) % (DOCS - 5000);
      return docs
        .find({ seq: { $gte: from, $lt: from + 5000 } })
        .sort({ seq: -1 })
        .limit(20)
        .toArray();
    });
    await report('range query + sort + limit 20 on indexed field', queries, rangeSecs, 'queries/s', {
      concurrency: CONCURRENCY,
      docs: DOCS,
    });

    await mongoose.connect(server.uri, { dbName: 'bench', maxPoolSize: UPSERT_CONCURRENCY * 2 });
    const State = mongoose.model(
      'BenchState',
      new mongoose.Schema({ key: { type: String, unique: true }, count: Number, updatedAt: Date }),
    );
    await State.init();
    cpuMark = await serverCpu(client);
    const upserts = 6000;
    const upsertSecs = await pool(upserts, UPSERT_CONCURRENCY, (i) =>
      State.updateOne(
        { key: `state-${i % 3000}` },
        { $inc: { count: 1 }, $set: { updatedAt: new Date(0) } },
        { upsert: true },
      ),
    );
    await report('mongoose updateOne upsert on unique index', upserts, upsertSecs, 'upserts/s', {
      concurrency: UPSERT_CONCURRENCY,
    });
  } finally {
    await mongoose.disconnect();
    await client.close();
    server.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
