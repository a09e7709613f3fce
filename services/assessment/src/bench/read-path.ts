/**
 * Read path at real size (issue 19 §2): the busiest lists — the review queue (county, city, province), the
 * province's evaluation list, the public entry list (whole province and one county) — run as their routes run
 * them (listScope's place filter on the evaluation documents, then `readPage`: count + sorted page, then the
 * names), over
 * the generator's data (`npm run generate -- --scale city|province`), with each query's plan from mongo-lite's
 * `explain`.
 *
 *   node dist/bench/read-path.js [--data .peiyu/generate/mongo] [--samples 200] [--keep DIR]
 *
 * The data directory is copied first (the read models are built into the copy, never into the generator's
 * data). With `--keep DIR` the copy is DIR and stays: the first run builds the read models into it (≈ 20 min
 * at province size) and marks it done; later runs start mongo-lite on DIR and only catch up (new indexes are
 * created, nothing is rebuilt). Prints JSON lines: p50/p99 per list page, plans, build time, load average, peak
 * RSS.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allEvents } from '@peiyu/contracts';
import { MongoEventStore, ProjectionCatalog, readPage, StoreProjector } from '@peiyu/eventstore';
import { systemClock } from '@peiyu/service-kit';
import mongoose from 'mongoose';
import { ASSESSMENT_SCOPE } from '../http/access';
import { batchesProjection } from '../read-models/batches';
import { ENTERPRISE_INDEXES, ENTERPRISES, enterprisesProjection } from '../read-models/enterprises';
import { EVALUATIONS, evaluationsProjection } from '../read-models/evaluations';
import { emitBenchLine } from '@peiyu/testkit';

const { values: args } = parseArgs({
  options: {
    // The generator's data directory (`npm run generate` run from the repository root).
    data: { type: 'string', default: join(__dirname, '..', '..', '..', '..', '.peiyu', 'generate', 'mongo') },
    samples: { type: 'string', default: '200' },
    year: { type: 'string', default: '2026' },
    batch: { type: 'string', default: '2000' },
    // A directory that keeps the built read models between runs (created and filled on the first run).
    keep: { type: 'string' },
  },
});
const BATCH = Number(args.batch);

const emit = emitBenchLine;

type Coll = mongoose.mongo.Collection<Record<string, unknown>>;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(2));
};

async function plan(db: mongoose.mongo.Db, coll: string, filter: object, sort?: object, limit?: number) {
  const inner = sort ? { find: coll, filter, sort, limit } : { count: coll, query: filter };
  const r = await db.command({ explain: inner });
  return { plan: r.queryPlanner.winningPlan, stats: r.executionStats };
}

/** Names of the lists and how each is read, as the routes read them. */
interface List {
  name: string;
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
}

async function main(): Promise<void> {
  const year = Number(args.year);
  if (!existsSync(resolve(args.data, 'snapshot.bin')) && !existsSync(resolve(args.data, 'oplog.bin'))) {
    emit('skipped', 0, {
      reason: `no generated data in ${resolve(args.data)}: npm run generate -- --scale city`,
    });
    return;
  }
  const copy = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'read-path-'));
  const marker = join(copy, 'read-path-built.json');
  const reused = args.keep !== undefined && existsSync(marker);
  if (reused) emit('reusing_read_models', 1, { dir: copy, ...JSON.parse(readFileSync(marker, 'utf8')) });
  else cpSync(resolve(args.data), copy, { recursive: true });
  const { startMongoLite } = await import('@peiyu/mongo-lite');
  const loading = performance.now();
  const mongo = await startMongoLite({ port: 0, dataDir: copy, log: () => undefined });
  emit('mongo_lite_loaded_s', Number(((performance.now() - loading) / 1000).toFixed(1)), { dir: copy });
  const conn = (dbName: string) => mongoose.createConnection(mongo.uri, { dbName }).asPromise();
  const assessment = await conn('peiyu-assessment');
  const registry = await conn('peiyu-registry');
  const codec = allEvents();
  const db = assessment.db!;
  try {
    // The read models, as the services build them: assessment's own from its store, the enterprises view
    // from the registry's events (a Kafka consumer in the service; the same projection here).
    let t = performance.now();
    const own = await MongoEventStore.open({ connection: assessment, clock: systemClock, codec });
    const reg = await MongoEventStore.open({ connection: registry, clock: systemClock, codec });
    const catalog = new ProjectionCatalog(db);
    await (await catalog.live(ENTERPRISES)).createIndexes(ENTERPRISE_INDEXES.map((ix) => ({ ...ix })));
    // The enterprises view first: the evaluations projection reads each enterprise's place from it.
    await new StoreProjector({
      store: reg,
      db,
      batchSize: BATCH,
      projections: [{ ...enterprisesProjection(ASSESSMENT_SCOPE), name: ENTERPRISES }],
    }).start();
    emit('enterprises_view_built_s', Number(((performance.now() - t) / 1000).toFixed(1)));
    const projector = new StoreProjector({
      store: own,
      db,
      batchSize: BATCH,
      projections: [evaluationsProjection(ASSESSMENT_SCOPE), batchesProjection()],
    });
    await projector.start();
    const evaluations = (await projector.collection(EVALUATIONS)) as unknown as Coll;
    const enterprises = (await catalog.live(ENTERPRISES)) as unknown as Coll;
    const built = Number(((performance.now() - t) / 1000).toFixed(1));
    emit(reused ? 'read_models_caught_up_s' : 'read_models_built_s', built, {
      evaluations: await evaluations.countDocuments({}),
      enterprises: await enterprises.countDocuments({}),
    });
    if (args.keep && !reused) {
      writeFileSync(marker, JSON.stringify({ data: resolve(args.data), built_s: built, at: new Date() }));
    }

    const anyCounty = (await enterprises.findOne({}, { sort: { countyCode: 1 } }))?.countyCode as string;
    const city = (await enterprises.findOne({ cityCode: { $ne: null } }))?.cityCode as string;
    const province = `${anyCounty.slice(0, 2)}0000`;
    const queue = (scope: Record<string, unknown>, name: string): List => ({
      name,
      filter: { ...scope, status: 'submitted' },
      sort: { dueOn: 1, submittedOn: 1, _id: 1 },
    });
    const lists: List[] = [
      queue({ countyCode: anyCounty }, `review queue, county ${anyCounty}`),
      queue({ cityCode: city }, `review queue, city ${city}`),
      queue({ provinceCode: province }, `review queue, province ${province}`),
      {
        name: `evaluation list, province ${province}, ${year}`,
        filter: { provinceCode: province, year },
        sort: { uscc: 1, year: 1 },
      },
      {
        name: `public entries, ${year}, valid now`,
        filter: {
          year,
          status: { $in: ['entered', 'revoked'] },
          'evaluation.entry.validUntil': { $gte: `${year}-12-31` },
        },
        sort: { 'evaluation.entry.registrationNumber': 1 },
      },
      {
        name: `public entries, ${year}, county ${anyCounty}`,
        filter: {
          year,
          status: { $in: ['entered', 'revoked'] },
          'entryPlace.countyCode': anyCounty,
        },
        sort: { 'evaluation.entry.registrationNumber': 1 },
      },
    ];
    const samples = Number(args.samples);
    // The floor, in the same run: one round trip that does no work (ping), as many times.
    const floor: number[] = [];
    for (let i = 0; i < samples; i++) {
      t = performance.now();
      await db.command({ ping: 1 });
      floor.push(performance.now() - t);
    }
    emit('ping_ms_p50', pct(floor, 0.5), { p99_ms: pct(floor, 0.99), samples });
    for (const list of lists) {
      const times: number[] = [];
      const parts = { pointers: [] as number[], page: [] as number[], names: [] as number[] };
      let total = 0;
      const cpu = process.cpuUsage();
      for (let i = 0; i < samples; i++) {
        t = performance.now();
        // As the route: the live collection from the catalog's pointer (ReadModels.evaluations()), then
        // readPage, then the names (ReadModels.enterprises(): the pointer again, then an $in of 20 USCCs).
        const live = await catalog.live(EVALUATIONS);
        const t1 = performance.now();
        // Pages 1..5 in turn: a reviewer pages a little way in.
        const page = await readPage<{ uscc: string }>(live, list.filter, list.sort, {
          page: 1 + (i % 5),
          pageSize: 20,
        });
        const t2 = performance.now();
        const names = await catalog.live(ENTERPRISES);
        await names.find({ uscc: { $in: page.items.map((d) => d.uscc) } }).toArray();
        const t3 = performance.now();
        times.push(t3 - t);
        parts.page.push(t2 - t1);
        parts.names.push(t3 - t2);
        parts.pointers.push(t1 - t);
        total = page.total;
      }
      const used = process.cpuUsage(cpu);
      const page = await plan(db, evaluations.collectionName, list.filter, list.sort, 20);
      const count = await plan(db, evaluations.collectionName, list.filter);
      const p50 = pct(times, 0.5);
      emit('list_page_ms_p99', pct(times, 0.99), {
        list: list.name,
        p50_ms: p50,
        p50_over_ping: Number((p50 / pct(floor, 0.5)).toFixed(1)),
        // client and server alike: mongo-lite runs in this process
        cpu_ms_per_page: Number(((used.user + used.system) / 1000 / samples).toFixed(2)),
        p50_parts_ms: {
          pointer: pct(parts.pointers, 0.5),
          readPage: pct(parts.page, 0.5),
          names: pct(parts.names, 0.5),
        },
        samples,
        total,
        target_ms: 100,
        collscan: [page, count].some((p) => JSON.stringify(p.plan).includes('COLLSCAN')),
        plans: { page, count },
      });
    }
  } finally {
    await assessment.close();
    await registry.close();
    await mongo.stop();
    if (!args.keep) rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
