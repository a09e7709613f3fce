import { REGISTRY_CALENDAR_TOPIC, WORKING_CALENDAR_STREAM } from '@peiyu/contracts';
import {
  createCalendar,
  DEFAULT_CALENDAR,
  type HolidayArrangement,
  type WorkingDayCalendar,
} from '@peiyu/policy';
import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { decodeMessage } from '../consumer/decode';
import { silentLogger, type Logger } from '../observability';
import type { EventCodec } from '../store/codec';
import type { EventEnvelope } from '../types';

/** What changed when an arrangement arrived: the year, its reference and the calendar now in force. */
export interface CalendarChange {
  readonly year: number;
  readonly reference: string;
  readonly calendar: WorkingDayCalendar;
  /** The event that brought it (its actor, correlation id and trace continue into recomputations). */
  readonly event: EventEnvelope;
}

const TYPES = new Set(['WorkingCalendarPublished', 'WorkingCalendarCorrected']);

/**
 * The working-day calendar a service computes every deadline with: the built-in data folded with the
 * arrangements the admin published (people-and-places.md, "The working-day calendar"). Each service instance
 * reads the whole calendar topic itself (a group of its own, from the beginning: a few events a year), so a
 * publication reaches every instance without a restart; `current()` is always the newest calendar. The one
 * mechanism for this: services never fold calendar events themselves.
 */
export class CalendarFeed {
  private readonly versions = new Map<number, number>();
  private readonly arrangements = new Map<number, HolidayArrangement>();
  private readonly listeners: Array<(c: CalendarChange) => Promise<void> | void> = [];
  private calendar: WorkingDayCalendar = DEFAULT_CALENDAR;
  private consumer: Consumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly o: { codec?: EventCodec; logger?: Logger } = {}) {}

  /** The calendar in force now (immutable: a computation keeps the one it started with). */
  current(): WorkingDayCalendar {
    return this.calendar;
  }

  /** Runs after each new arrangement (e.g. recomputing deadlines that were counted provisionally). */
  onChange(listener: (c: CalendarChange) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  /**
   * Folds one calendar event; duplicates and older versions of a year's stream (a redelivery) change nothing.
   * Returns whether the calendar changed.
   */
  async apply(event: EventEnvelope): Promise<boolean> {
    if (!TYPES.has(event.type)) return false;
    const key = WORKING_CALENDAR_STREAM.parse(event.streamId);
    if (!key) return false;
    if ((this.versions.get(key.year) ?? 0) >= event.streamVersion) return false;
    const a = event.data as HolidayArrangement;
    const arrangement = { year: a.year, holidays: a.holidays, workdays: a.workdays, reference: a.reference };
    const next = new Map(this.arrangements).set(key.year, arrangement);
    this.calendar = createCalendar({ arrangements: [...next.values()] });
    this.arrangements.set(key.year, arrangement);
    this.versions.set(key.year, event.streamVersion);
    const change = { year: key.year, reference: arrangement.reference, calendar: this.calendar, event };
    for (const l of this.listeners) {
      try {
        await l(change);
      } catch (err) {
        // A listener's failure (e.g. a store outage during recomputation) must not stop the calendar itself.
        (this.o.logger ?? silentLogger).error({ err, year: key.year }, 'calendar change listener failed');
      }
    }
    return true;
  }

  /**
   * Reads the calendar topic from the beginning with a consumer group of this instance's own, and resolves
   * once everything on the topic at start is folded, so the first deadline already uses the published days.
   */
  async start(kafka: Kafka, groupPrefix: string, retryMs = 1000): Promise<void> {
    const targets = await this.highWatermarks(kafka);
    if (targets === null) {
      // The owner (registry) has not created the topic yet: nothing is published, so the built-in calendar is
      // the one in force. Subscribe once the topic exists, without holding the service's start-up.
      const retry = async (): Promise<void> => {
        if (this.stopped) return;
        if ((await this.highWatermarks(kafka)) === null) {
          this.timer = setTimeout(() => void retry(), retryMs);
          return;
        }
        await this.consume(kafka, groupPrefix, new Map()).catch((err: unknown) =>
          (this.o.logger ?? silentLogger).error({ err }, 'calendar feed failed to start'),
        );
      };
      this.timer = setTimeout(() => void retry(), retryMs);
      return;
    }
    await this.consume(kafka, groupPrefix, targets);
  }

  /**
   * The end offset of each partition of the calendar topic, or null when the topic does not exist yet. A topic
   * created a moment ago may not have its leader in every broker's metadata yet (real Kafka answers
   * NOT_LEADER_OR_FOLLOWER, which kafkajs's fetchTopicOffsets does not retry): retriable errors are retried
   * with a growing pause instead of failing the service's start-up.
   */
  private async highWatermarks(kafka: Kafka, attempts = 12): Promise<Map<number, bigint> | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.readHighWatermarks(kafka);
      } catch (err) {
        const retriable = (err as { retriable?: boolean }).retriable === true;
        if (!retriable || attempt >= attempts || this.stopped) throw err;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2000)));
      }
    }
  }

  private async readHighWatermarks(kafka: Kafka): Promise<Map<number, bigint> | null> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(REGISTRY_CALENDAR_TOPIC)) return null;
      const offsets = await admin.fetchTopicOffsets(REGISTRY_CALENDAR_TOPIC);
      return new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
    } finally {
      await admin.disconnect();
    }
  }

  private async consume(kafka: Kafka, groupPrefix: string, targets: Map<number, bigint>): Promise<void> {
    const done = new Map<number, bigint>();
    const caughtUp = () => [...targets].every(([p, high]) => (done.get(p) ?? -1n) + 1n >= high);
    let resolveReady!: () => void;
    const ready = new Promise<void>((r) => (resolveReady = r));
    if (caughtUp()) resolveReady();
    this.consumer = kafka.consumer({ groupId: `${groupPrefix}-calendar-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: REGISTRY_CALENDAR_TOPIC, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        const d = decodeMessage(message, this.o.codec);
        if (d.ok) await this.apply(d.event);
        else (this.o.logger ?? silentLogger).error({ err: d.error }, 'undecodable calendar event skipped');
        done.set(partition, BigInt(message.offset));
        if (caughtUp()) resolveReady();
      },
    });
    await ready;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }
}
