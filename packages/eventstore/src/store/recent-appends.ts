import type { RecordedEvent } from '../types';

/** How many of its latest appended events a store object keeps for its own relay and projector. */
export const RECENT_APPENDS = 4096;

/**
 * The events this store object committed last, in their stored form, so its own outbox relay and projector
 * need not read back what the process has just written (issue 19 §2, command path: one `find` each per pass).
 *
 * What it answers is safe because positions are taken in commit order across processes (every transaction
 * moves the one counter, so a later commit has a later position): a run of held positions that follows a
 * reader's position without a hole is exactly what the store holds there. Anything else — a hole (another
 * replica's event), a reader behind what is held, nothing of this process after the reader — answers
 * `undefined`, and the reader reads the store as before.
 */
export class RecentAppends {
  private readonly byPosition = new Map<number, RecordedEvent>();
  private latestPosition = 0;

  constructor(private readonly capacity = RECENT_APPENDS) {}

  /** The highest position this store object has committed (0: none since it opened). */
  get latest(): number {
    return this.latestPosition;
  }

  /** Keeps copies (readers fold them; the caller keeps its own objects), the oldest dropped past capacity. */
  add(events: readonly RecordedEvent[]): void {
    for (const e of events) {
      this.byPosition.set(e.position, structuredClone(e));
      if (e.position > this.latestPosition) this.latestPosition = e.position;
    }
    for (const position of this.byPosition.keys()) {
      if (this.byPosition.size <= this.capacity) break;
      this.byPosition.delete(position);
    }
  }

  /**
   * The events after `position` up to `until` (at most `limit`), when every one of them is held: the store
   * has none other in that range. `undefined` when one is missing, or when there is nothing to answer.
   */
  after(position: number, until: number, limit = Infinity): RecordedEvent[] | undefined {
    if (until <= position || !this.byPosition.has(position + 1)) return undefined;
    const out: RecordedEvent[] = [];
    for (let p = position + 1; p <= until && out.length < limit; p++) {
      const e = this.byPosition.get(p);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  }
}

/** A store's own recent appends as its relay and projector read them (`MongoEventStore.ownAppends`). */
export interface OwnAppends {
  /** The highest position this store object has committed (0: none since it opened). */
  latest(): number;
  /** RecentAppends.after, in stored form (what the relay publishes). */
  stored(after: number, until: number, limit?: number): RecordedEvent[] | undefined;
  /** RecentAppends.after, upcast as `readAll` gives them (what projections fold). */
  decoded(after: number, until: number): RecordedEvent[] | undefined;
}
