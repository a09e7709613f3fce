/**
 * Command path under open-loop load (issue 19 §2): enterprises filing their HNTE application (高新技术企业认定申请,
 * `POST /v1/hnte-applications`, the draft to an open batch), sent on a fixed schedule — request k leaves at
 * t0 + k/rate whether or not earlier ones have answered — against certification's own `main` in its own process,
 * on mongo-lite and kafka-lite in theirs (testkit's bench stack). 150,000–250,000 applications a year nationally
 * in provincial batches of up to several thousand (hnte.md, Scale), filed in the last days of a window: the
 * busiest command of the service, and the only one an open-loop 200/s is real for.
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--replicas 1] [--series]
 *
 * Preconditions, seeded before the run through the public APIs (not measured): the province opens its September
 * batch (hnte.md workflow 2: "e.g. June and September") with the shared clock pinned inside its window; every
 * command has its own enterprise (one live application per enterprise and batch), registered through the
 * registry by its county bureau and carried to certification by Kafka. Visibility is the application document
 * (hnte_applications) of that enterprise in that batch appearing.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { startSharedClockAt, systemClock } from '@peiyu/service-kit';
import { ENGINE_NODE_ARGS, measureCommandPath, startBenchStack, type BenchStack } from '@peiyu/testkit';
import mongoose from 'mongoose';
import { demoForm, YUEYANG_FIRST_BATCH_2022, type DemoSlot } from '../demo/plan';
import { APPLICATIONS } from '../read-models/applications';
import { openBatch, registerApplicants, type Applicant, type Seeding } from './seed';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '1' },
    series: { type: 'boolean', default: false },
  },
});

/** 湖南's second batch of 2026; the clock stands mid-window, a working-day morning in Beijing. */
const BATCH = {
  batchId: '43-2026-2',
  provinceCode: '430000',
  year: 2026,
  title: '2026年第二批',
  applicationOpensOn: '2026-09-01',
  applicationClosesOn: '2026-09-30',
  recommendationDueOn: '2026-10-20',
};
const NOW = new Date('2026-09-15T01:00:00Z');
// 岳阳's counties take turns (the demo's batch): an enterprise applies from the county it is registered in.
const COUNTIES = YUEYANG_FIRST_BATCH_2022.map((c) => c.code);

/** The k-th applicant: its own enterprise, so no command meets another's live application. */
function slotOf(k: number): DemoSlot {
  const countyCode = COUNTIES[k % COUNTIES.length]!;
  return {
    uscc: exampleUscc(countyCode, 100_000 + k),
    name: `压测第${k}号高新技术有限公司`,
    countyCode,
    field: 'new_materials',
    target: 'draft',
    serial: 100_000 + k,
  };
}

async function seed(stack: BenchStack, count: number): Promise<Applicant[]> {
  const s: Seeding = {
    stack,
    certificationPort: stack.services.get('certification')!.ports[0]!,
    registryPort: stack.services.get('registry')!.ports[0]!,
  };
  // Pinned before the batch is opened: a batch whose window has closed cannot be opened (register.ts).
  startSharedClockAt(join(stack.home, 'clock.json'), NOW, systemClock);
  await openBatch(s, BATCH);
  return registerApplicants(s, count, slotOf);
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..');
  const replicas = Math.max(1, Number(args.replicas));
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const warmup = Math.max(0, Number(args.warmup));
  const stack = await startBenchStack({
    repoRoot: root,
    nodeArgs: SERVICE_NODE_ARGS,
    services: [
      { name: 'certification', main: join(root, 'services/certification/dist/main.js'), replicas },
      // for seeding only: the enterprises certification's consumer learns about
      { name: 'registry', main: join(root, 'services/registry/dist/main.js') },
    ],
  });
  // open-loop.ts: `rate*seconds` measured, 20 first commands, `rate*warmup` warm-up, each its own applicant
  const applicants = await seed(stack, Math.round(rate * seconds) + Math.round(rate * warmup) + 20);
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  const db = client.db('peiyu-certification');
  // The applications' live collection, as certification's queries find it (the projection catalog's pointer).
  const applications = db.collection<{ uscc: string; batchId: string }>(
    await new ProjectionCatalog(db as never).liveName(APPLICATIONS),
  );
  const { ports } = stack.services.get('certification')!;
  await measureCommandPath({
    command: 'HNTE application by an enterprise (高新技术企业认定申请, POST /v1/hnte-applications)',
    rate,
    seconds,
    warmupSeconds: warmup,
    okStatus: 201,
    make: (k) => {
      const a = applicants[k]!;
      return {
        port: ports[k % ports.length]!,
        method: 'POST',
        path: '/v1/hnte-applications',
        token: a.token,
        visibleKey: a.slot.uscc,
        body: { batchId: BATCH.batchId, form: demoForm(a.slot, BATCH.year) },
      };
    },
    // By USCC alone, the batch checked here: with `batchId` in the filter mongo-lite's planner takes the
    // batch-first index (an equality prefix) and reads every application of the batch per poll, where MongoDB's
    // trial run picks `uscc`; that scan was the bench's, charged to mongo-lite, not the service's.
    visible: async (keys) =>
      (
        await applications
          .find({ uscc: { $in: keys } }, { projection: { _id: 0, uscc: 1, batchId: 1 } })
          .toArray()
      )
        .filter((d) => d.batchId === BATCH.batchId)
        .map((d) => d.uscc),
    pids: stack.pids(),
    services: ['certification'],
    admin: client.db('admin'),
    series: args.series,
    context: { replicas, service_node_args: SERVICE_NODE_ARGS, engine_node_args: ENGINE_NODE_ARGS },
  });
  await client.close();
  await stack.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
