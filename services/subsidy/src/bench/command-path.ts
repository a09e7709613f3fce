/**
 * Command path under open-loop load (issue 19 §2): R&D subsidy applications by enterprises (研发费用财政补助申报,
 * `POST /v1/rd-subsidies`), sent on a fixed schedule — request k leaves at t0 + k/rate whether or not earlier ones
 * have answered — against subsidy's own `main` in its own process, on mongo-lite and kafka-lite in theirs
 * (testkit's bench stack), with the registry beside it for seeding.
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--replicas 1] [--series]
 *
 * Why this command: it is the only one of subsidy's commands that many different callers issue at once. Every
 * enterprise of a province declares its previous year's R&D expense in the same declaration season (subsidy.md
 * §1: "the enterprise declares the accepted super-deduction amount"), one application per enterprise and R&D
 * year, each on its own entitlement stream — so a deadline rush is hundreds a second on independent streams.
 * The county's verification (核实) follows one by one at a reviewer's pace; approvals, payments, recoveries and
 * budgets (审批、拨付、追回、预算) are a finance bureau's acts on its one ledger per level, policy and year, a
 * single stream written by a handful of officials (200/s on it would only measure optimistic-concurrency
 * refusals); policy versions are published a few times a year.
 *
 * Preconditions, created before the measured run through the public APIs only:
 *   - the enterprise is registered (企业注册): the route takes the county from the registry's enterprise as
 *     subsidy's Kafka consumer recorded it (`subsidy_enterprise_view`), as it does in production; so every
 *     target is registered through the registry's `POST /v1/enterprises` by its county bureau, and the bench
 *     waits until subsidy's consumer has them all;
 *   - one application per enterprise and R&D year (`rd.already-applied`): one enterprise per command,
 *     `rate × (seconds + warmup) + 20` of them, each with its own enterprise token (role enterprise + its USCC);
 *   - the R&D year must be over (`rd.year`): the shared clock is pinned in the 2026 declaration season (the
 *     date subsidy's e2e test uses) and every application is for 2025.
 * No policy version needs publishing first: the application records the declaration only; the rd-subsidy
 * version in force is applied at the county's verification, which is not measured here.
 * Visibility is the entitlement document (补助记录, `subsidy_entitlements`, keyed by entitlementId) appearing:
 * RdSubsidyApplied creates it, with status `applied`.
 */
import { join } from 'node:path';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { benchPlace, PINGDINGSHAN_COUNTIES, registerBenchEnterprises } from '@peiyu/registry/dist/bench/seed';
import { startSharedClockAt } from '@peiyu/service-kit';
import {
  awaitCount,
  benchMain,
  commandPathArgs,
  commandTargets,
  measureCommandPath,
  startServiceBench,
} from '@peiyu/testkit';
// mongoose's own driver (the same `mongodb` package): subsidy declares mongoose, not mongodb.
import mongoose from 'mongoose';
import { rdEntitlementId } from '../domain';
import { ENTITLEMENTS } from '../read-models/entitlements';
import { ENTERPRISES } from '../read-models/foreign';

// 平顶山's counties and 汝州 (省直管县: the application records it provincially administered).
const COUNTIES = [...PINGDINGSHAN_COUNTIES, '410482'];
// In the 2026 declaration season for the 2025 R&D year (after the May tax filing that accepts the expense).
const CLOCK_AT = new Date('2026-09-21T09:00:00+08:00');
const RD_YEAR = 2025;
// The caps differ by type (subsidy.md §1), not the command's path; a mix so the documents look like real ones.
const TYPES = [['ordinary'], ['tech-sme'], ['small-giant'], ['national-rd-platform', 'tech-sme']] as const;
const { countyOf, usccOf } = benchPlace(COUNTIES, 300_000);

benchMain(async () => {
  const args = commandPathArgs();
  const stack = await startServiceBench({
    service: 'subsidy',
    replicas: args.replicas,
    nodeArgs: SERVICE_NODE_ARGS,
    withRegistry: true,
  });
  // Business time for every process of the stack (they re-read the file); tokens stay in real time.
  startSharedClockAt(join(stack.home, 'clock.json'), CLOCK_AT);
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  try {
    const db = client.db('peiyu-subsidy');
    const catalog = new ProjectionCatalog(db as never);
    // One enterprise per command (one application per enterprise and R&D year), known to subsidy first.
    const targets = commandTargets(args);
    const tokens = await registerBenchEnterprises(stack, targets, (k) => ({
      uscc: usccOf(k),
      name: `压测研发第${k}号科技有限公司`,
      countyCode: countyOf(k),
    }));
    const view = db.collection(await catalog.liveName(ENTERPRISES));
    // The stack is fresh: the view holds the bench's enterprises and nothing else.
    await awaitCount("subsidy's enterprise view", targets, () => view.countDocuments({}));
    // The entitlements' live collection, as subsidy's queries find it (the projection catalog's pointer).
    const entitlements = db.collection<{ _id: string }>(await catalog.liveName(ENTITLEMENTS));
    const { ports } = stack.services.get('subsidy')!;
    await measureCommandPath({
      command: 'R&D subsidy application by an enterprise (研发费用财政补助申报, POST /v1/rd-subsidies)',
      args,
      okStatus: 201,
      make: (k) => ({
        port: ports[k % ports.length]!,
        method: 'POST',
        path: '/v1/rd-subsidies',
        token: tokens[k]!,
        visibleKey: rdEntitlementId(usccOf(k), RD_YEAR),
        body: {
          rdYear: RD_YEAR,
          // 0.5 – 30 million yuan in fen, across the 5,000,000-yuan tier
          acceptedRdExpense: (50 + (k % 3000)) * 1_000_000,
          filingRef: `豫税加计〔2026〕${String(k).padStart(5, '0')}`,
          enterpriseTypes: [...TYPES[k % TYPES.length]!],
        },
      }),
      // by `_id` (the projection keys each document by its entitlement id): `entitlementId` has no index, and a
      // poll on it scanned the whole collection — the bench's own cost, charged to mongo-lite
      visible: async (ids) =>
        (await entitlements.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) =>
          String(d._id),
        ),
      ...stack.measured(['subsidy']),
      admin: client.db('admin'),
    });
  } finally {
    await client.close();
    await stack.close();
  }
});
