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
    // One spec per name (a stand-in creator's list and a consumer's dead-letter list may overlap).
    const unique = [...new Map(specs.map((t) => [t.name, t])).values()];
    const wanted = unique.filter((t) => !existing.has(t.name));
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
