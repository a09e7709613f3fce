import type { Kafka, Message, Producer } from 'kafkajs';
import type { Clock } from '../clock';
import { CounterSet, silentLogger, type Logger, type Metrics } from '../observability';
import { backoffDelay, realSleep, type Sleep } from '../retry';
import type { Collection, EventDoc } from '../store/mongo-docs';
import { toEnvelope, type RecordedEvent } from '../types';
import type { OwnAppends } from '../store/recent-appends';
import type { RelayLease } from './lease';

export interface OutboxRelayOptions {
  kafka: Kafka;
  /** The store's events collection (`MongoEventStore.events`): it is the outbox. */
  events: Collection<EventDoc>;
  /** Topic of an event, e.g. from its stream id prefix via contracts `topicFor`. */
  topicOf: (event: RecordedEvent) => string;
  clock: Clock;
  batchSize?: number;
  /**
   * Wait between polls when the outbox is empty (default 50 ms). With `notify()` called on every append in
   * this process (own-store does), the poll is only the fallback for appends it is not told of (another
   * replica's), and may be long.
   */
  idleMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /**
   * After a wake-up by an append, wait this long before reading (default 0), so the appends of the next few
   * milliseconds go to Kafka in the same request — the producer's `linger.ms`.
   */
  lingerMs?: number;
  /** How long the loop may hold published events before marking them (default MARK_DELAY_MS). */
  markDelayMs?: number;
  logger?: Logger;
  metrics?: Metrics;
  sleep?: Sleep;
  /** With several replicas on one database: only the holder of this lease publishes (the others stand by). */
  lease?: RelayLease;
  /**
   * The store's own recent appends (`MongoEventStore.ownAppends`): when everything after what this relay last
   * published up to this process's latest append is held there, the batch is taken from it instead of a `find`.
   */
  own?: OwnAppends;
  /** Test seam: runs after Kafka acknowledged a batch and before it is marked published. */
  beforeMark?: (events: RecordedEvent[]) => Promise<void> | void;
}

/**
 * How long the relay's loop may hold published events before marking them (performance.now() milliseconds).
 * Marking each batch as it went was one `update` (and one fsync) per group commit on the command path (issue
 * 19 §2); held marks go together. A crash in between re-publishes at most these events, as it would any event
 * acknowledged and not yet marked: a duplicate consumers absorb (by event id), never a loss.
 */
export const MARK_DELAY_MS = 200;

export interface OutboxLag {
  /** Events stored but not yet acknowledged by Kafka. */
  events: number;
  /** recordedAt of the oldest of them. */
  oldestRecordedAt?: string;
}

/**
 * Publishes unpublished events in position order (hence stream order) with an idempotent producer, key =
 * stream id, then marks them published. One relay per service database publishes: with several replicas,
 * the one holding the `lease`. Kafka's acknowledgement comes before the mark, so a crash in between
 * re-publishes (a duplicate consumers absorb), never loses.
 */
export class OutboxRelay {
  readonly counters: CounterSet;
  private readonly producer: Producer;
  private readonly logger: Logger;
  private readonly sleep: Sleep;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  /** A notify() that came while the loop was not waiting: the next wait returns at once (no lost wake-up). */
  private notified = false;
  private backingOff = false;
  /** The last wait ended by notify() (an append of this process), not by the poll's timer. */
  private woken = false;
  private connected = false;
  /** Every event up to this position is published (as this relay knows it; 0: not known). */
  private publishedThrough = 0;
  /** Events Kafka acknowledged that the loop has not marked yet (at most MARK_DELAY_MS). */
  private unmarked: string[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  private marking: Promise<void> = Promise.resolve();

  constructor(private readonly o: OutboxRelayOptions) {
    this.producer = o.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.logger = o.logger ?? silentLogger;
    this.sleep = o.sleep ?? realSleep;
    this.counters = new CounterSet(o.metrics);
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Let the loop look now rather than after its idle wait (call after an append for low latency). */
  notify(): void {
    this.notified = true;
    // a failed publish's back-off is not cut short by appends (an outage would be retried per command)
    if (!this.backingOff) this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
    await this.markHeldOrWarn();
    await this.o.lease?.release();
    if (this.connected) await this.producer.disconnect();
    this.connected = false;
  }

  async lag(): Promise<OutboxLag> {
    const count = await this.o.events.countDocuments({ published: false });
    const oldest = await this.o.events.findOne(
      { published: false },
      { sort: { position: 1 }, projection: { recordedAt: 1 } },
    );
    return { events: count, ...(oldest ? { oldestRecordedAt: oldest.recordedAt } : {}) };
  }

  /**
   * Publishes one batch (if this relay holds the lease); returns how many events it published. `ownOnly` (a
   * pass woken by this process's append): when this relay has published all of this process's appends, it
   * does not look in the outbox — another replica's events are found by the poll. `holdMarks` (the loop):
   * the batch is marked published within MARK_DELAY_MS, together with the batches after it, rather than now.
   */
  async publishOnce(ownOnly = false, holdMarks = false): Promise<number> {
    if (this.o.lease) {
      // connected first, so the lease's time goes to publishing, not to a (slow) first connection
      await this.connect();
      if (!(await this.o.lease.hold())) {
        this.publishedThrough = 0; // another holder publishes meanwhile: read the outbox when back
        await this.markHeld();
        return 0;
      }
    }
    const limit = this.o.batchSize ?? 500;
    const own = this.ownBatch(limit);
    if (!own && ownOnly && this.o.own && this.publishedThrough >= this.o.own.latest()) return 0;
    const { records, through } = own ?? (await this.readOutbox(limit));
    if (records.length > 0) {
      await this.connect();
      await this.producer.sendBatch({ acks: -1, topicMessages: this.group(records) });
      await this.o.beforeMark?.(records);
      this.unmarked.push(...records.map((r) => r.eventId));
      if (holdMarks) this.markLater();
      else await this.markHeld();
    }
    this.publishedThrough = Math.max(this.publishedThrough, through);
    if (records.length === 0) return 0;
    this.counters.increment('outbox_published', records.length);
    return records.length;
  }

  /** The next batch from this process's own appends, when they hold all of it (see `own`). */
  private ownBatch(limit: number): Batch | undefined {
    if (!this.o.own || this.publishedThrough === 0) return undefined;
    const records = this.o.own.stored(this.publishedThrough, this.o.own.latest(), limit);
    return records && { records, through: records[records.length - 1]!.position };
  }

  /**
   * The oldest unpublished events, from the outbox, and how far everything is published once they are: a
   * batch short of the limit found every event committed before the read began — this process's latest
   * append among them — because positions are taken in commit order.
   */
  private async readOutbox(limit: number): Promise<Batch> {
    await this.markHeld(); // what this relay published is not read (and published) again
    const ownLatest = this.o.own?.latest() ?? 0;
    const docs = await this.o.events.find({ published: false }, { sort: { position: 1 }, limit }).toArray();
    const records = docs.map(
      ({ _id, hashAlg: _a, published: _p, publishedAt: _pa, ...r }) => r as RecordedEvent,
    );
    const last = records.at(-1)?.position ?? 0;
    return { records, through: docs.length < limit ? Math.max(last, ownLatest) : last };
  }

  /** Marks the held events published within MARK_DELAY_MS (a failure leaves them to the next mark or read). */
  private markLater(): void {
    this.markTimer ??= setTimeout(
      () => void this.markHeldOrWarn(),
      this.o.markDelayMs ?? MARK_DELAY_MS,
    ).unref();
  }

  /** markHeld where no caller can take the error: logged, the events held for the next mark or read. */
  private markHeldOrWarn(): Promise<void> {
    return this.markHeld().catch((err: unknown) =>
      this.logger.warn({ err: String(err) }, 'outbox relay: marking published events failed'),
    );
  }

  /** Marks every held event published now, after any mark already under way. */
  private markHeld(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    const ids = this.unmarked;
    this.unmarked = [];
    const mark = this.marking.then(async () => {
      if (ids.length === 0) return;
      try {
        await this.o.events.updateMany(
          { _id: { $in: ids } },
          { $set: { published: true, publishedAt: this.o.clock.now() } },
        );
      } catch (err) {
        this.unmarked.unshift(...ids); // marked with the next ones
        throw err;
      }
    });
    this.marking = mark.catch(() => undefined);
    return mark;
  }

  private async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  private group(records: RecordedEvent[]): { topic: string; messages: Message[] }[] {
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      const topic = this.o.topicOf(r);
      const list = byTopic.get(topic) ?? [];
      list.push(toMessage(r));
      byTopic.set(topic, list);
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        // cleared before the read: an append notified after this point is either read now or wakes the wait
        if (this.woken && this.o.lingerMs) await lingering(this.o.lingerMs);
        this.notified = false;
        const n = await this.publishOnce(this.woken, true);
        failures = 0;
        if (n === 0) await this.idle(this.o.idleMs ?? 50);
      } catch (err) {
        failures++;
        this.counters.increment('outbox_failures');
        const delay = backoffDelay(this.o.backoff ?? { initialMs: 100, maxMs: 10_000 }, failures);
        this.logger.warn({ err: String(err), failures, retryInMs: delay }, 'outbox relay: publish failed');
        this.backingOff = true;
        await this.idle(delay).finally(() => {
          this.backingOff = false;
        });
      }
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.notified && !this.backingOff) {
      this.woken = true;
      return Promise.resolve();
    }
    this.woken = false;
    return Promise.race([
      this.sleep(ms),
      new Promise<void>((resolve) => {
        this.wake = () => {
          this.woken = true;
          resolve();
        };
      }),
    ]).finally(() => {
      this.wake = undefined;
    });
  }
}

/** The linger's wait: real time always (a test's `sleep` stands for the poll). */
const lingering = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A batch to publish, and the position up to which every event is published once it is. */
interface Batch {
  records: RecordedEvent[];
  through: number;
}

/** The Kafka message of a stored event: the envelope as JSON, keyed by stream, described by headers. */
export function toMessage(r: RecordedEvent): Message {
  return {
    key: r.streamId,
    value: JSON.stringify(toEnvelope(r)),
    headers: {
      type: r.type,
      schemaVersion: String(r.schemaVersion),
      eventId: r.eventId,
      streamVersion: String(r.streamVersion),
      ...(r.traceparent ? { traceparent: r.traceparent } : {}),
    },
  };
}
