/**
 * Replay throughput at real size (issue 16, issue 19 §2): every event of the generator's data set read back,
 * verified as the audit verifies a chain (version order, link, SHA-256 of the canonical bytes — eventstore's
 * ChainVerifier), decoded and upcast through the contracts' codec and folded through its owner's `evolve` (the
 * services' pure cores), each stream's final state canonicalised as a replay's comparison does — against the
 * raw floor measured in the same run over the same cursor: the driver reading the same documents and SHA-256
 * of the same bytes (`chainInput`: prevHash, LF, canonical JSON of the hashed fields), nothing else.
 *
 *   npm run bench -w @peiyu/audit [-- --data DIR] [--scale province|city]
 *
 * Data: `npm run generate -- --scale province --year 2026` (the default; the generator writes
 * .peiyu/generate/mongo); `--scale city` names a quick run on the city data set. The data directory is copied
 * first (the generator's own data is never opened for writing). Prints JSON lines: events/s of each pass, the
 * ratio, the run key the data was generated with, load average and peak RSS.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allEvents, withCalendarAwareDeadlines } from '@peiyu/contracts';
import { canonicalize, chainInput, ChainVerifier } from '@peiyu/eventstore';
import mongoose from 'mongoose';
import { benchOwnerOf, type BenchOwner } from './owners';
import { emitBenchLine } from '@peiyu/testkit';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(__dirname, '..', '..', '..', '..', '.peiyu', 'generate', 'mongo') },
    scale: { type: 'string', default: 'province' },
  },
});

/** Every store the generator writes (a database it has not written is simply empty). */
const SERVICE_DBS = [
  'peiyu-registry',
  'peiyu-assessment',
  'peiyu-certification',
  'peiyu-subsidy',
  'peiyu-statistics',
];
/** The record as stored, without storage bookkeeping (eventstore's RECORD_PROJECTION). */
const RECORD_PROJECTION = { _id: 0, published: 0, publishedAt: 0, hashAlg: 0 } as const;

const emit = emitBenchLine;

type Doc = Record<string, unknown> & {
  streamId: string;
  streamVersion: number;
  prevHash: string;
  hash: string;
};
type Cursor = (db: mongoose.mongo.Db) => AsyncIterable<Doc>;

/** The one cursor both passes read: every event of a store, stream by stream, in version order (the unique index). */
const cursor: Cursor = (db) =>
  db
    .collection<Doc>('events')
    .find({}, { projection: RECORD_PROJECTION })
    .sort({ streamId: 1, streamVersion: 1 })
    .batchSize(1000) as unknown as AsyncIterable<Doc>;

/** The floor: the cursor and SHA-256 of the chained bytes, nothing else. */
async function floorPass(
  dbs: mongoose.mongo.Db[],
): Promise<{ events: number; seconds: number; digest: string }> {
  const started = performance.now();
  let events = 0;
  let x = 0;
  for (const db of dbs)
    for await (const d of cursor(db)) {
      const h = createHash('sha256').update(chainInput(d.prevHash, d)).digest();
      x ^= h[0]!; // keep the digest live
      events++;
    }
  return { events, seconds: (performance.now() - started) / 1000, digest: String(x) };
}

/** The audit's replay and verification of the same events: chain, decode (upcast), owner fold, state compared. */
async function replayPass(dbs: mongoose.mongo.Db[]) {
  const codec = withCalendarAwareDeadlines(allEvents());
  const started = performance.now();
  let events = 0;
  let streams = 0;
  let broken = 0;
  let unowned = 0;
  let stateBytes = 0;
  let current:
    { id: string; verifier: ChainVerifier; owner: BenchOwner | undefined; state: unknown } | undefined;
  const close = () => {
    if (!current) return;
    streams++;
    if (!current.verifier.result().ok) broken++;
    // A replay job compares the replayed state with the recorded one in canonical form (diffStates).
    if (current.owner) stateBytes += canonicalize(current.state ?? null).length;
  };
  for (const db of dbs)
    for await (const d of cursor(db)) {
      if (current?.id !== d.streamId) {
        close();
        const owner = benchOwnerOf(d.streamId);
        if (!owner) unowned++;
        current = { id: d.streamId, verifier: new ChainVerifier('sha256'), owner, state: owner?.initial };
      }
      current.verifier.push(d as never);
      if (current.owner) {
        const decoded = codec.decode({
          type: d.type as string,
          schemaVersion: d.schemaVersion as number,
          data: d.data,
        });
        current.state = current.owner.evolve(current.state, { type: d.type as string, data: decoded.data });
      }
      events++;
    }
  close();
  return { events, streams, broken, unowned, stateBytes, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const data = resolve(args.data!);
  if (!existsSync(join(data, 'snapshot.bin')) && !existsSync(join(data, 'oplog.bin'))) {
    emit('skipped', 0, {
      reason: `no generated data in ${data}: npm run generate -- --scale ${args.scale} --year 2026`,
    });
    return;
  }
  const copy = mkdtempSync(join(tmpdir(), 'audit-replay-bench-'));
  cpSync(data, copy, { recursive: true });
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const loadStarted = performance.now();
  const mongo = await startMongoLite({ port: 0, dataDir: copy, log: () => undefined });
  const client = await mongoose.mongo.MongoClient.connect(mongo.uri);
  try {
    const run = await client.db('peiyu-generate').collection<{ _id: string }>('checkpoints').findOne({});
    const runKey = run?._id ?? 'unknown';
    emit('data_loaded_s', Number(((performance.now() - loadStarted) / 1000).toFixed(1)), {
      runKey,
      expectedScale: args.scale,
      ...(runKey.startsWith(`${args.scale}:`) ? {} : { warning: `the data is not ${args.scale} scale` }),
    });
    const dbs = SERVICE_DBS.map((n) => client.db(n));
    // Floor, replay, floor, replay: each figure is the better of its two passes (a loaded machine only slows a
    // pass down; the first pass also pays the JIT's warm-up).
    const f1 = await floorPass(dbs);
    const r1 = await replayPass(dbs);
    const f2 = await floorPass(dbs);
    const r2 = await replayPass(dbs);
    const floor = f1.seconds <= f2.seconds ? f1 : f2;
    const r = r1.seconds <= r2.seconds ? r1 : r2;
    const floorRate = floor.events / floor.seconds;
    const rate = r.events / r.seconds;
    emit('raw_floor_events_per_s', Math.round(floorRate), {
      events: floor.events,
      seconds: Number(floor.seconds.toFixed(2)),
      passes_s: [f1.seconds, f2.seconds].map((s) => Number(s.toFixed(2))),
      what: 'driver cursor (stream, version order) + SHA-256 of chainInput',
    });
    emit('replay_verify_events_per_s', Math.round(rate), {
      events: r.events,
      streams: r.streams,
      broken: r.broken,
      unowned: r.unowned,
      seconds: Number(r.seconds.toFixed(2)),
      passes_s: [r1.seconds, r2.seconds].map((x) => Number(x.toFixed(2))),
      what: 'same cursor + ChainVerifier + codec decode/upcast + owner evolve + canonical state',
    });
    emit('replay_ratio_to_floor', Number((rate / floorRate).toFixed(3)), { runKey });
  } finally {
    await client.close();
    await mongo.stop();
    rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
