/**
 * Command path under open-loop load (issue 19 §2): title grants by a city bureau (梯次培育称号授予 — here 平顶山
 * recognising 市级瞪羚企业, `POST /v1/enterprise-titles/:uscc/grants`), sent on a fixed schedule — request k
 * leaves at t0 + k/rate whether or not earlier ones have answered — against statistics' own `main` in its own
 * process, with the registry beside it (for the enterprises) on mongo-lite and kafka-lite (testkit's bench stack).
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--replicas 1] [--series]
 *
 * Why the title grant: it is statistics' only command issued per enterprise. The others are per county and
 * quarter (indicator reports and their imports), per county and year (targets) or per city and year or quarter
 * (ranking methods, rankings) — a few hundred a quarter for a whole province (people-and-places.md "The
 * cultivation ladder and reporting"). Titles arrive as recognition lists — one granting document naming hundreds
 * of enterprises, keyed in or scripted grant by grant — so they are the burst this service sees.
 *
 * Preconditions: the decider needs the enterprise's county from the registry's events (`titles.enterprise-unknown`,
 * 404, otherwise), so every target is registered first through the registry's public API by its county bureau
 * (企业注册) and the bench waits until statistics' Kafka consumer has stored each one. One enterprise per command:
 * a second grant of a title the enterprise holds is a 409 (`titles.already-held`). A first title answers 201.
 * Title grants have no date window, so the clock is left at real time.
 *
 * `--replicas N` runs N statistics processes on the same database and broker; request k goes to replica k mod N.
 * Visibility is the enterprise's document in the title read model (`statistics_title_events`, the titles the
 * ladder counts) appearing.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { enterpriseTitlesStreamId } from '@peiyu/contracts';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { loadDevKeys, signLocalToken, systemClock, type DevKeys, type Principal } from '@peiyu/service-kit';
import {
  benchRequest,
  closedLoop,
  ENGINE_NODE_ARGS,
  measureCommandPath,
  startBenchStack,
  type BenchStack,
} from '@peiyu/testkit';
import mongoose from 'mongoose';
import { SOURCE_EVENTS, TITLE_EVENTS } from '../read-models/source-events';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '1' },
    series: { type: 'boolean', default: false },
  },
});
/** 平顶山市: its bureau grants city titles over its own counties (titles-decider `authority`). */
const CITY = '410400';
// 平顶山's counties take turns; 汝州市 (410482, 省直管县) is left out: the city bureau has no scope over it.
const COUNTIES = ['410402', '410403', '410404', '410411', '410421', '410422', '410423', '410425', '410481'];
/** One granting document for the whole list, as a city's recognition notice names every enterprise. */
const REFERENCE = '平科〔2026〕18号（压测示例）';
const SEED_CONCURRENCY = 24;

const usccOf = (k: number): string => exampleUscc(COUNTIES[k % COUNTIES.length]!, 200_000 + k);

const sign = (keys: DevKeys, principal: Principal): Promise<string> =>
  signLocalToken(keys, { principal, ttlMs: 3_600_000, clock: systemClock });

/** Registers enterprise k of each serial through the registry, as its county bureau does (企业注册). */
async function registerTargets(stack: BenchStack, keys: DevKeys, count: number): Promise<void> {
  const tokens = new Map<string, string>();
  for (const county of COUNTIES)
    tokens.set(county, await sign(keys, { sub: `bench-${county}`, role: 'county_reviewer', region: county }));
  const port = stack.services.get('registry')!.ports[0]!;
  let done = 0;
  await closedLoop(count, SEED_CONCURRENCY, async (k) => {
    const countyCode = COUNTIES[k % COUNTIES.length]!;
    const r = await benchRequest(port, 'POST', '/v1/enterprises', tokens.get(countyCode)!, {
      uscc: usccOf(k),
      name: `压测称号第${k}号科技有限公司`,
      countyCode,
      foundedOn: '2019-05-20',
      contact: { name: '张三', phone: '0375-1234567', email: 'bench@example.cn' },
    });
    if (r.status !== 201) throw new Error(`registering ${usccOf(k)}: ${r.status} ${JSON.stringify(r.body)}`);
    if (++done % 1000 === 0) process.stderr.write(`registered ${done}/${count}\n`);
  });
}

/**
 * Waits until statistics' consumer has stored every registration (one source document per enterprise stream —
 * the registry's are the only source events in this stack), so no grant meets an enterprise it does not know.
 */
async function awaitConsumed(db: mongoose.mongo.Db, count: number): Promise<void> {
  const catalog = new ProjectionCatalog(db as never);
  const deadline = Date.now() + 600_000;
  let seen = 0;
  while (seen < count) {
    if (Date.now() > deadline) throw new Error(`statistics saw ${seen}/${count} registrations after 10 min`);
    await new Promise((r) => setTimeout(r, 500));
    seen = await db.collection(await catalog.liveName(SOURCE_EVENTS)).countDocuments({});
    process.stderr.write(`statistics has seen ${seen}/${count} registrations\n`);
  }
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..');
  const replicas = Math.max(1, Number(args.replicas));
  const [rate, seconds, warmup] = [Number(args.rate), Number(args.seconds), Math.max(0, Number(args.warmup))];
  const stack = await startBenchStack({
    repoRoot: root,
    nodeArgs: SERVICE_NODE_ARGS,
    services: [
      { name: 'registry', main: join(root, 'services/registry/dist/main.js') },
      { name: 'statistics', main: join(root, 'services/statistics/dist/main.js'), replicas },
    ],
  });
  const keys = await loadDevKeys(join(stack.home, 'keys'));
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  const db = client.db('peiyu-statistics');
  // measured serials 0..total-1, the 20 first commands and the warm-up after them (open-loop.ts `make(k)`)
  const targets = Math.round(rate * (seconds + warmup)) + 20;
  await registerTargets(stack, keys, targets);
  await awaitConsumed(db, targets);
  const token = await sign(keys, { sub: 'bench-pds-city', role: 'city_reviewer', region: CITY });
  // The title read model's live collection, as the ladder's reads find it; one document per titles stream.
  const titles = db.collection<{ _id: string }>(
    await new ProjectionCatalog(db as never).liveName(TITLE_EVENTS),
  );
  const { ports } = stack.services.get('statistics')!;
  await measureCommandPath({
    command: 'title grant by a city bureau, 称号授予 (POST /v1/enterprise-titles/:uscc/grants)',
    rate,
    seconds,
    warmupSeconds: warmup,
    okStatus: 201,
    make: (k) => {
      const uscc = usccOf(k);
      return {
        port: ports[k % ports.length]!,
        method: 'POST',
        path: `/v1/enterprise-titles/${uscc}/grants`,
        token,
        visibleKey: enterpriseTitlesStreamId(uscc),
        body: { titleCode: 'gazelle', level: 'city', validUntil: null, reference: REFERENCE },
      };
    },
    visible: async (keys) =>
      (await titles.find({ _id: { $in: keys } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
    pids: stack.pids(),
    services: ['statistics'],
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
