import { dlqTopicOf, misroutedReason } from '@peiyu/contracts';
import { SpanKind, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { CounterSet, silentLogger, type Logger, type Metrics } from '../observability';
import {
  loadDocs,
  writeDocs,
  ProjectionCatalog,
  ProjectionConstraintError,
} from '../projection/mongo-projection';
import { planEvents, type Plan, type Projection } from '../projection/projection';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  realSleep,
  withRetry,
  type BackoffPolicy,
  type Sleep,
} from '../retry';
import type { EventCodec } from '../store/codec';
import type { Db } from '../store/mongo-docs';
import { contextFromTraceparent } from '../tracing/traceparent';
import type { EventEnvelope } from '../types';
import {
  collectDeadLetters,
  deadLetterMessage,
  guarded,
  MisroutedEventError,
  type Item,
} from './dead-letter';
import { decodeMessage, headerText } from './decode';

export interface ConsumerRunnerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  db: Db;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: Projection<any>[];
  codec?: EventCodec;
  /** Retries for transient failures (MongoDB writes, DLQ produce) within one batch. */
  retry?: Partial<BackoffPolicy>;
  /** First wait before re-reading a partition stopped at a gap; doubles up to retry.maxMs. */
  gapRetryMs?: number;
  /** Fetches missing events of a stream from its source, to heal a gap: versions in (after, before). */
  heal?: (streamId: string, afterVersion: number, beforeVersion: number) => Promise<EventEnvelope[]>;
  logger?: Logger;
  metrics?: Metrics;
  tracer?: Tracer;
  fromBeginning?: boolean;
  sessionTimeout?: number;
  /** Fetch long-poll limit; also bounds how long stop() waits for an in-flight fetch. Default 1000 ms. */
  maxWaitTimeInMs?: number;
  heartbeatInterval?: number;
  partitionsConsumedConcurrently?: number;
  sleep?: Sleep;
  /** Test seam: runs after the projection write and before the offset commit (simulate a crash there). */
  afterProjectionWrite?: (info: {
    topic: string;
    partition: number;
    lastOffset: string;
    /** The events of the messages processed (written) in this batch. */
    events: EventEnvelope[];
  }) => Promise<void> | void;
}

/**
 * Kafka → MongoDB projections with exactly-once effect. Per partition batch: decode + upcast, plan every
 * projection (duplicates skipped by version, a gap stops the partition there), dead-letter poison messages,
 * bulkWrite the documents, then commit the offset. A crash anywhere re-delivers from the last commit, and the
 * versions in the documents turn the re-delivery into skipped duplicates.
 */
export class ConsumerRunner {
  readonly counters: CounterSet;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly catalog: ProjectionCatalog;
  private readonly policy: BackoffPolicy;
  private readonly logger: Logger;
  private readonly tracer: Tracer;
  private readonly sleep: Sleep;
  private readonly gapAttempts = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly o: ConsumerRunnerOptions) {
    this.consumer = o.kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeout ?? 10_000,
      heartbeatInterval: o.heartbeatInterval ?? 1000,
      maxWaitTimeInMs: o.maxWaitTimeInMs ?? 1000,
    });
    this.producer = o.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.catalog = new ProjectionCatalog(o.db);
    this.policy = { ...DEFAULT_BACKOFF, ...o.retry };
    this.logger = o.logger ?? silentLogger;
    this.tracer = o.tracer ?? trace.getTracer('@peiyu/eventstore');
    this.sleep = o.sleep ?? realSleep;
    this.counters = new CounterSet(o.metrics);
  }

  async start(): Promise<void> {
    await this.ensureDeadLetterTopics();
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.o.topics, fromBeginning: this.o.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.o.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** `<topic>.dlq` must exist before the first poison message (brokers may not auto-create topics). */
  private async ensureDeadLetterTopics(): Promise<void> {
    const admin = this.o.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = this.o.topics.map(dlqTopicOf).filter((t) => !existing.has(t));
      if (missing.length)
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic })) });
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    // A stale batch was fetched before a seek or rebalance; its messages will be delivered again.
    if (batch.messages.length === 0 || this.stopped || payload.isStale()) return;
    const items: Item[] = batch.messages.map((message) => {
      const d = decodeMessage(message, this.o.codec);
      if (!d.ok) return { message, error: d.error };
      // Only the topic's owner emits its events: anything else is dead-lettered, never applied.
      const misrouted = misroutedReason(batch.topic, d.event.type);
      if (misrouted) {
        this.counters.increment('consumer_misrouted', 1, { topic: batch.topic });
        return { message, error: new MisroutedEventError(misrouted) };
      }
      return { message, event: d.event };
    });
    const spans = items.map((it) => this.startSpan(batch.topic, batch.partition, it));
    try {
      const rejected = this.o.projections.map(() => new Set<string>());
      const stop = await withRetry(
        async () => {
          await payload.heartbeat(); // retries can outlast the session timeout otherwise
          return this.applyItems(batch.topic, batch.partition, items, rejected);
        },
        this.policy,
        this.sleep,
        (err, n) => {
          this.counters.increment('consumer_retries', 1, { topic: batch.topic });
          this.logger.warn(
            { err: String(err), attempt: n, topic: batch.topic, partition: batch.partition },
            'batch retry',
          );
        },
      );
      const processed = stop === undefined ? items : items.slice(0, stop);
      const last = processed[processed.length - 1];
      if (last) {
        await this.o.afterProjectionWrite?.({
          topic: batch.topic,
          partition: batch.partition,
          lastOffset: last.message.offset,
          events: processed.filter((i) => i.event).map((i) => i.event!),
        });
        const next = (BigInt(last.message.offset) + 1n).toString();
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        payload.resolveOffset(last.message.offset);
      }
      if (stop !== undefined) this.stopAtGap(batch.topic, batch.partition, items[stop]!);
      else this.gapAttempts.delete(`${batch.topic}:${batch.partition}`);
    } finally {
      for (const s of spans) s.end();
    }
  }

  /** One attempt at the batch; returns the index of the gap message, if any. */
  private async applyItems(
    topic: string,
    partition: number,
    items: Item[],
    rejected: Set<string>[],
  ): Promise<number | undefined> {
    const events = items.filter((i) => i.event).map((i) => i.event!);
    const projections = this.o.projections.map((p, i) => guarded(p, rejected[i]!));
    const collections = await Promise.all(this.o.projections.map((p) => this.catalog.live(p.name)));
    const loaded = await Promise.all(
      collections.map((c) =>
        loadDocs(
          c,
          events.map((e) => e.streamId),
        ),
      ),
    );
    let plans = projections.map((p, i) => planEvents(p, loaded[i]!, events));
    const stops = plans.map((p) => p.stoppedAt).filter((s): s is number => s !== undefined);
    const stopEvent = stops.length ? Math.min(...stops) : undefined;
    if (stopEvent !== undefined) {
      // Every projection stops at the earliest gap so that nothing past the committed offset is written.
      plans = projections.map((p, i) => planEvents(p, loaded[i]!, events.slice(0, stopEvent)));
    }
    const stopItem =
      stopEvent === undefined ? undefined : items.indexOf(items.filter((i) => i.event)[stopEvent]!);
    const prefix = stopItem === undefined ? items : items.slice(0, stopItem);
    await this.deadLetter(topic, partition, prefix, plans);
    const written = await Promise.allSettled(plans.map((plan, i) => writeDocs(collections[i]!, plan.writes)));
    written.forEach((w, i) => {
      if (w.status === 'rejected' && w.reason instanceof ProjectionConstraintError) {
        for (const id of w.reason.streamIds) rejected[i]!.add(id); // next attempt dead-letters them
      }
    });
    const failed = written.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed) throw failed.reason;
    this.count(topic, plans);
    return stopItem;
  }

  /** Poison messages and failed applies go to `<topic>.dlq` before the projection write, so none is lost. */
  private async deadLetter(
    topic: string,
    partition: number,
    items: Item[],
    plans: Plan<object>[],
  ): Promise<void> {
    const dead = collectDeadLetters(
      items,
      plans,
      this.o.projections.map((p) => p.name),
    );
    if (dead.length === 0) return;
    await this.producer.send({
      topic: dlqTopicOf(topic),
      acks: -1,
      messages: dead.map((d) => deadLetterMessage(d, topic, partition)),
    });
    this.counters.increment('consumer_dead_lettered', dead.length, { topic });
    this.logger.error(
      { topic, partition, count: dead.length, offsets: dead.map((d) => d.item.message.offset) },
      'dead-lettered',
    );
  }

  private count(topic: string, plans: Plan<object>[]): void {
    for (const plan of plans) {
      for (const o of plan.outcomes) {
        if (o === 'applied') this.counters.increment('consumer_applied', 1, { topic });
        else if (o === 'duplicate') this.counters.increment('consumer_duplicates', 1, { topic });
      }
    }
  }

  /**
   * A version jump: never skip it. Pause the partition, report, wait (growing), let `heal` fill the hole from
   * the source if configured, then re-read from the gap message.
   */
  private stopAtGap(topic: string, partition: number, item: Item): void {
    const key = `${topic}:${partition}`;
    const attempt = (this.gapAttempts.get(key) ?? 0) + 1;
    this.gapAttempts.set(key, attempt);
    this.counters.increment('consumer_gaps', 1, { topic, partition });
    const e = item.event!;
    this.logger.error(
      {
        topic,
        partition,
        offset: item.message.offset,
        streamId: e.streamId,
        streamVersion: e.streamVersion,
        attempt,
      },
      'version gap: partition paused',
    );
    this.consumer.pause([{ topic, partitions: [partition] }]);
    const delay = backoffDelay({ initialMs: this.o.gapRetryMs ?? 200, maxMs: this.policy.maxMs }, attempt);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.healAndResume(topic, partition, item, e);
    }, delay);
    this.timers.add(timer);
  }

  private async healAndResume(topic: string, partition: number, item: Item, e: EventEnvelope): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.o.heal) await this.healStream(e);
    } catch (err) {
      this.logger.warn({ err: String(err), streamId: e.streamId }, 'heal failed');
    }
    if (this.stopped) return;
    this.consumer.seek({ topic, partition, offset: item.message.offset });
    this.consumer.resume([{ topic, partitions: [partition] }]);
  }

  private async healStream(gapEvent: EventEnvelope): Promise<void> {
    for (const projection of this.o.projections) {
      const collection = await this.catalog.live(projection.name);
      const loaded = await loadDocs(collection, [gapEvent.streamId]);
      const from = loaded.get(gapEvent.streamId)?._v ?? 0;
      if (from + 1 >= gapEvent.streamVersion) continue;
      const missing = await this.o.heal!(gapEvent.streamId, from, gapEvent.streamVersion);
      const plan = planEvents(projection, loaded, missing);
      await writeDocs(collection, plan.writes);
      this.counters.increment('consumer_healed', plan.outcomes.filter((o) => o === 'applied').length);
    }
  }

  private startSpan(topic: string, partition: number, item: Item): Span {
    const traceparent = item.event?.traceparent ?? headerText(item.message.headers, 'traceparent');
    return this.tracer.startSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': String(partition),
          'messaging.kafka.offset': Number(item.message.offset),
          ...(item.event
            ? { 'peiyu.event.type': item.event.type, 'peiyu.event.id': item.event.eventId }
            : {}),
        },
      },
      contextFromTraceparent(traceparent),
    );
  }
}
