import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppendFile } from './append-file';

export interface Committed {
  offset: number;
  metadata: string | null;
}

export interface CommitEntry extends Committed {
  topic: string;
  partition: number;
}

type JournalRecord =
  | { k: 'offset'; g: string; t: string; p: number; o: number; m: string | null }
  | { k: 'pid'; n: number }
  | { k: 'dropTopic'; t: string };

/**
 * Committed group offsets and the producer-id counter. With a data dir every change is a JSON line in
 * `state.jsonl`, fsynced before it is acknowledged; on open the journal is replayed (a torn last line is
 * ignored) and rewritten compactly.
 */
export class MetaStore {
  private readonly offsets = new Map<string, Map<string, Map<number, Committed>>>();
  private nextPid = 1000;

  private constructor(private journal: AppendFile | undefined) {}

  static async open(dataDir: string | undefined, fsync: boolean): Promise<MetaStore> {
    if (!dataDir) return new MetaStore(undefined);
    const path = join(dataDir, 'state.jsonl');
    const store = new MetaStore(undefined);
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let rec: JournalRecord;
      try {
        rec = JSON.parse(line) as JournalRecord;
      } catch {
        break; // a torn final line from a crash mid-write: everything before it is intact
      }
      store.apply(rec);
    }
    const tmp = `${path}.compact`;
    const fh = await open(tmp, 'w');
    await fh.writeFile(
      store
        .snapshot()
        .map((r) => JSON.stringify(r) + '\n')
        .join(''),
    );
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    store.journal = new AppendFile(await open(path, 'a'), fsync);
    return store;
  }

  private apply(rec: JournalRecord): void {
    if (rec.k === 'pid') this.nextPid = Math.max(this.nextPid, rec.n);
    else if (rec.k === 'dropTopic') for (const g of this.offsets.values()) g.delete(rec.t);
    else this.set(rec.g, rec.t, rec.p, { offset: rec.o, metadata: rec.m });
  }

  private set(group: string, topic: string, partition: number, c: Committed): void {
    let g = this.offsets.get(group);
    if (!g) this.offsets.set(group, (g = new Map()));
    let t = g.get(topic);
    if (!t) g.set(topic, (t = new Map()));
    t.set(partition, c);
  }

  private snapshot(): JournalRecord[] {
    const out: JournalRecord[] = [{ k: 'pid', n: this.nextPid }];
    for (const [g, topics] of this.offsets)
      for (const [t, parts] of topics)
        for (const [p, c] of parts) out.push({ k: 'offset', g, t, p, o: c.offset, m: c.metadata });
    return out;
  }

  private write(records: JournalRecord[]): Promise<void> {
    if (!this.journal) return Promise.resolve();
    return this.journal.append(Buffer.from(records.map((r) => JSON.stringify(r) + '\n').join('')));
  }

  /** Applies the commits at once (later fetches see them) and resolves when they are durable. */
  commit(group: string, entries: CommitEntry[]): Promise<void> {
    for (const e of entries)
      this.set(group, e.topic, e.partition, { offset: e.offset, metadata: e.metadata });
    return this.write(
      entries.map((e) => ({ k: 'offset', g: group, t: e.topic, p: e.partition, o: e.offset, m: e.metadata })),
    );
  }

  committed(group: string, topic: string, partition: number): Committed | undefined {
    return this.offsets.get(group)?.get(topic)?.get(partition);
  }

  /** Every (topic, partition) with a committed offset for the group. */
  committedTopics(group: string): Map<string, Map<number, Committed>> {
    return this.offsets.get(group) ?? new Map();
  }

  hasGroup(group: string): boolean {
    return this.offsets.has(group);
  }

  groupsWithOffsets(): string[] {
    return [...this.offsets.keys()];
  }

  async dropTopic(topic: string): Promise<void> {
    for (const g of this.offsets.values()) g.delete(topic);
    await this.write([{ k: 'dropTopic', t: topic }]);
  }

  /** Reserves a producer id; with a data dir the counter is durable so ids are never reissued. */
  async allocateProducerId(atLeast: number): Promise<number> {
    const id = Math.max(this.nextPid, atLeast);
    this.nextPid = id + 1;
    await this.write([{ k: 'pid', n: this.nextPid }]);
    return id;
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}
