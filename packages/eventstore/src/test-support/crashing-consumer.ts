// Child process: a consumer that dies by SIGKILL right after its first projection write, before committing.
import { ConsumerRunner } from '../consumer/runner';
import { dbOf } from '../store/mongo-docs';
import { kafkaClient, type TestEnv } from './env';
import { tallyProjection, tallyRegistry } from './tally';
import mongoose from 'mongoose';

async function main(): Promise<void> {
  const args = JSON.parse(process.env.CHILD_ARGS ?? '{}') as {
    env: TestEnv;
    db: string;
    topic: string;
    group: string;
  };
  const connection = await mongoose.createConnection(args.env.mongoUri, { dbName: args.db }).asPromise();
  const runner = new ConsumerRunner({
    kafka: kafkaClient(args.env, 'crashing-consumer'),
    groupId: args.group,
    topics: [args.topic],
    db: dbOf(connection),
    projections: [tallyProjection],
    codec: tallyRegistry(),
    sessionTimeout: 6000,
    maxWaitTimeInMs: 100,
    afterProjectionWrite: (info) => {
      process.stdout.write(`${JSON.stringify({ wrote: info })}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  await runner.start();
}

void main();
