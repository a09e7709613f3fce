/**
 * Command path under open-loop load (issue 19 §2): registrations by county bureaus (企业注册), sent on a fixed
 * schedule — request k leaves at t0 + k/rate whether or not earlier ones have answered — against the registry's
 * own `main` in its own process, on mongo-lite and kafka-lite in theirs (testkit's bench stack).
 *
 *   node dist/bench/command-path.js [--rate 200] [--seconds 60] [--warmup 10] [--replicas 1] [--series]
 *
 * `--replicas N` runs N registry processes on the same database and broker, as the province profile does
 * (compose.province.yml: two replicas behind round robin); request k goes to replica k mod N. Visibility is the
 * directory document (企业名录) appearing.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { exampleUscc } from '@peiyu/policy';
import { loadDevKeys, signLocalToken, systemClock } from '@peiyu/service-kit';
import { ENGINE_NODE_ARGS, measureCommandPath, startBenchStack } from '@peiyu/testkit';
import mongoose from 'mongoose';
import { DIRECTORY } from '../read-models/enterprise-directory';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '1' },
    series: { type: 'boolean', default: false },
  },
});
// 平顶山's counties take turns: a county bureau registers in its own county.
const COUNTIES = ['410402', '410403', '410404', '410411', '410421', '410422', '410423', '410425', '410481'];

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..', '..');
  const replicas = Math.max(1, Number(args.replicas));
  const stack = await startBenchStack({
    repoRoot: root,
    nodeArgs: SERVICE_NODE_ARGS,
    services: [{ name: 'registry', main: join(root, 'services/registry/dist/main.js'), replicas }],
  });
  const keys = await loadDevKeys(join(stack.home, 'keys'));
  const tokens = new Map<string, string>();
  for (const county of COUNTIES)
    tokens.set(
      county,
      await signLocalToken(keys, {
        principal: { sub: `bench-${county}`, role: 'county_reviewer', region: county },
        ttlMs: 3_600_000,
        clock: systemClock,
      }),
    );
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  const db = client.db('peiyu-registry');
  // The directory's live collection, as the registry's queries find it (the projection catalog's pointer).
  const directory = db.collection<{ uscc: string }>(
    await new ProjectionCatalog(db as never).liveName(DIRECTORY),
  );
  const { ports } = stack.services.get('registry')!;
  await measureCommandPath({
    command: 'registration by a county bureau (POST /v1/enterprises)',
    rate: Number(args.rate),
    seconds: Number(args.seconds),
    warmupSeconds: Math.max(0, Number(args.warmup)),
    okStatus: 201,
    make: (k) => {
      const county = COUNTIES[k % COUNTIES.length]!;
      const uscc = exampleUscc(county, 100_000 + k);
      return {
        port: ports[k % ports.length]!,
        method: 'POST',
        path: '/v1/enterprises',
        token: tokens.get(county)!,
        visibleKey: uscc,
        body: {
          uscc,
          name: `压测第${k}号科技有限公司`,
          countyCode: county,
          foundedOn: '2019-05-20',
          contact: { name: '张三', phone: '0375-1234567', email: 'bench@example.cn' },
        },
      };
    },
    visible: async (keys) =>
      (await directory.find({ uscc: { $in: keys } }, { projection: { _id: 0, uscc: 1 } }).toArray()).map(
        (d) => d.uscc,
      ),
    pids: stack.pids(),
    services: ['registry'],
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
