import type { TopicSpec } from '@peiyu/contracts';
import type { Kafka } from 'kafkajs';

/**
 * Creates the topics of the catalog a service is responsible for — its own (`topicsOwnedBy`) and the dead-letter
 * topics of what it consumes (`dlqTopicsOf`) — with the catalog's partitions and retention. Existing topics are
 * left as they are. A consumer never creates the topic it reads: until its owner has started, the consumer
 * waits for it (kafkajs retries the subscription).
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
  o: { partitions?: (spec: TopicSpec) => number } = {},
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = specs.filter((t) => !existing.has(t.name));
    if (wanted.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: wanted.map((t) => ({
        topic: t.name,
        numPartitions: o.partitions?.(t) ?? t.partitions,
        configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }],
      })),
    });
    return wanted.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits (at start-up) until the topics a consumer reads exist — created by their owners, which may start at the
 * same moment — so that subscribing never races the owner's creation on a cluster without auto-creation.
 */
export async function awaitTopics(
  kafka: Kafka,
  topics: readonly string[],
  o: { timeoutMs?: number; pollMs?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const started = process.hrtime.bigint();
    for (;;) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      if (Number(process.hrtime.bigint() - started) / 1e6 > (o.timeoutMs ?? 120_000)) {
        throw new Error(`topics ${missing.join(', ')} do not exist: start their owner services`);
      }
      await new Promise((r) => setTimeout(r, o.pollMs ?? 250));
    }
  } finally {
    await admin.disconnect();
  }
}
