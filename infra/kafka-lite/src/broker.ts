import type { Authenticator } from './auth/sasl';
import { GroupCoordinator, type CoordinatorOptions } from './groups/coordinator';
import { MetaStore } from './log/meta-store';
import { TopicStore, isValidTopicName, type Topic } from './log/topic-store';

export interface BrokerConfig {
  nodeId: number;
  autoCreateTopics: boolean;
  defaultPartitions: number;
  /** Largest accepted RecordBatch in bytes (Kafka's message.max.bytes default). */
  maxMessageBytes: number;
}

/** The broker's state, shared by every connection: topics and logs, committed offsets, consumer groups. */
export class Broker {
  private readonly closers = new Set<() => void>();

  private constructor(
    readonly config: BrokerConfig,
    readonly topics: TopicStore,
    readonly meta: MetaStore,
    readonly groups: GroupCoordinator,
    /** SASL users and ACLs; absent when the broker runs without authentication. */
    readonly auth: Authenticator | undefined,
  ) {}

  /** Mechanisms offered in SaslHandshake answers (none without authentication). */
  get authMechanisms(): readonly string[] {
    return this.auth?.mechanisms ?? [];
  }

  static async open(
    config: BrokerConfig,
    dataDir: string | undefined,
    groups: CoordinatorOptions,
    auth?: Authenticator,
  ): Promise<Broker> {
    const topics = await TopicStore.open(dataDir, true);
    const meta = await MetaStore.open(dataDir, true);
    return new Broker(config, topics, meta, new GroupCoordinator(groups), auth);
  }

  /** The topic, auto-creating it when both the broker and the request allow it. */
  async topicFor(name: string, allowCreate: boolean): Promise<Topic | undefined> {
    const existing = this.topics.get(name);
    if (existing || !allowCreate || !this.config.autoCreateTopics || !isValidTopicName(name)) return existing;
    return this.topics.create(name, this.config.defaultPartitions);
  }

  /** Registers work (held fetches) that must be released when the broker stops. */
  onClose(release: () => void): () => void {
    this.closers.add(release);
    return () => this.closers.delete(release);
  }

  async close(): Promise<void> {
    for (const release of [...this.closers]) release();
    this.groups.close();
    await this.topics.close();
    await this.meta.close();
  }
}
