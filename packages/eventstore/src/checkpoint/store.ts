import { compareCodePoints } from '../hash/canonical';
import type { StreamHeadEntry } from '../store/event-store';
import { isDuplicateKey, type Collection, type Db } from '../store/mongo-docs';
import type { SignedCheckpoint } from './checkpoint';

/** Where checkpoints and the heads they cover are kept (the service's own database, or memory in tests). */
export interface CheckpointStore {
  /** Clears what an earlier, uncommitted attempt at this id left. */
  begin(id: string): Promise<void>;
  /** Stores the heads of a checkpoint about to be written (in batches; before `commit`). */
  saveHeads(id: string, heads: readonly StreamHeadEntry[]): Promise<void>;
  /** Makes the checkpoint visible; false when another writer took the id first. */
  commit(checkpoint: SignedCheckpoint): Promise<boolean>;
  latest(): Promise<SignedCheckpoint | undefined>;
  /** The heads a checkpoint covers, ascending by stream id. */
  heads(id: string): AsyncIterable<StreamHeadEntry>;
  headOf(id: string, streamId: string): Promise<StreamHeadEntry | undefined>;
  /** Drops the heads of every checkpoint but the newest `keep` ones (and of uncommitted ones). */
  prune(keep: number): Promise<void>;
}

export class MemoryCheckpointStore implements CheckpointStore {
  readonly checkpoints: SignedCheckpoint[] = [];
  /** checkpoint id → stream id → head; exposed so tests can play the attacker. */
  readonly leaves = new Map<string, Map<string, StreamHeadEntry>>();

  async begin(id: string): Promise<void> {
    this.leaves.delete(id);
  }
  async saveHeads(id: string, heads: readonly StreamHeadEntry[]): Promise<void> {
    const map = this.leaves.get(id) ?? new Map<string, StreamHeadEntry>();
    for (const h of heads) map.set(h.streamId, { ...h });
    this.leaves.set(id, map);
  }
  async commit(checkpoint: SignedCheckpoint): Promise<boolean> {
    if (this.checkpoints.some((c) => c.id === checkpoint.id)) return false;
    this.checkpoints.push({ ...checkpoint });
    this.checkpoints.sort((a, b) => (a.id < b.id ? -1 : 1));
    return true;
  }
  async latest(): Promise<SignedCheckpoint | undefined> {
    const last = this.checkpoints[this.checkpoints.length - 1];
    return last && { ...last };
  }
  async *heads(id: string): AsyncIterable<StreamHeadEntry> {
    const map = this.leaves.get(id) ?? new Map<string, StreamHeadEntry>();
    for (const key of [...map.keys()].sort(compareCodePoints)) yield { ...map.get(key)! };
  }
  async headOf(id: string, streamId: string): Promise<StreamHeadEntry | undefined> {
    const h = this.leaves.get(id)?.get(streamId);
    return h && { ...h };
  }
  async prune(keep: number): Promise<void> {
    const oldestKept = this.checkpoints[Math.max(0, this.checkpoints.length - keep)]?.id;
    if (oldestKept === undefined) return;
    for (const id of this.leaves.keys()) if (id < oldestKept) this.leaves.delete(id);
  }
}

interface CheckpointDoc extends SignedCheckpoint {
  _id: string;
}

interface LeafDoc extends StreamHeadEntry {
  _id: string;
  checkpointId: string;
}

/** Collections `checkpoints` and `checkpoint_heads` of the service's database. */
export class MongoCheckpointStore implements CheckpointStore {
  private readonly docs: Collection<CheckpointDoc>;
  private readonly leaves: Collection<LeafDoc>;

  private constructor(db: Db) {
    this.docs = db.collection<CheckpointDoc>('checkpoints');
    this.leaves = db.collection<LeafDoc>('checkpoint_heads');
  }

  static async open(db: Db): Promise<MongoCheckpointStore> {
    const store = new MongoCheckpointStore(db);
    await store.leaves.createIndexes([
      { key: { checkpointId: 1, streamId: 1 }, name: 'checkpoint_stream', unique: true },
    ]);
    return store;
  }

  async begin(id: string): Promise<void> {
    await this.leaves.deleteMany({ checkpointId: id });
  }

  async saveHeads(id: string, heads: readonly StreamHeadEntry[]): Promise<void> {
    if (heads.length === 0) return;
    const docs = heads.map((h) => ({ _id: `${id}/${h.streamId}`, checkpointId: id, ...h }));
    await this.leaves.bulkWrite(
      docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
      { ordered: false },
    );
  }

  async commit(checkpoint: SignedCheckpoint): Promise<boolean> {
    try {
      await this.docs.insertOne({ _id: checkpoint.id, ...checkpoint });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async latest(): Promise<SignedCheckpoint | undefined> {
    const doc = await this.docs.find({}, { sort: { _id: -1 }, limit: 1 }).next();
    if (!doc) return undefined;
    const { _id: _ignored, ...checkpoint } = doc;
    return checkpoint;
  }

  async *heads(id: string): AsyncIterable<StreamHeadEntry> {
    const cursor = this.leaves.find({ checkpointId: id }, { sort: { streamId: 1 } });
    for await (const l of cursor) yield { streamId: l.streamId, version: l.version, hash: l.hash };
  }

  async headOf(id: string, streamId: string): Promise<StreamHeadEntry | undefined> {
    const l = await this.leaves.findOne({ checkpointId: id, streamId });
    return l ? { streamId: l.streamId, version: l.version, hash: l.hash } : undefined;
  }

  async prune(keep: number): Promise<void> {
    // Only below the oldest kept id: a checkpoint another writer is still writing has a greater id.
    const kept = await this.docs
      .find({}, { sort: { _id: -1 }, limit: keep, projection: { _id: 1 } })
      .toArray();
    const oldest = kept[kept.length - 1]?._id;
    if (oldest !== undefined) await this.leaves.deleteMany({ checkpointId: { $lt: oldest } });
  }
}
