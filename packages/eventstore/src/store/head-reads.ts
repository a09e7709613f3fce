import type { Collection } from './mongo-docs';
import type { HeadDoc } from './group-commit';

interface Waiting {
  id: string;
  resolve(head: HeadDoc | undefined): void;
  reject(err: unknown): void;
}

/**
 * Head records read for the command path, coalesced: while one `find` is in flight, the streams asked for
 * meanwhile wait and are read together by the next one (`_id: {$in}`), as the group committer does for
 * appends. Idle, a read goes out at once (no added latency); under load one round trip serves many commands
 * (issue 19 §2: the command path's per-command Mongo round trips). A caller never joins a read that started
 * before it asked, so it sees every head committed before its call — what a lone `findOne` would see.
 */
export class HeadReads {
  private waiting: Waiting[] = [];
  private reading = false;

  constructor(private readonly heads: Collection<HeadDoc>) {}

  get(id: string): Promise<HeadDoc | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      if (!this.reading) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.reading = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        await this.read(group);
      }
    } finally {
      this.reading = false;
    }
  }

  private async read(group: Waiting[]): Promise<void> {
    const ids = [...new Set(group.map((w) => w.id))];
    try {
      const found =
        ids.length === 1
          ? [await this.heads.findOne({ _id: ids[0]! })].filter((h): h is HeadDoc => h !== null)
          : await this.heads.find({ _id: { $in: ids } }).toArray();
      const byId = new Map(found.map((h) => [h._id, h]));
      for (const w of group) w.resolve(byId.get(w.id));
    } catch (err) {
      for (const w of group) w.reject(err);
    }
  }
}
