import type { FileHandle } from 'node:fs/promises';

interface Pending {
  buf: Buffer;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * An append-only file with group commit: appends that arrive while a write+fdatasync is in flight are
 * written together by the next round, so many producers share one fsync. A promise resolves only once its
 * bytes are on stable storage — that is what lets an acks=-1 answer survive kill -9.
 */
export class AppendFile {
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly fh: FileHandle,
    private readonly fsync: boolean,
  ) {}

  append(buf: Buffer): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ buf, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const round = this.pending;
        this.pending = [];
        try {
          await this.writeAll(round.map((p) => p.buf));
          if (this.fsync) await this.fh.datasync();
          for (const p of round) p.resolve();
        } catch (e) {
          // A failed write leaves the file's tail unknown; refuse further appends rather than guess.
          this.failure = e;
          for (const p of [...round, ...this.pending]) p.reject(e);
          this.pending = [];
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeAll(bufs: Buffer[]): Promise<void> {
    let rest = bufs;
    while (rest.length > 0) {
      const { bytesWritten } = await this.fh.writev(rest);
      let skip = bytesWritten;
      const next: Buffer[] = [];
      for (const b of rest) {
        if (skip >= b.length) skip -= b.length;
        else {
          next.push(skip > 0 ? b.subarray(skip) : b);
          skip = 0;
        }
      }
      rest = next;
    }
  }

  /** Waits for queued appends, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.fh.close();
  }
}
