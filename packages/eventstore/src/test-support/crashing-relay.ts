// Child process: an outbox relay that dies by SIGKILL after Kafka acknowledged its batch, before marking it.
import mongoose from 'mongoose';
import { ManualClock } from '../clock';
import { OutboxRelay } from '../outbox/relay';
import { MongoEventStore } from '../store/mongo-store';
import { kafkaClient, type TestEnv } from './env';
import { tallyRegistry } from './tally';

async function main(): Promise<void> {
  const args = JSON.parse(process.env.CHILD_ARGS ?? '{}') as { env: TestEnv; db: string; topic: string };
  const connection = await mongoose.createConnection(args.env.mongoUri, { dbName: args.db }).asPromise();
  const clock = new ManualClock('2026-04-01T00:00:00Z');
  const store = await MongoEventStore.open({ connection, clock, codec: tallyRegistry() });
  const relay = new OutboxRelay({
    kafka: kafkaClient(args.env, 'crashing-relay'),
    events: store.events,
    topicOf: () => args.topic,
    clock,
    beforeMark: (events) => {
      process.stdout.write(`${JSON.stringify({ published: events.length })}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  await relay.publishOnce();
}

void main();
