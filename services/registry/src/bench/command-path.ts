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
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { benchMain, commandPathArgs, measureCommandPath, startServiceBench } from '@peiyu/testkit';
import mongoose from 'mongoose';
import { DIRECTORY } from '../read-models/enterprise-directory';
import { benchPlace, PINGDINGSHAN_COUNTIES, signBenchToken } from './seed';

// 平顶山's counties take turns: a county bureau registers in its own county.
const { countyOf, usccOf } = benchPlace(PINGDINGSHAN_COUNTIES, 100_000);

benchMain(async () => {
  const args = commandPathArgs();
  const stack = await startServiceBench({
    service: 'registry',
    replicas: args.replicas,
    nodeArgs: SERVICE_NODE_ARGS,
  });
  const tokens = new Map<string, string>();
  for (const county of PINGDINGSHAN_COUNTIES)
    tokens.set(
      county,
      await signBenchToken(stack, { sub: `bench-${county}`, role: 'county_reviewer', region: county }),
    );
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  const db = client.db('peiyu-registry');
  // The directory's live collection, as the registry's queries find it (the projection catalog's pointer).
  const directory = db.collection<{ uscc: string }>(
    await new ProjectionCatalog(db as never).liveName(DIRECTORY),
  );
  const { ports } = stack.services.get('registry')!;
  try {
    await measureCommandPath({
      command: 'registration by a county bureau (企业注册, POST /v1/enterprises)',
      args,
      okStatus: 201,
      make: (k) => {
        const county = countyOf(k);
        const uscc = usccOf(k);
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
      ...stack.measured(['registry']),
      admin: client.db('admin'),
    });
  } finally {
    await client.close();
    await stack.close();
  }
});
