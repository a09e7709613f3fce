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
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { registerBenchEnterprises, signBenchToken } from '@peiyu/registry/dist/bench/seed';
import { startSharedClockAt, systemClock } from '@peiyu/service-kit';
import {
  awaitCount,
  benchMain,
  benchRequest,
  commandPathArgs,
  commandTargets,
  measureCommandPath,
  startServiceBench,
  type BenchStack,
} from '@peiyu/testkit';
import mongoose from 'mongoose';
import { demoForm, YUEYANG_FIRST_BATCH_2022, type DemoSlot } from '../demo/plan';
import { APPLICATIONS } from '../read-models/applications';
import { ENTERPRISES } from '../read-models/enterprises';

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

/**
 * The province's reviewer opens the batch (认定机构, hnte.md workflow 2; POST /v1/hnte-batches), with the clock
 * pinned inside its window first: a batch whose window has closed cannot be opened (register.ts).
 */
async function openBatch(stack: BenchStack): Promise<void> {
  startSharedClockAt(join(stack.home, 'clock.json'), NOW, systemClock);
  const token = await signBenchToken(stack, {
    sub: 'bench-province',
    role: 'province_reviewer',
    region: BATCH.provinceCode,
  });
  const port = stack.services.get('certification')!.ports[0]!;
  const r = await benchRequest(port, 'POST', '/v1/hnte-batches', token, BATCH);
  if (r.status !== 201)
    throw new Error(`opening batch ${BATCH.batchId}: ${r.status} ${JSON.stringify(r.body)}`);
}

benchMain(async () => {
  const args = commandPathArgs();
  const stack = await startServiceBench({
    service: 'certification',
    replicas: args.replicas,
    nodeArgs: SERVICE_NODE_ARGS,
    withRegistry: true,
  });
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  try {
    const db = client.db('peiyu-certification');
    const catalog = new ProjectionCatalog(db as never);
    await openBatch(stack);
    // One enterprise per command (one live application per enterprise and batch), known to certification first.
    const targets = commandTargets(args);
    const tokens = await registerBenchEnterprises(stack, targets, (k) => {
      const slot = slotOf(k);
      return {
        uscc: slot.uscc,
        name: slot.name,
        countyCode: slot.countyCode,
        foundedOn: '2015-03-01',
        hnteField: slot.field,
      };
    });
    const view = db.collection(await catalog.liveName(ENTERPRISES));
    // The stack is fresh: the view holds the bench's enterprises and nothing else.
    await awaitCount("certification's enterprise view", targets, () => view.countDocuments({}));
    // The applications' live collection, as certification's queries find it (the projection catalog's pointer).
    const applications = db.collection<{ uscc: string; batchId: string }>(
      await catalog.liveName(APPLICATIONS),
    );
    const { ports } = stack.services.get('certification')!;
    await measureCommandPath({
      command: 'HNTE application by an enterprise (高新技术企业认定申请, POST /v1/hnte-applications)',
      args,
      okStatus: 201,
      make: (k) => ({
        port: ports[k % ports.length]!,
        method: 'POST',
        path: '/v1/hnte-applications',
        token: tokens[k]!,
        visibleKey: slotOf(k).uscc,
        body: { batchId: BATCH.batchId, form: demoForm(slotOf(k), BATCH.year) },
      }),
      // By USCC alone, the batch checked here: with `batchId` in the filter mongo-lite's planner takes the
      // batch-first index (an equality prefix) and reads every application of the batch per poll, where
      // MongoDB's trial run picks `uscc`; that scan was the bench's, charged to mongo-lite, not the service's.
      visible: async (keys) =>
        (
          await applications
            .find({ uscc: { $in: keys } }, { projection: { _id: 0, uscc: 1, batchId: 1 } })
            .toArray()
        )
          .filter((d) => d.batchId === BATCH.batchId)
          .map((d) => d.uscc),
      ...stack.measured(['certification']),
      admin: client.db('admin'),
    });
  } finally {
    await client.close();
    await stack.close();
  }
});
