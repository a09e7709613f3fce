/**
 * The event store's whole-store read (`readAllBatches`: projection catch-up and rebuild) against the decode
 * floor, in the same run (issue 19 §2, "mongo-lite reads"): 50,000 event-sized documents (~600 bytes) served by
 * mongo-lite in its own process, as production runs its database; the floor is the driver's `BSON.deserialize`
 * of the bytes of the very same documents. Seven rounds, each read right beside its own floor: the ratio is the
 * median of the rounds' ratios, because on this machine the floor alone swung from 66,000 to 118,000 docs/s
 * between runs, and a slow phase falls on both halves of a round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventDoc, READ_DOCS } from '@peiyu/mongo-lite/dist/bench/reads';
import { emitBenchLine, processCpuMicros, startBenchServer } from '@peiyu/testkit';
import { BSON } from 'mongodb';
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { dbOf } from '../store/mongo-docs';
import { MongoEventStore } from '../store/mongo-store';

const ROUNDS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

export async function storeReadRatio(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'store-read-bench-'));
  const bin = require.resolve('@peiyu/mongo-lite/dist/bin.js');
  const { child, m } = await startBenchServer(bin, ['--port', '0', '--data', dataDir], /uri=(\S+)/);
  const connection = await mongoose.createConnection(m[1]!, { dbName: 'store_read' }).asPromise();
  try {
    const store = await MongoEventStore.open({ connection, clock: new ManualClock('2026-06-01T00:00:00Z') });
    for (let b = 0; b < READ_DOCS; b += 1000)
      await store.events.insertMany(Array.from({ length: 1000 }, (_, j) => eventDoc(b + j)) as never[]);
    const raw = (await dbOf(connection)
      .collection('events')
      .find({}, { raw: true })
      .toArray()) as unknown as Uint8Array[];
    const rates: number[] = [];
    const floors: number[] = [];
    const ratios: number[] = [];
    let readCpu = 0;
    let serverCpu = 0;
    let decodeCpu = 0;
    // one round of each first, not counted: both sides measured with their code compiled
    for await (const batch of store.readAllBatches()) if (!batch.length) break;
    for (const b of raw) BSON.deserialize(b);
    for (let r = 0; r < ROUNDS; r++) {
      const s0 = processCpuMicros(child.pid);
      let c0 = cpuMicros();
      let t0 = performance.now();
      let n = 0;
      for await (const batch of store.readAllBatches()) n += batch.length;
      rates.push(n / ((performance.now() - t0) / 1000));
      readCpu += cpuMicros() - c0;
      serverCpu += processCpuMicros(child.pid) - s0;
      if (n !== READ_DOCS) throw new Error(`the store read ${n} of ${READ_DOCS} events`);
      c0 = cpuMicros();
      t0 = performance.now();
      for (const b of raw) BSON.deserialize(b);
      floors.push(raw.length / ((performance.now() - t0) / 1000));
      decodeCpu += cpuMicros() - c0;
      ratios.push(rates[r]! / floors[r]!);
    }
    const perDoc = (micros: number): number => Number((micros / (ROUNDS * READ_DOCS)).toFixed(1));
    emitBenchLine('store_read_ratio', Number(median(ratios).toFixed(2)), {
      round_ratios: ratios.map((x) => Number(x.toFixed(2))),
      store_read_docs_per_s: Math.round(median(rates)),
      decode_floor_docs_per_s: Math.round(median(floors)),
      docs: READ_DOCS,
      avg_doc_bytes: Math.round(raw.reduce((s, b) => s + b.length, 0) / raw.length),
      rounds: ROUNDS,
      read_cpu_us_per_doc: perDoc(readCpu),
      server_cpu_us_per_doc: perDoc(serverCpu),
      decode_cpu_us_per_doc: perDoc(decodeCpu),
      cpu_ratio: Number((decodeCpu / readCpu).toFixed(2)),
      target: 0.6,
      backend: 'mongo-lite(durable, own process)',
    });
  } finally {
    await connection.close();
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
