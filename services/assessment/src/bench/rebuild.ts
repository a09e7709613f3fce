/**
 * Projection rebuild at real size (issue 19 §2, "Projection rebuild"): assessment's read models rebuilt from
 * the stores with the kit's `StoreProjector`, as the service builds them — the enterprises view from the
 * registry's events, then evaluations and batches from assessment's own — over the generator's data
 * (`npm run generate -- --scale city|province`), against a floor measured in the same run:
 *
 * - raw consume: every event of both stores read with the plain driver (`find` / `getMore` commands of the
 *   same batch size, each reply decoded whole, as the store reads) — no record shaping, no upcast, no fold;
 * - raw bulk write: the very documents the rebuild produced (same number, same bytes) inserted with one
 *   unordered `bulkWrite` of `insertOne`s per batch into empty collections with the same indexes.
 *
 *   node dist/bench/rebuild.js [--data .peiyu/generate/mongo] [--batch 500] [--passes 2]
 *     [--window-docs 50000] [--window-events 250000] [--careful] [--compare] [--profile DIR] [--embedded]
 *
 * mongo-lite runs in its own process, as the database does in production (CPU figures add its CPU to this
 * process's); `--embedded` runs it inside this process instead, where its garbage collection and its share of
 * the one JavaScript thread fall on the rebuild and the floor alike.
 *
 * The rebuild runs as the service's start-up does into dropped collections: in windows (the projector's
 * `rebuildWindow`, sized by `--window-docs` / `--window-events`); `--careful` rebuilds batch by batch as a
 * catch-up does instead. `--compare` (after the passes) rebuilds both ways and compares the read models
 * document for document. `--profile DIR` writes a CPU profile of each pass's rebuild alone (not the data load,
 * not the floor) to DIR.
 *
 * The data directory is copied first (nothing is written into the generator's data). Each pass drops the
 * read models and rebuilds them, then measures the floor; the best of the passes is reported. Prints JSON
 * lines: events/s, the floor, the ratio (goal ≥ 0.6), CPU seconds, load average, peak RSS.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allEvents } from '@peiyu/contracts';
import {
  findBatches,
  MongoEventStore,
  ProjectionCatalog,
  REBUILD_WINDOW,
  StoreProjector,
} from '@peiyu/eventstore';
import { systemClock } from '@peiyu/service-kit';
import mongoose from 'mongoose';
import { ASSESSMENT_SCOPE } from '../http/access';
import { BATCHES, batchesProjection } from '../read-models/batches';
import { ENTERPRISE_INDEXES, ENTERPRISES, enterprisesProjection } from '../read-models/enterprises';
import { EVALUATIONS, evaluationsProjection } from '../read-models/evaluations';
import { emitBenchLine, processCpuMicros, processPeakRssMb, startBenchServer } from '@peiyu/testkit';

const { values: args } = parseArgs({
  options: {
    // The generator's data directory (`npm run generate` run from the repository root).
    data: { type: 'string', default: join(__dirname, '..', '..', '..', '..', '.peiyu', 'generate', 'mongo') },
    batch: { type: 'string', default: '500' },
    passes: { type: 'string', default: '2' },
    'window-docs': { type: 'string' },
    'window-events': { type: 'string' },
    careful: { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    profile: { type: 'string' },
    // mongo-lite inside this process (as before 7 Dec) instead of its own process, as the database runs in production
    embedded: { type: 'boolean', default: false },
  },
});
const BATCH = Number(args.batch);
const WINDOW = {
  ...(args['window-docs'] ? { docs: Number(args['window-docs']) } : {}),
  ...(args['window-events'] ? { events: Number(args['window-events']) } : {}),
};
const { BSON } = mongoose.mongo;

const emit = emitBenchLine;

type Db = mongoose.mongo.Db;
type Doc = mongoose.mongo.Document;
const seconds = (t0: number): number => (performance.now() - t0) / 1000;
/** The database server's process when it runs on its own (its CPU counts with this process's). */
let serverPid: number | undefined;
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system + (serverPid ? processCpuMicros(serverPid) : 0)) / 1e6;
};

/** Drops a projection's live collection and checkpoint: the next `start()` rebuilds it from position 0. */
async function reset(db: Db, name: string): Promise<void> {
  const live = await new ProjectionCatalog(db).liveName(name);
  await db
    .collection(live)
    .drop()
    .catch(() => undefined);
  await db.collection('projection_checkpoints').deleteOne({ _id: name as never });
}

/** The rebuild as the service runs it; returns the events each store fed. */
async function rebuild(own: MongoEventStore, reg: MongoEventStore, db: Db, careful = args.careful) {
  const rebuildWindow = careful ? (false as const) : WINDOW;
  for (const name of [ENTERPRISES, EVALUATIONS, BATCHES]) await reset(db, name);
  const catalog = new ProjectionCatalog(db);
  await (await catalog.live(ENTERPRISES)).createIndexes(ENTERPRISE_INDEXES.map((ix) => ({ ...ix })));
  const t0 = performance.now();
  const c0 = cpuSeconds();
  // The enterprises view first: the evaluations projection reads each enterprise's place from it.
  await new StoreProjector({
    store: reg,
    db,
    batchSize: BATCH,
    rebuildWindow,
    projections: [{ ...enterprisesProjection(ASSESSMENT_SCOPE), name: ENTERPRISES }],
  }).start();
  const enterprisesS = seconds(t0);
  const enterprisesCpuS = cpuSeconds() - c0;
  await new StoreProjector({
    store: own,
    db,
    batchSize: BATCH,
    rebuildWindow,
    projections: [evaluationsProjection(ASSESSMENT_SCOPE), batchesProjection()],
  }).start();
  return { s: seconds(t0), cpuS: cpuSeconds() - c0, enterprisesS, enterprisesCpuS };
}

/**
 * Every event of a store read and decoded, nothing else: the same find / getMore commands the store's read
 * sends, each reply decoded whole (the fastest raw read found, faster than the driver's cursor even with
 * `raw: true`), without the store's record shaping or upcasting.
 */
async function rawConsume(db: Db): Promise<number> {
  let n = 0;
  const batches = findBatches(db, {
    collection: 'events',
    filter: {},
    sort: { position: 1 },
    batchSize: BATCH,
  });
  for await (const docs of batches) n += docs.length;
  return n;
}

/** The read model's documents inserted into an empty collection with the same indexes, a batch per bulkWrite. */
async function rawBulkWrite(db: Db, live: string, docs: Doc[]): Promise<void> {
  const copy = db.collection(`${live}__floor`);
  await copy.drop().catch(() => undefined);
  const specs = (await db.collection(live).listIndexes().toArray()).filter((ix) => ix.name !== '_id_');
  if (specs.length)
    await copy.createIndexes(
      specs.map((ix) => ({ key: ix.key, name: ix.name, ...(ix.unique ? { unique: true } : {}) })),
    );
  const t0 = performance.now();
  const c0 = cpuSeconds();
  for (let i = 0; i < docs.length; i += BATCH)
    await copy.bulkWrite(
      docs.slice(i, i + BATCH).map((document) => ({ insertOne: { document } })),
      { ordered: false },
    );
  floorWriteS += seconds(t0);
  floorWriteCpuS += cpuSeconds() - c0;
  await copy.drop();
}
let floorWriteS = 0;
let floorWriteCpuS = 0;

async function floor(assessment: Db, registry: Db) {
  const catalog = new ProjectionCatalog(assessment);
  const t0 = performance.now();
  const c0 = cpuSeconds();
  const events = (await rawConsume(registry)) + (await rawConsume(assessment));
  const readS = seconds(t0);
  const readCpuS = cpuSeconds() - c0;
  let docs = 0;
  let bytes = 0;
  floorWriteS = 0;
  floorWriteCpuS = 0;
  for (const name of [ENTERPRISES, EVALUATIONS, BATCHES]) {
    const live = await catalog.liveName(name);
    const all = await assessment.collection(live).find({}).toArray();
    docs += all.length;
    for (const d of all) bytes += BSON.calculateObjectSize(d);
    await rawBulkWrite(assessment, live, all);
  }
  return {
    events,
    docs,
    bytes,
    readS,
    writeS: floorWriteS,
    s: readS + floorWriteS,
    cpuS: readCpuS + floorWriteCpuS,
  };
}

async function main(): Promise<void> {
  if (!existsSync(resolve(args.data, 'snapshot.bin')) && !existsSync(resolve(args.data, 'oplog.bin'))) {
    emit('skipped', 0, {
      reason: `no generated data in ${resolve(args.data)}: npm run generate -- --scale city`,
    });
    return;
  }
  const copy = mkdtempSync(join(tmpdir(), 'rebuild-'));
  cpSync(resolve(args.data), copy, { recursive: true });
  const mongo = await startServer(copy);
  const conn = (dbName: string) => mongoose.createConnection(mongo.uri, { dbName }).asPromise();
  const assessment = await conn('peiyu-assessment');
  const registry = await conn('peiyu-registry');
  const codec = allEvents();
  try {
    const own = await MongoEventStore.open({ connection: assessment, clock: systemClock, codec });
    const reg = await MongoEventStore.open({ connection: registry, clock: systemClock, codec });
    let best: { rate: number; line: Record<string, unknown> } | undefined;
    for (let pass = 1; pass <= Number(args.passes); pass++) {
      const session = args.profile ? await startProfile() : undefined;
      const r = await rebuild(own, reg, assessment.db!);
      if (session) await stopProfile(session, join(args.profile!, `rebuild-pass${pass}.cpuprofile`));
      const f = await floor(assessment.db!, registry.db!);
      const rate = f.events / r.s;
      const floorRate = f.events / f.s;
      const line = {
        pass,
        events: f.events,
        rebuild_s: Number(r.s.toFixed(2)),
        rebuild_cpu_s: Number(r.cpuS.toFixed(2)),
        enterprises_view_s: Number(r.enterprisesS.toFixed(2)),
        enterprises_view_cpu_s: Number(r.enterprisesCpuS.toFixed(2)),
        floor_events_per_s: Math.round(floorRate),
        floor_s: Number(f.s.toFixed(2)),
        floor_read_s: Number(f.readS.toFixed(2)),
        floor_write_s: Number(f.writeS.toFixed(2)),
        ratio: Number((rate / floorRate).toFixed(3)),
        // CPU of the whole process (bench + embedded mongo-lite): what the shared machine's load does not move
        floor_cpu_s: Number(f.cpuS.toFixed(2)),
        cpu_ratio: Number((f.cpuS / r.cpuS).toFixed(3)),
        goal: 0.6,
        server: args.embedded ? 'mongo-lite in this process' : 'mongo-lite in its own process',
        ...(serverPid ? { server_peak_rss_mb: processPeakRssMb(serverPid) } : {}),
        docs: f.docs,
        doc_bytes: f.bytes,
        batch: BATCH,
        window: args.careful ? 'careful (batch by batch)' : { ...REBUILD_WINDOW, ...WINDOW },
        floor:
          'raw consume (driver raw batches + BSON.deserialize, both stores) + raw bulkWrite insertOne of the rebuilt documents (same count and bytes, same indexes)',
      };
      emit('projection_rebuild_pass', Math.round(rate), line);
      if (!best || rate / floorRate > (best.line.ratio as number)) best = { rate, line };
    }
    if (best)
      emit('projection_rebuild_events_per_s', Math.round(best.rate), {
        ...best.line,
        best_of: Number(args.passes),
      });
    if (args.compare) await compare(own, reg, assessment.db!);
  } finally {
    await assessment.close();
    await registry.close();
    await mongo.stop();
    rmSync(copy, { recursive: true, force: true });
  }
}

/** mongo-lite on the copied data: its own process (as a database runs), or in this one with `--embedded`. */
async function startServer(dataDir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  if (args.embedded) {
    const { startMongoLite } = await import('@peiyu/mongo-lite');
    return startMongoLite({ port: 0, dataDir, log: () => undefined });
  }
  const bin = join(__dirname, '..', '..', '..', '..', 'infra', 'mongo-lite', 'dist', 'bin.js');
  // No compaction inside the measured phases: mongo-lite folds its log into a snapshot by rewriting the whole
  // 3 GB state (15 s, stopping every command), which a real MongoDB's checkpoints do not; wherever it fell, it
  // charged one side of the ratio (0.66 with it in the rebuild, 0.83 in the floor, 7 Dec).
  const { child, m } = await startBenchServer(
    bin,
    ['--port', '0', '--data', dataDir, '--compact-mb', String(64 * 1024)],
    /uri=(\S+)/,
  );
  serverPid = child.pid;
  return {
    uri: m[1]!,
    stop: () =>
      new Promise<void>((resolve) => {
        serverPid = undefined;
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The read models rebuilt in windows and batch by batch, compared document for document (`--compare`). */
async function compare(own: MongoEventStore, reg: MongoEventStore, db: Db): Promise<void> {
  const catalog = new ProjectionCatalog(db);
  const snapshot = async () => {
    const out = new Map<string, Map<string, string>>();
    for (const name of [ENTERPRISES, EVALUATIONS, BATCHES]) {
      const docs = await (await catalog.live(name)).find({}).toArray();
      // the stored bytes: field order, types, nulls and all
      out.set(
        name,
        new Map(docs.map((d) => [String(d._id), Buffer.from(BSON.serialize(d)).toString('hex')])),
      );
    }
    return out;
  };
  await rebuild(own, reg, db, false);
  const windowed = await snapshot();
  await rebuild(own, reg, db, true);
  const careful = await snapshot();
  for (const [name, docs] of careful) {
    const other = windowed.get(name)!;
    let differ = 0;
    for (const [id, bytes] of docs) if (other.get(id) !== bytes) differ++;
    for (const id of other.keys()) if (!docs.has(id)) differ++;
    emit('projection_rebuild_compare', differ, {
      projection: name,
      careful_docs: docs.size,
      window_docs: other.size,
      differing: differ,
    });
  }
}

async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<void>((ok, fail) => session.post(method, (err) => (err ? fail(err) : ok())));
  await post('Profiler.enable');
  await post('Profiler.start');
  return session;
}

async function stopProfile(session: Session, file: string): Promise<void> {
  const profile = await new Promise<unknown>((ok, fail) =>
    session.post('Profiler.stop', (err, r) => (err ? fail(err) : ok(r.profile))),
  );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
