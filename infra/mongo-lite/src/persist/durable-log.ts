import { calculateObjectSize } from 'bson';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine, LogOp } from '../engine/engine';
import { decodeRecords, encodeRecord, type LogRecord } from './records';
import { applyLogOp, snapshotOps } from './replay';

const LOG_FILE = 'oplog.bin';
const SNAPSHOT_FILE = 'snapshot.bin';
/** Records are split below this payload size to stay under BSON's 16 MB document limit. */
const RECORD_BYTES = 8 * 1024 * 1024;

export interface DurableLogOptions {
  dir: string;
  /**
   * Compact into a snapshot once the log exceeds this many bytes (default 64 MB) and the snapshot's size: the
   * snapshot holds the whole state, so rewriting it after every 64 MB written would cost a province-size store
   * (3.3 GB) half a minute per 64 MB; growing the threshold with it keeps the cost in proportion to what is
   * written, as Redis' AOF rewrite does.
   */
  compactBytes?: number;
  log: (line: string) => void;
}

interface Waiter {
  buf: Buffer;
  done: () => void;
  fail: (e: Error) => void;
}

/**
 * Append-only log of committed changes with group commit: records queued while an fsync is in flight are
 * written and synced together, and every caller is acknowledged only after its bytes are on disk.
 */
export class DurableLog {
  private fd = -1;
  private seq = 0;
  private size = 0;
  private queue: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private readonly compactBytes: number;
  /** Bytes of the last snapshot written or read (the state's size, nearly). */
  private snapshotBytes = 0;

  private constructor(
    private readonly opts: DurableLogOptions,
    private readonly engine: Engine,
  ) {
    this.compactBytes = opts.compactBytes ?? 64 * 1024 * 1024;
  }

  /** Loads snapshot and log into the engine, discarding a torn tail, and opens the log for appending. */
  static open(opts: DurableLogOptions, engine: Engine): DurableLog {
    fs.mkdirSync(opts.dir, { recursive: true });
    const d = new DurableLog(opts, engine);
    d.recover();
    return d;
  }

  private file(name: string): string {
    return path.join(this.opts.dir, name);
  }

  private recover(): void {
    let snapshotSeq = 0;
    const snapPath = this.file(SNAPSHOT_FILE);
    if (fs.existsSync(snapPath)) {
      const buf = fs.readFileSync(snapPath);
      this.snapshotBytes = buf.length;
      const { records, validBytes } = decodeRecords(buf);
      if (validBytes !== buf.length)
        throw new Error(`mongo-lite: snapshot ${snapPath} is corrupt at byte ${validBytes}`);
      for (const r of records) {
        snapshotSeq = Math.max(snapshotSeq, r.seq);
        for (const op of r.ops) applyLogOp(this.engine, op);
      }
    }
    const logPath = this.file(LOG_FILE);
    const buf = fs.existsSync(logPath) ? fs.readFileSync(logPath) : Buffer.alloc(0);
    const { records, validBytes } = decodeRecords(buf);
    let replayed = 0;
    for (const r of records) {
      if (r.seq <= snapshotSeq) continue;
      for (const op of r.ops) applyLogOp(this.engine, op);
      replayed++;
    }
    this.seq = Math.max(snapshotSeq, records.at(-1)?.seq ?? 0);
    this.fd = fs.openSync(logPath, 'a+');
    if (validBytes < buf.length) {
      this.opts.log(
        `mongo-lite: discarded ${buf.length - validBytes} bytes of torn or corrupt log tail in ${logPath}`,
      );
      fs.ftruncateSync(this.fd, validBytes);
      fs.fsyncSync(this.fd);
    }
    this.size = validBytes;
    this.opts.log(
      `mongo-lite: recovered ${replayed} log records over snapshot seq ${snapshotSeq} from ${this.opts.dir}`,
    );
    if (this.dueForCompaction()) this.compact();
  }

  private dueForCompaction(): boolean {
    return this.size > Math.max(this.compactBytes, this.snapshotBytes);
  }

  /** Queues the changes (numbering them now, in apply order) and resolves once they are fsynced. */
  append(ops: LogOp[]): Promise<void> {
    const bufs = this.encode(ops);
    return new Promise<void>((done, fail) => {
      this.queue.push({ buf: bufs.length === 1 ? (bufs[0] as Buffer) : Buffer.concat(bufs), done, fail });
      this.flushing ??= this.flush();
    });
  }

  /**
   * One record per call; a batch too large for one BSON document (16 MB) is split in halves, which gives up
   * all-or-nothing only for such oversized batches.
   */
  private encode(ops: LogOp[]): Buffer[] {
    let buf: Buffer | undefined;
    try {
      buf = encodeRecord({ seq: this.seq + 1, ops });
    } catch (err) {
      if (ops.length < 2) throw err;
    }
    if (buf && buf.length <= RECORD_BYTES * 2) {
      this.seq++;
      return [buf];
    }
    const mid = Math.ceil(ops.length / 2);
    return [...this.encode(ops.slice(0, mid)), ...this.encode(ops.slice(mid))];
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const data = Buffer.concat(batch.map((w) => w.buf));
        await writeAll(this.fd, data);
        await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
        this.size += data.length;
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.fail(err as Error);
      }
      if (this.dueForCompaction() && this.queue.length === 0) this.compact();
    }
    this.flushing = undefined;
  }

  /**
   * Writes the whole state to a new snapshot (temp file, fsync, rename) and empties the log. Synchronous, so
   * the state captured is exactly what every numbered record so far describes.
   */
  compact(): void {
    const started = performance.now();
    const logBytes = this.size;
    const snapSeq = this.seq;
    const tmp = this.file(`${SNAPSHOT_FILE}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    let batch: LogOp[] = [];
    let bytes = 0;
    let written = 0;
    const emit = (): void => {
      written += fs.writeSync(fd, encodeRecord({ seq: snapSeq, ops: batch } as LogRecord));
      batch = [];
      bytes = 0;
    };
    for (const op of snapshotOps(this.engine)) {
      const size = calculateObjectSize(op);
      if (bytes + size > RECORD_BYTES && batch.length > 0) emit();
      batch.push(op);
      bytes += size;
    }
    emit();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file(SNAPSHOT_FILE));
    syncDir(this.opts.dir);
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.size = 0;
    this.snapshotBytes = written;
    this.opts.log(
      `mongo-lite: compacted a ${logBytes}-byte log into a ${written}-byte snapshot in ${Math.round(performance.now() - started)} ms`,
    );
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

function writeAll(fd: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number): void => {
      fs.write(fd, data, off, data.length - off, null, (err, n) => {
        if (err) return reject(err);
        if (off + n < data.length) step(off + n);
        else resolve();
      });
    };
    step(0);
  });
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}
