import { readAllInBatches, type EventStore } from '../store/event-store';
import type { Collection, Db } from '../store/mongo-docs';
import type { OwnAppends } from '../store/recent-appends';
import type { RecordedEvent } from '../types';
import { withRetry } from '../retry';
import {
  loadDocs,
  POINTER_CACHE_MS,
  ProjectionCatalog,
  ProjectionConflictError,
  writeDocs,
  type AnyDoc,
} from './mongo-projection';
import type { PendingWrite, StoredDoc } from './projection';

/**
 * A read model of the service's OWN events, fed from its own event store (never back through Kafka). Each
 * event goes to the documents it changes — by default the one of its own stream; `keysOf` may route it
 * elsewhere (e.g. a batch event to each evaluation it names). Events are applied in the store's global
 * order and each document remembers the last position applied to it (`_v`), so re-applying is a no-op.
 */
export interface StoreProjection<Doc extends object = Record<string, unknown>, Context = unknown> {
  readonly name: string;
  keysOf?(event: RecordedEvent): readonly string[];
  /**
   * Facts from outside the events that `apply` needs (e.g. an enterprise's current place from another read
   * model), read once per batch after its documents are loaded and handed to every `apply` of that batch.
   */
  context?(events: readonly RecordedEvent[], db: Db): Promise<Context>;
  /**
   * Fields of the documents that another writer may also set (e.g. a consumer moving them on a relocation):
   * a replacement is conditional on the values they had when loaded, so a concurrent change replans the batch.
   */
  readonly guardFields?: readonly string[];
  /** Pure: the document (undefined before its first event) and the event in, the document out. */
  apply(doc: Doc | undefined, event: RecordedEvent, key: string, context: Context): Doc | undefined;
  /** Secondary indexes of the live collection (the queries' filters and sorts). */
  readonly indexes?: ReadonlyArray<{ key: Record<string, 1 | -1>; name: string; unique?: boolean }>;
}

interface CheckpointDoc {
  _id: string;
  position: number;
}

export { POINTER_CACHE_MS };

/** How stale the checkpoints a projector reads and writes may be (performance.now() milliseconds). */
export const CHECKPOINT_SYNC_MS = 1000;

/** The live collections a projector read, when it sent the read, and its positions then. */
interface LiveTargets {
  targets: Map<string, Collection<AnyDoc>>;
  sentAt: number;
  positions: Map<string, number>;
}

/**
 * A rebuild from position 0 into an empty collection folds a window of many batches in memory and writes each
 * document once per window (issue 19 §2): a window is written when it holds `docs` documents or has taken
 * `events` events, whichever comes first (the memory bound), and at the end of the pass.
 */
export interface RebuildWindow {
  docs: number;
  events: number;
}
/**
 * The memory bound of a service's start-up rebuild (its containers have 1 GB, compose.province.yml). Measured on
 * the province (7 Dec, rebuild bench): with 50,000 / 250,000 the rebuild's process peaked at 993 MB and reached
 * 0.54 of its floor; one window per projection (120,000 / 1,000,000) reached 0.75 but peaked at 1,756 MB.
 */
export const REBUILD_WINDOW: RebuildWindow = { docs: 50_000, events: 250_000 };

const keysOf = (p: StoreProjection<object>, e: RecordedEvent) => p.keysOf?.(e) ?? [e.streamId];

/**
 * Keeps a service's own projections caught up with its event store: `catchUp()` applies every event after each
 * projection's checkpoint. The command pipeline awaits it after an append (`afterAppend`), so a list read after
 * a command already shows it; it also runs at start-up and whenever `notify()` is called. Documents live in the
 * catalog's live collection, so the blue/green rebuild machinery applies to them too.
 */
export class StoreProjector {
  private readonly catalog: ProjectionCatalog;
  private readonly checkpoints: Collection<CheckpointDoc>;
  private running: Promise<void> = Promise.resolve();
  /** The pass that has not started yet, which every new caller joins. */
  private queued: Promise<void> | undefined;
  /** Whether the queued pass must read the store (a `catchUp()` joined it), not only this process's appends. */
  private queuedReadsStore = false;
  /** How far each projection got, as this process knows it (its checkpoint re-read once a second). */
  private readonly positions = new Map<string, number>();
  private positionsReadAt = -Infinity;
  private readonly savedAt = new Map<string, number>();
  private readonly saveTimers = new Map<string, NodeJS.Timeout>();
  private live: LiveTargets | undefined;

  constructor(
    private readonly o: {
      store: Pick<EventStore, 'readAll' | 'readAllBatches'>;
      db: Db;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      projections: ReadonlyArray<StoreProjection<any>>;
      batchSize?: number;
      /**
       * The store's own recent appends (`MongoEventStore.ownAppends`): a `catchUpOwn()` pass folds them
       * without reading the store back when they hold every event after the projections' positions.
       */
      own?: OwnAppends;
      /** The window of a rebuild into an empty collection (`false`: batch by batch, as a catch-up). */
      rebuildWindow?: Partial<RebuildWindow> | false;
      /** Milliseconds of a monotonic clock, by which the pointers and checkpoints age (test seam). */
      now?: () => number;
    },
  ) {
    // queries (`collection`) keep a pointer as long as the projector's own pass does
    this.catalog = new ProjectionCatalog(o.db, {
      cacheMs: POINTER_CACHE_MS,
      ...(o.now ? { now: o.now } : {}),
    });
    this.checkpoints = o.db.collection<CheckpointDoc>('projection_checkpoints');
  }

  /** Creates the indexes and catches up once. */
  async start(): Promise<void> {
    for (const p of this.o.projections) {
      if (p.indexes?.length) await (await this.collection(p.name)).createIndexes([...p.indexes]);
    }
    await this.catchUp();
  }

  /** A clean stop: waits for the running pass and writes the checkpoints a timer would have written. */
  async stop(): Promise<void> {
    await this.running;
    const pending = [...this.saveTimers.keys()];
    for (const timer of this.saveTimers.values()) clearTimeout(timer);
    this.saveTimers.clear();
    for (const name of pending) {
      this.savedAt.delete(name);
      await this.saveCheckpoint(name);
    }
  }

  /** The live collection of a projection, for queries. */
  collection(name: string): Promise<Collection<AnyDoc>> {
    return this.catalog.live(name);
  }

  /**
   * Applies what the store recorded since the last pass. A call made while a pass runs waits for the next pass,
   * which starts after it (so it sees the caller's append); every call arriving meanwhile joins that same queued
   * pass instead of queueing one each — under load one pass serves many commands.
   */
  catchUp(): Promise<void> {
    return this.join(true);
  }

  /**
   * What the command pipeline awaits after an append (`afterAppend`): a pass that applies at least every event
   * this process has appended. When this process's recent appends hold all that follows the projections'
   * positions, it folds those and reads nothing back (another replica's later events wait for the next pass
   * that reads the store, as they would have waited for a pass that started a moment earlier).
   */
  catchUpOwn(): Promise<void> {
    return this.join(false);
  }

  private join(readsStore: boolean): Promise<void> {
    if (readsStore) this.queuedReadsStore = true;
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      // from here on a new caller may have appended after this pass's reads: it queues the following pass
      this.queued = undefined;
      const all = this.queuedReadsStore || !this.o.own;
      this.queuedReadsStore = false;
      return this.pass(all);
    });
    this.queued = next;
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * One pass. The live collections are read at most once a second (POINTER_CACHE_MS), and so are the
   * checkpoints (CHECKPOINT_SYNC_MS); in between this process's own positions are used: a position behind
   * another replica's only re-reads events every document already has (`_v`), a no-op.
   */
  private async pass(readsStore: boolean): Promise<void> {
    const names = this.o.projections.map((p) => p.name);
    // every projection has this process's latest append already (an earlier pass took it): nothing to read
    const latest = this.o.own?.latest() ?? 0;
    if (!readsStore && latest > 0 && names.every((n) => (this.positions.get(n) ?? 0) >= latest)) return;
    const now = this.o.now?.() ?? performance.now();
    const refresh = now - this.positionsReadAt >= CHECKPOINT_SYNC_MS;
    const [checkpoints, live] = await Promise.all([
      refresh ? this.checkpoints.find({ _id: { $in: names } }).toArray() : undefined,
      this.liveTargets(names, now),
    ]);
    if (checkpoints) {
      this.positionsReadAt = now;
      for (const c of checkpoints)
        this.positions.set(c._id, Math.max(c.position, this.positions.get(c._id) ?? 0));
    }
    // A pointer swapped since the previous read: what the passes in between applied may have gone to the old
    // collection, so those events are applied again to the new one (a no-op where it has them, `_v`).
    for (const [name, position] of live.rewind) this.positions.set(name, position);
    const targets = live.targets;
    // One read of the store for all projections: from the least advanced position, each batch goes to every
    // projection it passes (a rebuild of several projections decoded every event once per projection before).
    // Per batch and projection: one document load, one bulk write, one checkpoint (at most once a second).
    const projections = this.o.projections as ReadonlyArray<StoreProjection<object>>;
    if (projections.length === 0) return;
    const positions = names.map((n) => this.positions.get(n) ?? 0);
    const from = Math.min(...positions);
    const batchSize = this.o.batchSize ?? 500;
    const own = readsStore ? undefined : this.ownEvents(from);
    if (own?.length === 0) return;
    // A projection at position 0 whose collection is empty is rebuilt in windows (decided at the first batch,
    // so a pass with nothing to read costs no query); any other one — a restart after a crash into a collection
    // a window already wrote to included — goes batch by batch as every catch-up does.
    let windows: Array<Window | undefined> | undefined;
    const batches = own
      ? chunks(own, batchSize)
      : readAllInBatches(this.o.store, { afterPosition: from, batchSize });
    for await (const batch of batches) {
      windows ??= await Promise.all(
        projections.map((p, i) => this.windowFor(p, targets.get(names[i]!)!, positions[i]!)),
      );
      for (let i = 0; i < projections.length; i++) {
        const events = batch.filter((e) => e.position > positions[i]!);
        if (events.length === 0) continue;
        const name = names[i]!;
        const window = windows[i];
        positions[i] = events[events.length - 1]!.position;
        if (window) {
          await window.add(events);
          if (window.full()) await this.flush(window);
          continue;
        }
        await this.applyWithRetry(projections[i]!, targets.get(name)!, events);
        this.positions.set(name, Math.max(positions[i]!, this.positions.get(name) ?? 0));
        await this.saveCheckpoint(name);
      }
    }
    for (const window of windows ?? []) if (window) await this.flush(window);
  }

  /**
   * The live collections, read again when the last read was sent POINTER_CACHE_MS ago or more; `rewind` names
   * the projections whose pointer moved since then, with the position they had when that read was sent.
   */
  private async liveTargets(
    names: readonly string[],
    now: number,
  ): Promise<{ targets: Map<string, Collection<AnyDoc>>; rewind: Map<string, number> }> {
    const before = this.live;
    if (before && now - before.sentAt < POINTER_CACHE_MS)
      return { targets: before.targets, rewind: new Map() };
    const positions = new Map(this.positions);
    const targets = await this.catalog.liveMany(names);
    this.live = { targets, sentAt: now, positions };
    const rewind = new Map<string, number>();
    for (const name of names) {
      const was = before?.targets.get(name)?.collectionName;
      if (was !== undefined && was !== targets.get(name)!.collectionName)
        rewind.set(name, Math.min(before!.positions.get(name) ?? 0, this.positions.get(name) ?? 0));
    }
    return { targets, rewind };
  }

  /**
   * This process's appends after `from`, when they are all that follows it up to its latest append: [] when
   * the projections already have its latest; undefined when the store must be read (a hole, or not held).
   */
  private ownEvents(from: number): RecordedEvent[] | undefined {
    const own = this.o.own!;
    const latest = own.latest();
    if (latest <= from) return latest > 0 ? [] : undefined;
    return own.decoded(from, latest);
  }

  private async windowFor(
    p: StoreProjection<object>,
    target: Collection<AnyDoc>,
    position: number,
  ): Promise<Window | undefined> {
    if (this.o.rebuildWindow === false || position !== 0) return undefined;
    if (await target.findOne({}, { projection: { _id: 1 } })) return undefined;
    return new Window(p, target, this.o.db, { ...REBUILD_WINDOW, ...this.o.rebuildWindow });
  }

  /**
   * Writes a window's documents, then (only then) moves the checkpoint to its last event: a crash before leaves
   * the checkpoint where the previous window put it, and the restart re-applies the window's events batch by
   * batch. Another writer that got to one of the documents first (another replica rebuilding too, a consumer)
   * makes the write a conflict: the window's events are then re-read and applied batch by batch, each a no-op
   * where a document already has it (`_v`).
   */
  private async flush(window: Window): Promise<void> {
    const { projection: p, target } = window;
    const range = window.take();
    if (!range) return;
    try {
      await writeDocs(target, range.writes);
    } catch (err) {
      if (!(err instanceof ProjectionConflictError)) throw err;
      for await (const batch of readAllInBatches(this.o.store, {
        afterPosition: range.after,
        batchSize: this.o.batchSize ?? 500,
      })) {
        const events = batch.filter((e) => e.position <= range.last);
        if (events.length) await this.applyWithRetry(p, target, events);
        if (events.length < batch.length) break;
      }
    }
    this.positions.set(p.name, Math.max(range.last, this.positions.get(p.name) ?? 0));
    await this.saveCheckpoint(p.name);
  }

  /**
   * Records how far a projection got: at once if its last write is a second old, else by a timer a second after
   * it (`$max`, so late or concurrent writes never move it back). A restart after a crash re-reads at most that
   * second of events, each a no-op on documents that have it (`_v`).
   */
  private saveCheckpoint(name: string): Promise<void> {
    const due = (this.savedAt.get(name) ?? -Infinity) + CHECKPOINT_SYNC_MS - performance.now();
    if (due > 0) {
      if (!this.saveTimers.has(name)) {
        const timer = setTimeout(() => {
          this.saveTimers.delete(name);
          this.saveCheckpoint(name).catch(() => undefined); // the next pass writes it again
        }, due);
        timer.unref();
        this.saveTimers.set(name, timer);
      }
      return Promise.resolve();
    }
    this.savedAt.set(name, performance.now());
    const position = this.positions.get(name) ?? 0;
    return this.checkpoints
      .updateOne({ _id: name }, { $max: { position } }, { upsert: true })
      .then(() => undefined);
  }

  private applyWithRetry(
    p: StoreProjection<object>,
    target: Collection<AnyDoc>,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    // Another process's projector may write the same documents: a lost race is replanned from fresh docs,
    // every one of them loaded (the first attempt takes a stream's first event for a document not there yet).
    return withRetry(
      (attempt) => applyBatch(p, target, events, this.o.db, attempt > 1),
      { attempts: 5, initialMs: 10, maxMs: 200 },
      undefined,
      (err) => {
        if (!(err instanceof ProjectionConflictError)) throw err;
      },
    );
  }
}

async function applyBatch(
  p: StoreProjection<object>,
  target: Collection<AnyDoc>,
  events: readonly RecordedEvent[],
  db: Db,
  loadAll: boolean,
): Promise<void> {
  const fresh = loadAll ? new Set<string>() : freshKeys(p, events);
  const keys = [...new Set(events.flatMap((e) => keysOf(p, e)))].filter((k) => !fresh.has(k));
  const loaded =
    keys.length > 0 ? await loadDocs<object>(target, keys) : new Map<string, StoredDoc<object>>();
  // After the documents: a concurrent writer of a guarded field either ran before this read (the context
  // sees its facts) or changes a loaded document (the guard makes the write a conflict).
  const context = p.context ? await p.context(events, db) : undefined;
  const writes = new Map<string, PendingWrite<object>>();
  fold(p, writes, loaded, events, context);
  await writeDocs(target, writes);
}

/**
 * The documents a batch need not load: where a projection keeps one document per stream (no `keysOf`), the
 * document of a stream whose first event is in the batch does not exist yet — no other stream's event reaches
 * it. (A registration's pass read an always-empty answer: one round trip of the command path, issue 19 §2.)
 * Should it exist after all — another replica's projector got there first, a pass re-applies after a crash —
 * its insert fails on the duplicate `_id`, a conflict, and the retry loads every document.
 */
function freshKeys(p: StoreProjection<object>, events: readonly RecordedEvent[]): Set<string> {
  if (p.keysOf) return new Set();
  return new Set(events.filter((e) => e.streamVersion === 1).map((e) => e.streamId));
}

/**
 * Applies events to the pending writes (documents already folded in this batch or window) or, for a document
 * first touched, to its loaded version: the one fold of the batch-by-batch path and of a rebuild's window.
 */
function fold(
  p: StoreProjection<object>,
  writes: Map<string, PendingWrite<object>>,
  loaded: ReadonlyMap<string, StoredDoc<object>>,
  events: readonly RecordedEvent[],
  context: unknown,
): void {
  for (const e of events) {
    for (const key of keysOf(p, e)) {
      const pending = writes.get(key);
      const current: StoredDoc<object> | undefined = pending?.doc ?? loaded.get(key);
      if (current && current._v >= e.position) continue; // applied by an earlier pass
      const { _id: _i, _v: _p, _skipped: _s, ...fields } = current ?? ({} as StoredDoc<object>);
      const next = p.apply(current ? fields : undefined, e, key, context);
      if (next === undefined && current === undefined) continue;
      writes.set(key, {
        from: pending ? pending.from : current?._v,
        doc: { ...(next ?? fields), _id: key, _v: e.position },
        guard: pending ? pending.guard : guardOf(p, current),
      });
    }
  }
}

/**
 * The documents of a rebuild window: folded in memory over many batches, written once when the window is
 * taken. A document this rebuild wrote in an earlier window is loaded again (its write is then conditional on
 * that version, as a catch-up's is); one never written is new — the collection was empty when the rebuild
 * began — and is inserted, so a document another writer created meanwhile fails the insert (a conflict).
 */
class Window {
  private writes = new Map<string, PendingWrite<object>>();
  private readonly written = new Set<string>();
  private events = 0;
  private after = 0;
  private last = 0;

  constructor(
    readonly projection: StoreProjection<object>,
    readonly target: Collection<AnyDoc>,
    private readonly db: Db,
    private readonly limits: RebuildWindow,
  ) {}

  async add(events: readonly RecordedEvent[]): Promise<void> {
    const p = this.projection;
    const again = new Set<string>();
    for (const e of events)
      for (const key of keysOf(p, e)) if (this.written.has(key) && !this.writes.has(key)) again.add(key);
    const loaded = again.size ? await loadDocs<object>(this.target, again) : new Map();
    const context = p.context ? await p.context(events, this.db) : undefined;
    fold(p, this.writes, loaded, events, context);
    this.events += events.length;
    this.last = events[events.length - 1]!.position;
  }

  full(): boolean {
    return this.writes.size >= this.limits.docs || this.events >= this.limits.events;
  }

  /** The window's writes and the positions it covers (after, last]; the next window starts empty after it. */
  take(): { writes: Map<string, PendingWrite<object>>; after: number; last: number } | undefined {
    if (this.events === 0) return undefined;
    const range = { writes: this.writes, after: this.after, last: this.last };
    for (const key of this.writes.keys()) this.written.add(key);
    this.writes = new Map();
    this.events = 0;
    this.after = this.last;
    return range;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function guardOf(
  p: StoreProjection<object>,
  loaded: object | undefined,
): Record<string, unknown> | undefined {
  if (!p.guardFields?.length || !loaded) return undefined;
  const doc = loaded as Record<string, unknown>;
  // null also matches a missing field, as the document was loaded without it
  return Object.fromEntries(p.guardFields.map((f) => [f, doc[f] ?? null]));
}
