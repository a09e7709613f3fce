import type { EventEnvelope } from '@peiyu/contracts';
import { decodeMessage, withRetry } from '@peiyu/eventstore';
import type { Logger } from '@peiyu/service-kit';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Ledger } from './ledger';

/**
 * Every service's topics → the ledger. Not the kit's ConsumerRunner: the runner turns an already-seen version
 * into a skipped duplicate and parks a partition at a gap until it heals — right for a read model, and exactly
 * what an auditor must see instead. Here every message reaches the ledger's check (`arrive`): a re-delivery of
 * the same bytes is a no-op, another event for a held version is a fork, a jump is a gap, each a finding;
 * the partition moves on. Messages are decoded as stored (no upcast: the hash is over the written form).
 * Offsets are committed after the ledger write, so a crash re-delivers and the re-delivery is a no-op.
 */
export class LedgerIntake {
  private readonly consumer: Consumer;
  poison = 0;

  constructor(
    private readonly o: { kafka: Kafka; topics: string[]; ledger: Ledger; logger: Logger; groupId?: string },
  ) {
    this.consumer = o.kafka.consumer({
      groupId: o.groupId ?? 'peiyu-audit-ledger',
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 1000,
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.o.topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (p) => this.onBatch(p),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async onBatch({
    batch,
    resolveOffset,
    commitOffsetsIfNecessary,
    heartbeat,
    isRunning,
  }: EachBatchPayload) {
    const events: EventEnvelope[] = [];
    for (const m of batch.messages) {
      const d = decodeMessage(m, undefined);
      if (d.ok) events.push(d.event as EventEnvelope);
      else {
        this.poison++;
        this.o.logger.error(
          {
            alert: 'audit.undecodable',
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            err: d.error.message,
          },
          'undecodable message on an event topic',
        );
      }
    }
    if (!isRunning()) return;
    await withRetry(() => this.o.ledger.ingest(events, batch.topic), {
      initialMs: 100,
      maxMs: 2000,
      attempts: 5,
    });
    const last = batch.messages[batch.messages.length - 1];
    if (last) resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }
}
