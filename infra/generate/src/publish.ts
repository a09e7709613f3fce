import { topicOfStream, topicsOwnedBy } from '@peiyu/contracts';
import {
  createKafka,
  ensureTopics,
  kafkaCredentialsFromEnv,
  OutboxRelay,
  storeLayout,
  type EventDoc,
} from '@peiyu/eventstore';
import { logLevel } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import { SERVICE_DBS } from './sink';
import type { ServiceDb } from './units';

type RelayEvents = ConstructorParameters<typeof OutboxRelay>[0]['events'];

/**
 * `--kafka`: publishes what was generated now, with each service's own outbox relay (the same producer, keys,
 * topics and published mark as when the service runs), until nothing is left unpublished. Without it the
 * services' relays do the same when they start.
 */
export async function publishAll(
  client: MongoClient,
  brokers: string[],
  onBatch: (n: number) => void,
): Promise<number> {
  // A tool, not a service: the KAFKA_SASL_* of its environment when set (an admin principal: it writes every
  // service's topics), else an unauthenticated client.
  const kafka = createKafka({
    clientId: 'peiyu-generate',
    brokers,
    logLevel: logLevel.WARN,
    credentials: kafkaCredentialsFromEnv({ ...process.env, PEIYU_MODE: 'local' }) ?? null,
  });
  let total = 0;
  for (const service of Object.keys(SERVICE_DBS) as ServiceDb[]) {
    await ensureTopics(kafka, topicsOwnedBy(service));
    const events = client.db(SERVICE_DBS[service]).collection<EventDoc>(storeLayout().events);
    const relay = new OutboxRelay({
      kafka,
      // The driver's collection: the same class the relay's mongoose re-exports.
      events: events as unknown as RelayEvents,
      topicOf: (e) => topicOfStream(e.streamId),
      // Infra: the relay stamps publishedAt with the wall clock, as a running service does.
      clock: { now: () => new Date(), today: () => new Date().toISOString().slice(0, 10) },
      batchSize: 2000,
    });
    try {
      for (let n = await relay.publishOnce(); n > 0; n = await relay.publishOnce()) {
        total += n;
        onBatch(total);
      }
    } finally {
      await relay.stop();
    }
  }
  return total;
}
