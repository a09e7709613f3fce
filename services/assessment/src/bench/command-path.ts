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
import { ProjectionCatalog } from '@peiyu/eventstore';
import { SERVICE_NODE_ARGS } from '@peiyu/local';
import { benchPlace, PINGDINGSHAN_COUNTIES, registerBenchEnterprises } from '@peiyu/registry/dist/bench/seed';
import { sharedClock } from '@peiyu/service-kit';
import {
  awaitCount,
  benchMain,
  commandPathArgs,
  commandTargets,
  measureCommandPath,
  startServiceBench,
} from '@peiyu/testkit';
import mongoose from 'mongoose';
import { demoForm } from '../demo/plan';
import { ENTERPRISES } from '../read-models/enterprises';
import { EVALUATIONS } from '../read-models/evaluations';

// 平顶山's counties take turns: each enterprise is registered by its own county bureau, in its county.
const { countyOf, usccOf } = benchPlace(PINGDINGSHAN_COUNTIES, 200_000);

benchMain(async () => {
  const args = commandPathArgs();
  const stack = await startServiceBench({
    service: 'assessment',
    replicas: args.replicas,
    nodeArgs: SERVICE_NODE_ARGS,
    withRegistry: true,
  });
  const client = await new mongoose.mongo.MongoClient(stack.mongoUrl).connect();
  try {
    const db = client.db('peiyu-assessment');
    const catalog = new ProjectionCatalog(db as never);
    const year = Number(
      sharedClock({ file: join(stack.home, 'clock.json') })
        .today()
        .slice(0, 4),
    );
    // One enterprise per command ("one live evaluation per enterprise and year"), known to assessment first.
    const targets = commandTargets(args);
    const tokens = await registerBenchEnterprises(stack, targets, (k) => ({
      uscc: usccOf(k),
      name: `压测第${k}号科技有限公司`,
      countyCode: countyOf(k),
    }));
    const view = db.collection(await catalog.liveName(ENTERPRISES));
    // The stack is fresh: the view holds the bench's enterprises and nothing else.
    await awaitCount("assessment's enterprise view", targets, () => view.countDocuments({}));
    // The evaluations' live collection, as assessment's queries find it (the projection catalog's pointer).
    const evaluations = db.collection<{ uscc: string; year: number }>(await catalog.liveName(EVALUATIONS));
    const { ports } = stack.services.get('assessment')!;
    await measureCommandPath({
      command: `tech-SME evaluation draft by the enterprise, campaign ${year} (科技型中小企业评价 填报, POST /v1/sme-evaluations)`,
      args,
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
      ...stack.measured(['assessment']),
      admin: client.db('admin'),
    });
  } finally {
    await client.close();
    await stack.close();
  }
});
