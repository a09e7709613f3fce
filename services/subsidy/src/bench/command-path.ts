/**
 * Command path under open-loop load (issue 19 §2): R&D subsidy applications by enterprises (研发费用财政补助申报,
 * `POST /v1/rd-subsidies`), sent on a fixed schedule — request k leaves at t0 + k/rate whether or not earlier ones
 * have answered — against subsidy's own `main` in its own process, on mongo-lite and kafka-lite in theirs
 * (testkit's bench stack), with the registry beside it for seeding.
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--series]
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
import { parseArgs } from 'node:util';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import {
  loadDevKeys,
  signLocalToken,
  startSharedClockAt,
  systemClock,
  type DevKeys,
  type Principal,
} from '@peiyu/service-kit';
import {
  benchRequest,
  closedLoop,
  ENGINE_NODE_ARGS,
  measureCommandPath,
  startBenchStack,
  type BenchStack,
} from '@peiyu/testkit';
// mongoose's own driver (the same `mongodb` package): subsidy declares mongoose, not mongodb.
import mongoose from 'mongoose';
import { rdEntitlementId } from '../domain';
import { ENTITLEMENTS } from '../read-models/entitlements';
import { ENTERPRISES } from '../read-models/foreign';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    series: { type: 'boolean', default: false },
  },
});

// 平顶山's counties and 汝州 (省直管县: the application records it provincially administered).
const COUNTIES = [
  '410402',
  '410403',
  '410404',
  '410411',
  '410421',
  '410422',
  '410423',
  '410425',
  '410481',
  '410482',
];
// In the 2026 declaration season for the 2025 R&D year (after the May tax filing that accepts the expense).
const CLOCK_AT = new Date('2026-09-21T09:00:00+08:00');
const RD_YEAR = 2025;
const SERIAL_BASE = 300_000;
const SEED_CONCURRENCY = 24;
const TOKEN_TTL_MS = 3 * 3_600_000;
// The caps differ by type (subsidy.md §1), not the command's path; a mix so the documents look like real ones.
const TYPES = [['ordinary'], ['tech-sme'], ['small-giant'], ['national-rd-platform', 'tech-sme']] as const;

/** The k-th target enterprise: its county (the counties take turns) and its USCC. */
function enterprise(k: number): { county: string; uscc: string } {
  const county = COUNTIES[k % COUNTIES.length]!;
  return { county, uscc: exampleUscc(county, SERIAL_BASE + k) };
}

const sign = (keys: DevKeys, principal: Principal): Promise<string> =>
  signLocalToken(keys, { principal, ttlMs: TOKEN_TTL_MS, clock: systemClock });

/** Each county bureau's token: a county registers the enterprises of its own county. */
async function countyTokens(keys: DevKeys): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const county of COUNTIES)
    tokens.set(county, await sign(keys, { sub: `bench-${county}`, role: 'county_reviewer', region: county }));
  return tokens;
}

/**
 * Registers `count` enterprises through the registry (closed loop) and signs each one's enterprise token;
 * returns the tokens by serial. Any answer but 201 stops the bench: the scenario would be wrong.
 */
async function seedEnterprises(registryPort: number, keys: DevKeys, count: number): Promise<string[]> {
  const counties = await countyTokens(keys);
  const tokens = new Array<string>(count);
  const started = performance.now();
  let done = 0;
  await closedLoop(count, SEED_CONCURRENCY, async (k) => {
    const { county, uscc } = enterprise(k);
    const r = await benchRequest(registryPort, 'POST', '/v1/enterprises', counties.get(county)!, {
      uscc,
      name: `压测研发第${k}号科技有限公司`,
      countyCode: county,
      foundedOn: '2018-06-01',
      contact: { name: '张三', phone: '0375-1234567', email: 'bench@example.cn' },
    });
    if (r.status !== 201) throw new Error(`registering ${uscc}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens[k] = await sign(keys, { sub: `bench-ent-${k}`, role: 'enterprise', region: county, uscc });
    if (++done % 1000 === 0 || done === count) progress(`registered ${done}/${count}`, started);
  });
  return tokens;
}

/** Waits until subsidy's Kafka consumer has recorded every seeded enterprise (the stack's database is fresh). */
async function awaitEnterpriseView(db: mongoose.mongo.Db, count: number): Promise<void> {
  const view = await new ProjectionCatalog(db as never).live(ENTERPRISES);
  const started = performance.now();
  for (;;) {
    const seen = await view.countDocuments({});
    if (seen >= count) return progress(`subsidy sees ${seen}/${count} enterprises`, started);
    if (performance.now() - started > 300_000)
      throw new Error(`subsidy's enterprise view has ${seen} of ${count} after 300 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function progress(what: string, since: number): void {
  process.stderr.write(`[seed] ${what} (${((performance.now() - since) / 1000).toFixed(1)} s)\n`);
}

async function startStack(root: string): Promise<BenchStack> {
  const stack = await startBenchStack({
    repoRoot: root,
    nodeArgs: SERVICE_NODE_ARGS,
    // The registry first: it writes the dev signing key subsidy then reads.
    services: [
      { name: 'registry', main: join(root, 'services/registry/dist/main.js') },
      { name: 'subsidy', main: join(root, 'services/subsidy/dist/main.js') },
    ],
  });
  // Business time for every process of the stack (they re-read the file); tokens stay in real time.
  startSharedClockAt(join(stack.home, 'clock.json'), CLOCK_AT);
  return stack;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..');
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const warmup = Math.max(0, Number(args.warmup));
  const stack = await startStack(root);
  const keys = await loadDevKeys(join(stack.home, 'keys'));
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  const db = client.db('peiyu-subsidy');
  // measured serials 0..total-1, the warm-up's after them, and the 20 first commands (open-loop.ts)
  const targets = Math.round(rate * (seconds + warmup)) + 20;
  const tokens = await seedEnterprises(stack.services.get('registry')!.ports[0]!, keys, targets);
  await awaitEnterpriseView(db, targets);
  // The entitlements' live collection, as subsidy's queries find it (the projection catalog's pointer).
  const entitlements = db.collection<{ _id: string }>(
    await new ProjectionCatalog(db as never).liveName(ENTITLEMENTS),
  );
  const port = stack.services.get('subsidy')!.ports[0]!;
  await measureCommandPath({
    command: 'R&D subsidy application by an enterprise, 研发费用财政补助申报 (POST /v1/rd-subsidies)',
    rate,
    seconds,
    warmupSeconds: warmup,
    okStatus: 201,
    make: (k) => {
      const { uscc } = enterprise(k);
      return {
        port,
        method: 'POST',
        path: '/v1/rd-subsidies',
        token: tokens[k]!,
        visibleKey: rdEntitlementId(uscc, RD_YEAR),
        body: {
          rdYear: RD_YEAR,
          // 0.5 – 30 million yuan in fen, across the 5,000,000-yuan tier
          acceptedRdExpense: (50 + (k % 3000)) * 1_000_000,
          filingRef: `豫税加计〔2026〕${String(k).padStart(5, '0')}`,
          enterpriseTypes: [...TYPES[k % TYPES.length]!],
        },
      };
    },
    // by `_id` (the projection keys each document by its entitlement id): `entitlementId` has no index, and a
    // poll on it scanned the whole collection — the bench's own cost, charged to mongo-lite
    visible: async (ids) =>
      (await entitlements.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((d) =>
        String(d._id),
      ),
    pids: stack.pids(),
    services: ['subsidy'],
    admin: client.db('admin'),
    series: args.series,
    context: { service_node_args: SERVICE_NODE_ARGS, engine_node_args: ENGINE_NODE_ARGS },
  });
  await client.close();
  await stack.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
