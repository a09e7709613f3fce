/**
 * Command path under open-loop load (issue 19 §2): enterprises drafting their tech-SME evaluation (科技型中小企业
 * 评价, 填报信息表: POST /v1/sme-evaluations with the information form), sent on a fixed schedule — request k
 * leaves at t0 + k/rate whether or not earlier ones have answered — against assessment's own `main` in its own
 * process, on mongo-lite and kafka-lite in theirs (testkit's bench stack). The registry runs beside it only to
 * register the enterprises before the run.
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--replicas 1] [--series]
 *
 * Why this command: it is the busiest of the service, one per enterprise and campaign year from about 0.7 million
 * enterprises a year nationally (tech-sme.md, Scale); every later step (submit, county review, batching) follows
 * a draft, and the official-side commands are far rarer. "One live evaluation per enterprise and year"
 * (tech-sme.md, Workflow 1), so every command is a different enterprise, registered beforehand through the
 * registry's API (企业注册 by its county bureau) and waited for until assessment's Kafka consumer has put it in
 * its enterprise view — a draft for an enterprise it has not seen yet is refused (enterprise_not_registered).
 *
 * The campaign year is the year of the stack's clock, as the demo and the e2e suite take it (Dec 2026: 2026).
 * Drafting has no date window (campaignOf has parameters for every year 2017–2099), so the clock is not moved.
 * Visibility is the evaluation document in assessment's evaluations read model appearing.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { type DevKeys, loadDevKeys, sharedClock, signLocalToken, systemClock } from '@peiyu/service-kit';
import {
  benchRequest,
  closedLoop,
  ENGINE_NODE_ARGS,
  measureCommandPath,
  startBenchStack,
  type BenchStack,
} from '@peiyu/testkit';
import mongoose from 'mongoose';
import { demoForm } from '../demo/plan';
import { ENTERPRISES } from '../read-models/enterprises';
import { EVALUATIONS } from '../read-models/evaluations';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '1' },
    series: { type: 'boolean', default: false },
  },
});
// 平顶山's counties take turns: each enterprise is registered by its own county bureau, in its county.
const COUNTIES = ['410402', '410403', '410404', '410411', '410421', '410422', '410423', '410425', '410481'];
const TOKEN_TTL_MS = 3_600_000;
/** Closed-loop seeding: enough in flight to keep the registry busy, few enough not to starve the stack. */
const SEED_CONCURRENCY = 24;
const VIEW_TIMEOUT_MS = 300_000;

const countyOf = (k: number): string => COUNTIES[k % COUNTIES.length]!;
const usccOf = (k: number): string => exampleUscc(countyOf(k), 200_000 + k);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const progress = (line: string): void => void process.stderr.write(`assessment bench: ${line}\n`);

const sign = (keys: DevKeys, principal: Parameters<typeof signLocalToken>[1]['principal']): Promise<string> =>
  signLocalToken(keys, { principal, ttlMs: TOKEN_TTL_MS, clock: systemClock });

/**
 * Registers `count` enterprises through the registry's API (企业注册, each by its county bureau) and signs each
 * one's enterprise token (an enterprise principal carries its USCC; the route drafts for that USCC).
 */
async function seedEnterprises(stack: BenchStack, keys: DevKeys, count: number): Promise<string[]> {
  const bureaus = new Map<string, string>();
  for (const county of COUNTIES)
    bureaus.set(
      county,
      await sign(keys, { sub: `bench-${county}`, role: 'county_reviewer', region: county }),
    );
  const port = stack.services.get('registry')!.ports[0]!;
  const tokens: string[] = new Array<string>(count);
  let done = 0;
  await closedLoop(count, SEED_CONCURRENCY, async (k) => {
    const county = countyOf(k);
    const uscc = usccOf(k);
    const r = await benchRequest(port, 'POST', '/v1/enterprises', bureaus.get(county)!, {
      uscc,
      name: `压测第${k}号科技有限公司`,
      countyCode: county,
      foundedOn: '2019-05-20',
      contact: { name: '张三', phone: '0375-1234567', email: 'bench@example.cn' },
    });
    if (r.status !== 201) throw new Error(`registering ${uscc}: ${r.status} ${JSON.stringify(r.body)}`);
    tokens[k] = await sign(keys, { sub: `bench-enterprise-${k}`, role: 'enterprise', region: county, uscc });
    if (++done % 2000 === 0) progress(`registered ${done}/${count} enterprises`);
  });
  return tokens;
}

/** Waits until assessment's enterprise view (fed by its registry consumer) holds all `count` enterprises. */
async function awaitEnterpriseView(db: mongoose.mongo.Db, count: number): Promise<void> {
  const view = db.collection(await new ProjectionCatalog(db).liveName(ENTERPRISES));
  const until = performance.now() + VIEW_TIMEOUT_MS;
  let last = -1;
  for (;;) {
    // The stack is fresh: the view holds the bench's enterprises and nothing else.
    const seen = await view.countDocuments({});
    if (seen >= count) return;
    if (performance.now() > until)
      throw new Error(`enterprise view: ${seen}/${count} after ${VIEW_TIMEOUT_MS} ms`);
    if (seen !== last) progress(`assessment has seen ${seen}/${count} enterprises`);
    last = seen;
    await sleep(500);
  }
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..');
  const replicas = Math.max(1, Number(args.replicas));
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const warmup = Math.max(0, Number(args.warmup));
  // open-loop.ts: serials 0..total-1 measured, then 20 first commands, then the warm-up; one enterprise each.
  const targets = Math.round(rate * seconds) + 20 + Math.round(rate * warmup);
  const stack = await startBenchStack({
    repoRoot: root,
    nodeArgs: SERVICE_NODE_ARGS,
    services: [
      { name: 'registry', main: join(root, 'services/registry/dist/main.js') },
      { name: 'assessment', main: join(root, 'services/assessment/dist/main.js'), replicas },
    ],
  });
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  try {
    const db = client.db('peiyu-assessment');
    const year = Number(
      sharedClock({ file: join(stack.home, 'clock.json') })
        .today()
        .slice(0, 4),
    );
    const seeding = performance.now();
    const tokens = await seedEnterprises(stack, await loadDevKeys(join(stack.home, 'keys')), targets);
    await awaitEnterpriseView(db, targets);
    progress(`${targets} enterprises registered and seen in ${Math.round(performance.now() - seeding)} ms`);
    // The evaluations' live collection, as assessment's queries find it (the projection catalog's pointer).
    const evaluations = db.collection<{ uscc: string; year: number }>(
      await new ProjectionCatalog(db).liveName(EVALUATIONS),
    );
    const { ports } = stack.services.get('assessment')!;
    await measureCommandPath({
      command: `tech-SME evaluation draft by the enterprise, campaign ${year} (科技型中小企业评价 填报, POST /v1/sme-evaluations)`,
      rate,
      seconds,
      warmupSeconds: warmup,
      okStatus: 201,
      make: (k) => ({
        port: ports[k % ports.length]!,
        method: 'POST',
        path: '/v1/sme-evaluations',
        token: tokens[k]!,
        visibleKey: usccOf(k),
        // the demo's qualifying forms, varied by enterprise
        body: { year, form: demoForm(k) },
      }),
      // By USCC alone, the year checked here: with `year` in the filter mongo-lite's planner takes the
      // year-first index (an equality prefix) and reads every evaluation of the year per poll, where MongoDB's
      // trial run picks `uscc_year`; that scan was the bench's, charged to mongo-lite, not the service's.
      visible: async (keys) =>
        (
          await evaluations
            .find({ uscc: { $in: keys } }, { projection: { _id: 0, uscc: 1, year: 1 } })
            .toArray()
        )
          .filter((d) => d.year === year)
          .map((d) => d.uscc),
      pids: stack.pids(),
      services: ['assessment'],
      admin: client.db('admin'),
      series: args.series,
      context: { replicas, service_node_args: SERVICE_NODE_ARGS, engine_node_args: ENGINE_NODE_ARGS },
    });
  } finally {
    await client.close();
    await stack.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
