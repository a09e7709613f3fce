import { readAllInBatches, type EventStore } from '../store/event-store';
import type { Collection, Db } from '../store/mongo-docs';
import type { RecordedEvent } from '../types';
import { withRetry } from '../retry';
import {
  loadDocs,
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

  constructor(
    private readonly o: {
      store: Pick<EventStore, 'readAll' | 'readAllBatches'>;
      db: Db;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      projections: ReadonlyArray<StoreProjection<any>>;
      batchSize?: number;
    },
  ) {
    this.catalog = new ProjectionCatalog(o.db);
    this.checkpoints = o.db.collection<CheckpointDoc>('projection_checkpoints');
  }

  /** Creates the indexes and catches up once. */
  async start(): Promise<void> {
    for (const p of this.o.projections) {
      if (p.indexes?.length) await (await this.collection(p.name)).createIndexes([...p.indexes]);
    }
    await this.catchUp();
  }

  /** The live collection of a projection, for queries. */
  collection(name: string): Promise<Collection<AnyDoc>> {
    return this.catalog.live(name);
  }

  /** Applies what the store recorded since the last pass; concurrent calls share one pass at a time. */
  catchUp(): Promise<void> {
    const next = this.running.then(() => this.pass());
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * One read of the store for all projections: from the least advanced checkpoint, each batch goes to every
   * projection whose checkpoint it passes (a rebuild of several projections decoded every event once per
   * projection before). Per batch and projection: one document load, one bulk write, one checkpoint.
   */
  private async pass(): Promise<void> {
    const projections = this.o.projections as ReadonlyArray<StoreProjection<object>>;
    if (projections.length === 0) return;
    const names = projections.map((p) => p.name);
    const saved = await this.checkpoints.find({ _id: { $in: names } }).toArray();
    const positions = names.map((n) => saved.find((c) => c._id === n)?.position ?? 0);
    const targets: Array<Collection<AnyDoc>> = [];
    for (const n of names) targets.push(await this.collection(n));
    const size = this.o.batchSize ?? 500;
    const from = Math.min(...positions);
    for await (const batch of readAllInBatches(this.o.store, { afterPosition: from, batchSize: size })) {
      for (let i = 0; i < projections.length; i++) {
        const events = batch.filter((e) => e.position > positions[i]!);
        if (events.length === 0) continue;
        await this.applyWithRetry(projections[i]!, targets[i]!, events);
        positions[i] = events[events.length - 1]!.position;
        await this.checkpoints.updateOne(
          { _id: names[i]! },
          { $max: { position: positions[i]! } },
          { upsert: true },
        );
      }
    }
  }

  private applyWithRetry(
    p: StoreProjection<object>,
    target: Collection<AnyDoc>,
    events: readonly RecordedEvent[],
  ): Promise<void> {
    // Another process's projector may write the same documents: a lost race is replanned from fresh docs.
    return withRetry(
      () => applyBatch(p, target, events, this.o.db),
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
): Promise<void> {
  const loaded = await loadDocs<object>(
    target,
    events.flatMap((e) => keysOf(p, e)),
  );
  // After the documents: a concurrent writer of a guarded field either ran before this read (the context
  // sees its facts) or changes a loaded document (the guard makes the write a conflict).
  const context = p.context ? await p.context(events, db) : undefined;
  const writes = new Map<string, PendingWrite<object>>();
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
  await writeDocs(target, writes);
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
