import { Long } from 'bson';
import { MongoLiteError } from '../errors';
import type { Doc } from '../engine/values';
import { encodeDoc } from '../wire/bson-bytes';

const DEFAULT_FIRST_BATCH = 101;
/** Replies stay well under maxMessageSizeBytes: a batch ends after about 16 MB of documents. */
const BATCH_BYTES = 16 * 1024 * 1024;
const IDLE_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Doc[];
  pos: number;
  touched: number;
  /** The authenticated user that opened it (`db.user`), when authentication is on. */
  owner?: string;
}

/** Results not returned in the first batch wait here for getMore; idle cursors expire. */
export class CursorStore {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1000 + Math.floor(Math.random() * 1e6);

  constructor(private readonly now: () => number) {}

  /** Builds the `{ cursor: { firstBatch, id, ns } }` reply and keeps the rest when the batch does not hold it all. */
  first(ns: string, docs: Doc[], batchSize?: number, single = false): Doc {
    const c: OpenCursor = { ns, docs, pos: 0, touched: this.now() };
    const batch = this.take(c, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (c.pos < docs.length && !single) {
      id = this.nextId++;
      this.open.set(id, c);
    }
    return { cursor: { firstBatch: batch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  more(id: number, ns: string, batchSize?: number): Doc {
    const c = this.open.get(id);
    if (!c) throw new MongoLiteError(43, 'CursorNotFound', `cursor id ${id} not found`);
    if (c.ns !== ns)
      throw new MongoLiteError(
        13,
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`,
      );
    c.touched = this.now();
    const batch = this.take(c, batchSize || Infinity);
    const done = c.pos >= c.docs.length;
    if (done) this.open.delete(id);
    return { cursor: { nextBatch: batch, id: Long.fromNumber(done ? 0 : id), ns }, ok: 1 };
  }

  /** Records which user opened the cursor: only that user may continue or kill it. */
  claim(id: number, owner: string): void {
    const c = this.open.get(id);
    if (c) c.owner = owner;
  }

  ownerOf(id: number): string | undefined {
    return this.open.get(id)?.owner;
  }

  kill(ids: number[]): Doc {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** Drops cursors idle longer than the server's 10-minute timeout. */
  sweep(): void {
    const limit = this.now() - IDLE_MS;
    for (const [id, c] of this.open) if (c.touched < limit) this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  private take(c: OpenCursor, count: number): Doc[] {
    const out: Doc[] = [];
    let bytes = 0;
    while (c.pos < c.docs.length && out.length < count) {
      const d = c.docs[c.pos] as Doc;
      // Encoded once here and copied into the reply (see wire/bson-bytes).
      bytes += encodeDoc(d).length;
      if (out.length > 0 && bytes > BATCH_BYTES) break;
      out.push(d);
      c.pos++;
    }
    return out;
  }
}
