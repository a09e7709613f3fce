import { open, readFile, truncate } from 'node:fs/promises';
import { BATCH, checkBatch, firstOffsetAtOrAfter, type BatchInfo } from '../protocol/record-batch';
import { AppendFile } from './append-file';
import { ProducerStateTable } from './producer-state';

export interface StoredBatch {
  base: number;
  last: number;
  maxTimestamp: number;
  buf: Buffer;
}

export interface AppendResult {
  baseOffset: number;
  /** Resolves once the batch is visible to consumers (and, with a data dir, on stable storage). */
  visible: Promise<void>;
}

/**
 * One partition: its batches in memory (for fast fetches), optionally mirrored to an append-only file.
 * Offsets are assigned on arrival; the high watermark advances only when the bytes are durable, so a consumer
 * never sees — and never commits past — a message that a crash could lose.
 */
export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  readonly producers = new ProducerStateTable();
  logEnd = 0;
  highWatermark = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly file: AppendFile | undefined) {}

  static inMemory(): PartitionLog {
    return new PartitionLog(undefined);
  }

  /** Opens (creating if needed) a partition file, replaying valid batches and cutting off a torn tail. */
  static async openFile(path: string, fsync: boolean): Promise<PartitionLog> {
    const content = await readFile(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return Buffer.alloc(0);
      throw e;
    });
    const replayed: StoredBatch[] = [];
    const infos: BatchInfo[] = [];
    let pos = 0;
    while (pos < content.length) {
      const check = checkBatch(content, pos);
      if (!check.ok) break;
      const base = Number(content.readBigInt64BE(pos + BATCH.baseOffset));
      const buf = content.subarray(pos, pos + check.size);
      replayed.push({
        base,
        last: base + check.info.lastOffsetDelta,
        maxTimestamp: check.info.maxTimestamp,
        buf,
      });
      infos.push(check.info);
      pos += check.size;
    }
    if (pos < content.length) await truncate(path, pos);
    const log = new PartitionLog(new AppendFile(await open(path, 'a'), fsync));
    replayed.forEach((b, i) => {
      log.batches.push(b);
      log.producers.record(infos[i] as BatchInfo, b.base);
    });
    const tail = replayed[replayed.length - 1];
    log.logEnd = tail ? tail.last + 1 : 0;
    log.highWatermark = log.logEnd;
    return log;
  }

  /** Appends one validated batch (its bytes are patched in place with the assigned base offset). */
  append(batch: Buffer, info: BatchInfo): AppendResult {
    const base = this.logEnd;
    batch.writeBigInt64BE(BigInt(base), BATCH.baseOffset);
    const stored = { base, last: base + info.lastOffsetDelta, maxTimestamp: info.maxTimestamp, buf: batch };
    this.batches.push(stored);
    this.logEnd = stored.last + 1;
    this.producers.record(info, base);
    const end = this.logEnd;
    const visible = this.file ? this.file.append(batch).then(() => this.advance(end)) : this.advanceNow(end);
    return { baseOffset: base, visible };
  }

  private advanceNow(end: number): Promise<void> {
    this.advance(end);
    return Promise.resolve();
  }

  private advance(end: number): void {
    if (end <= this.highWatermark) return;
    this.highWatermark = end;
    for (const l of [...this.listeners]) l();
  }

  /** Calls `listener` whenever the high watermark moves; returns the unsubscribe function. */
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Index of the first batch whose last offset is ≥ `offset`. */
  private indexFor(offset: number): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.batches[mid] as StoredBatch).last < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Whole visible batches from `offset`, up to `maxBytes` — but at least one batch when `atLeastOne`, so a
   * batch larger than the limit cannot stall a consumer (as Kafka does since KIP-74).
   */
  read(offset: number, maxBytes: number, atLeastOne: boolean): { chunks: Buffer[]; bytes: number } {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for (let i = this.indexFor(offset); i < this.batches.length; i++) {
      const b = this.batches[i] as StoredBatch;
      if (b.base >= this.highWatermark) break;
      if (bytes + b.buf.length > maxBytes && !(atLeastOne && chunks.length === 0)) break;
      chunks.push(b.buf);
      bytes += b.buf.length;
    }
    return { chunks, bytes };
  }

  /** Offset of the first visible record with timestamp ≥ ts, or undefined if none. */
  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | undefined {
    for (const b of this.batches) {
      if (b.base >= this.highWatermark) break;
      if (b.maxTimestamp < ts) continue;
      const found = firstOffsetAtOrAfter(b.buf, b.base, ts);
      if (found) return found;
    }
    return undefined;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.file?.close();
  }
}
