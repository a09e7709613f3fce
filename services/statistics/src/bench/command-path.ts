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
import { enterpriseTitlesStreamId } from '@peiyu/contracts';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import {
  benchPlace,
  PINGDINGSHAN_COUNTIES,
  registerBenchEnterprises,
  signBenchToken,
} from '@peiyu/registry/dist/bench/seed';
import {
  awaitCount,
  benchMain,
  commandPathArgs,
  commandTargets,
  measureCommandPath,
  startServiceBench,
} from '@peiyu/testkit';
import mongoose from 'mongoose';
import { SOURCE_EVENTS, TITLE_EVENTS } from '../read-models/source-events';

/** 平顶山市: its bureau grants city titles over its own counties (titles-decider `authority`). */
const CITY = '410400';
// 平顶山's counties take turns; 汝州市 (410482, 省直管县) is left out: the city bureau has no scope over it.
/** One granting document for the whole list, as a city's recognition notice names every enterprise. */
const REFERENCE = '平科〔2026〕18号（压测示例）';
const { countyOf, usccOf } = benchPlace(PINGDINGSHAN_COUNTIES, 200_000);

benchMain(async () => {
  const args = commandPathArgs();
  const stack = await startServiceBench({
    service: 'statistics',
    replicas: args.replicas,
    nodeArgs: SERVICE_NODE_ARGS,
    withRegistry: true,
  });
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  try {
    const db = client.db('peiyu-statistics');
    const catalog = new ProjectionCatalog(db as never);
    const targets = commandTargets(args);
    await registerBenchEnterprises(stack, targets, (k) => ({
      uscc: usccOf(k),
      name: `压测称号第${k}号科技有限公司`,
      countyCode: countyOf(k),
    }));
    // One source document per enterprise stream: the registry's are the only source events in this stack.
    const sources = db.collection(await catalog.liveName(SOURCE_EVENTS));
    await awaitCount("statistics' source events", targets, () => sources.countDocuments({}));
    const token = await signBenchToken(stack, { sub: 'bench-pds-city', role: 'city_reviewer', region: CITY });
    // The title read model's live collection, as the ladder's reads find it; one document per titles stream.
    const titles = db.collection<{ _id: string }>(await catalog.liveName(TITLE_EVENTS));
    const { ports } = stack.services.get('statistics')!;
    await measureCommandPath({
      command: 'title grant by a city bureau (称号授予, POST /v1/enterprise-titles/:uscc/grants)',
      args,
      okStatus: 201,
      make: (k) => ({
        port: ports[k % ports.length]!,
        method: 'POST',
        path: `/v1/enterprise-titles/${usccOf(k)}/grants`,
        token,
        visibleKey: enterpriseTitlesStreamId(usccOf(k)),
        body: { titleCode: 'gazelle', level: 'city', validUntil: null, reference: REFERENCE },
      }),
      visible: async (keys) =>
        (await titles.find({ _id: { $in: keys } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
      ...stack.measured(['statistics']),
      admin: client.db('admin'),
    });
  } finally {
    await client.close();
    await stack.close();
  }
});
