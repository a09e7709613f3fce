import type { Clock } from '../clock';
import { readAllInBatches, type EventStore } from '../store/event-store';
import type { Db } from '../store/mongo-docs';
import type { RecordedEvent } from '../types';
import { withRetry } from '../retry';
import {
  loadDocs,
  ProjectionCatalog,
  ProjectionConflictError,
  writeDocs,
  type AnyDoc,
} from './mongo-projection';
import { planEvents, type PendingWrite, type Projection, type StoredDoc } from './projection';
import { POINTER_CACHE_MS, REBUILD_WINDOW, type RebuildWindow } from './store-projection';

export interface RebuildProgress {
  events: number;
  position: number;
  phase: 'replay' | 'catch-up';
}

export interface RebuildOptions {
  store: Pick<EventStore, 'readAll' | 'readAllBatches'>;
  db: Db;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projection: Projection<any>;
  clock: Clock;
  batchSize?: number;
  onProgress?: (p: RebuildProgress) => void;
  /** Flip the pointer to the rebuilt collection (default true); false only fills it, e.g. to compare first. */
  swap?: boolean;
  /** Drop the previously live collection after the swap (default false: keep it for a quick roll-back). */
  dropOld?: boolean;
  /**
   * The replay into the new (empty, not yet live) collection folds windows of many batches in memory and writes
   * each document once per window (`REBUILD_WINDOW` by default; `false`: batch by batch, as the catch-ups).
   */
  window?: Partial<RebuildWindow> | false;
}

export interface RebuildResult {
  collection: string;
  previous: string;
  events: number;
  swapped: boolean;
}

export class RebuildError extends Error {
  override name = 'RebuildError';
}

/**
 * Rebuilds a projection from the service's own event store into a fresh collection while the live one keeps
 * serving, then flips the catalog pointer (one atomic single-document update). Events recorded meanwhile are
 * applied in catch-up passes before and after the flip; the version in each document makes re-applying any
 * of them a no-op, and a live consumer that writes to the new collection sees gaps rather than skipping.
 */
export async function rebuildProjection(o: RebuildOptions): Promise<RebuildResult> {
  const catalog = new ProjectionCatalog(o.db);
  const previous = await catalog.liveName(o.projection.name);
  const name = `proj_${o.projection.name}__${o.clock
    .now()
    .toISOString()
    .replace(/[^0-9]/g, '')}`;
  const target = o.db.collection<AnyDoc>(name);
  if ((await target.estimatedDocumentCount()) > 0) throw new RebuildError(`collection ${name} is not empty`);
  await copyIndexes(o.db, previous, name);
  let state = { position: 0, events: 0 };
  state =
    o.window === false
      ? await replay(o, target, state, 'replay')
      : await replayInWindows(o, target, state, { ...REBUILD_WINDOW, ...o.window });
  state = await replay(o, target, state, 'catch-up');
  let swapped = false;
  if (o.swap ?? true) {
    swapped = await catalog.swap(o.projection.name, previous, name, o.clock.now());
    if (!swapped) throw new RebuildError(`projection ${o.projection.name} was swapped by someone else`);
    // A projector that read the pointer before the swap may use the old collection for POINTER_CACHE_MS: the
    // last catch-up comes after that, so it applies whatever such a projector put only into the old one.
    await new Promise((resolve) => setTimeout(resolve, POINTER_CACHE_MS));
    state = await replay(o, target, state, 'catch-up');
    if (o.dropOld)
      await o.db
        .collection(previous)
        .drop()
        .catch(() => undefined);
  }
  return { collection: name, previous, events: state.events, swapped };
}

type Target = Parameters<typeof loadDocs>[0];

async function replay(
  o: RebuildOptions,
  target: Target,
  from: { position: number; events: number },
  phase: RebuildProgress['phase'],
  /** Stop after this position (a window re-applied batch by batch). */
  until = Infinity,
): Promise<{ position: number; events: number }> {
  const size = o.batchSize ?? 1000;
  let { position, events } = from;
  let batch: RecordedEvent[] = [];
  const writeBatch = async () => {
    const loaded = await loadDocs(
      target,
      batch.map((e) => e.streamId),
    );
    const plan = planEvents(o.projection, loaded, batch);
    if (plan.stoppedAt !== undefined) {
      const e = batch[plan.stoppedAt]!;
      throw new RebuildError(`event store has a gap in ${e.streamId} before version ${e.streamVersion}`);
    }
    await writeDocs(target, plan.writes);
  };
  const flush = async () => {
    // After the swap the live consumer writes to the same collection: a lost race is replanned, and what the
    // consumer already applied is then a duplicate.
    await withRetry(writeBatch, { attempts: 5, initialMs: 10, maxMs: 200 }, undefined, (err) => {
      if (!(err instanceof ProjectionConflictError)) throw err;
    });
    events += batch.length;
    position = batch[batch.length - 1]!.position;
    batch = [];
    o.onProgress?.({ events, position, phase });
  };
  for await (const read of readAllInBatches(o.store, { afterPosition: position, batchSize: size })) {
    batch = read.filter((e) => e.position <= until);
    const past = batch.length < read.length;
    if (batch.length) await flush();
    if (past) break;
  }
  return { position, events };
}

/**
 * The replay phase in windows: the collection is new and empty, and nothing writes it before the swap (the
 * live consumer writes the collection the pointer names), so a document is inserted once per window — or, if
 * an earlier window wrote it, loaded again and replaced conditionally on that version. A conflict all the same
 * (a second rebuild into the same name) re-applies the window batch by batch, where `_v` makes what is already
 * there a duplicate. Progress is reported per window.
 */
async function replayInWindows(
  o: RebuildOptions,
  target: Target,
  from: { position: number; events: number },
  limits: RebuildWindow,
): Promise<{ position: number; events: number }> {
  let { position, events } = from;
  let writes = new Map<string, PendingWrite<object>>();
  const written = new Set<string>();
  let windowEvents = 0;
  let after = position;
  const flush = async () => {
    if (windowEvents === 0) return;
    try {
      await writeDocs(target, writes);
    } catch (err) {
      if (!(err instanceof ProjectionConflictError)) throw err;
      await replay(
        { ...o, onProgress: undefined },
        target,
        { position: after, events: 0 },
        'replay',
        position,
      );
    }
    for (const key of writes.keys()) written.add(key);
    events += windowEvents;
    writes = new Map();
    windowEvents = 0;
    after = position;
    o.onProgress?.({ events, position, phase: 'replay' });
  };
  for await (const batch of readAllInBatches(o.store, {
    afterPosition: position,
    batchSize: o.batchSize ?? 1000,
  })) {
    if (batch.length === 0) continue;
    const again = batch.map((e) => e.streamId).filter((id) => written.has(id) && !writes.has(id));
    const loaded = again.length ? await loadDocs(target, again) : new Map<string, StoredDoc<object>>();
    // What planEvents starts each stream from: the window's document, else the one an earlier window wrote.
    const current = new Map<string, StoredDoc<object>>();
    for (const e of batch) {
      const doc = writes.get(e.streamId)?.doc ?? loaded.get(e.streamId);
      if (doc) current.set(e.streamId, doc);
    }
    const plan = planEvents(o.projection, current, batch);
    if (plan.stoppedAt !== undefined) {
      const e = batch[plan.stoppedAt]!;
      throw new RebuildError(`event store has a gap in ${e.streamId} before version ${e.streamVersion}`);
    }
    for (const [key, w] of plan.writes) {
      const earlier = writes.get(key);
      writes.set(key, earlier ? { ...w, from: earlier.from } : w);
    }
    windowEvents += batch.length;
    position = batch[batch.length - 1]!.position;
    if (writes.size >= limits.docs || windowEvents >= limits.events) await flush();
  }
  await flush();
  return { position, events };
}

/**
 * The new collection gets the live one's secondary indexes (the service created them for its queries and
 * unique constraints), built before the data goes in so violations surface during the rebuild, not after.
 */
async function copyIndexes(db: Db, from: string, to: string): Promise<void> {
  const exists = (await db.listCollections({ name: from }, { nameOnly: true }).toArray()).length > 0;
  if (!exists) return;
  const specs = (await db.collection(from).listIndexes().toArray()).filter((ix) => ix.name !== '_id_');
  if (specs.length === 0) return;
  await db.collection(to).createIndexes(
    specs.map((ix) => {
      const {
        key,
        name,
        v: _v,
        ns: _ns,
        ...options
      } = ix as { key: Record<string, 1 | -1>; name: string; v?: number; ns?: string };
      return { key, name, ...options };
    }),
  );
}
