import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PartitionLog } from './partition-log';

export interface Topic {
  name: string;
  partitions: PartitionLog[];
}

const VALID_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function isValidTopicName(name: string): boolean {
  return VALID_NAME.test(name) && name !== '.' && name !== '..';
}

/** All topics. With a data dir each lives in `topics/<name>/` as `meta.json` plus one `<partition>.log`. */
export class TopicStore {
  private readonly topics = new Map<string, Topic>();
  private readonly creating = new Map<string, Promise<Topic>>();

  private constructor(
    private readonly dataDir: string | undefined,
    private readonly fsync: boolean,
  ) {}

  static async open(dataDir: string | undefined, fsync: boolean): Promise<TopicStore> {
    const store = new TopicStore(dataDir, fsync);
    if (!dataDir) return store;
    const root = join(dataDir, 'topics');
    await mkdir(root, { recursive: true });
    for (const name of await readdir(root)) {
      const meta = await readFile(join(root, name, 'meta.json'), 'utf8').catch(() => undefined);
      if (meta === undefined) continue; // creation interrupted before meta.json: the topic never existed
      const { partitions } = JSON.parse(meta) as { partitions: number };
      store.topics.set(name, await store.openTopic(name, partitions));
    }
    return store;
  }

  private async openTopic(name: string, count: number): Promise<Topic> {
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < count; p++) {
      partitions.push(
        this.dataDir
          ? await PartitionLog.openFile(join(this.dataDir, 'topics', name, `${p}.log`), this.fsync)
          : PartitionLog.inMemory(),
      );
    }
    return { name, partitions };
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  names(): string[] {
    return [...this.topics.keys()].sort();
  }

  /** Creates a topic; concurrent creations of one name share a single result. */
  async create(name: string, partitions: number): Promise<Topic> {
    const existing = this.topics.get(name) ?? (await this.creating.get(name));
    if (existing) return existing;
    const pending = this.doCreate(name, partitions);
    this.creating.set(name, pending);
    try {
      return await pending;
    } finally {
      this.creating.delete(name);
    }
  }

  isBeingCreated(name: string): boolean {
    return this.creating.has(name);
  }

  private async doCreate(name: string, partitions: number): Promise<Topic> {
    if (this.dataDir) {
      const dir = join(this.dataDir, 'topics', name);
      await mkdir(dir, { recursive: true });
      const topic = await this.openTopic(name, partitions);
      // meta.json last: a crash before it leaves a directory that open() ignores.
      await writeFile(join(dir, 'meta.json'), JSON.stringify({ partitions }));
      this.topics.set(name, topic);
      return topic;
    }
    const topic = await this.openTopic(name, partitions);
    this.topics.set(name, topic);
    return topic;
  }

  async delete(name: string): Promise<boolean> {
    const topic = this.topics.get(name);
    if (!topic) return false;
    this.topics.delete(name);
    await Promise.all(topic.partitions.map((p) => p.close()));
    if (this.dataDir) await rm(join(this.dataDir, 'topics', name), { recursive: true, force: true });
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([...this.topics.values()].flatMap((t) => t.partitions.map((p) => p.close())));
  }
}
