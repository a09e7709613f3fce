import type { CommitEntry } from '../log/meta-store';
import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import type { RequestContext } from './context';

const EARLIEST = -2;
const LATEST = -1;

/** ListOffsets v3: earliest (-2), latest (-1) or the first offset at/after a timestamp. */
export function listOffsets(ctx: RequestContext, r: Reader, w: Writer): Writer {
  r.int32(); // replica id
  r.int8(); // isolation level
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({ partition: r.int32(), timestamp: r.int64() })),
  }));
  w.int32(0);
  return w.array(topics, (w, t) => {
    const logs = ctx.broker.topics.get(t.name)?.partitions;
    w.string(t.name).array(t.partitions, (w, p) => {
      const log = logs?.[p.partition];
      if (!log) return void w.int32(p.partition).int16(Err.UNKNOWN_TOPIC_OR_PARTITION).int64(-1).int64(-1);
      let found: { offset: number; timestamp: number } | undefined;
      if (p.timestamp === EARLIEST) found = { offset: 0, timestamp: -1 };
      else if (p.timestamp === LATEST) found = { offset: log.highWatermark, timestamp: -1 };
      else found = log.offsetForTimestamp(p.timestamp);
      w.int32(p.partition)
        .int16(Err.NONE)
        .int64(found?.timestamp ?? -1)
        .int64(found?.offset ?? -1);
    });
  });
}

/** OffsetCommit v5: validated against the group's generation, answered once the commit is durable. */
export async function offsetCommit(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const groupId = r.string();
  const generation = r.int32();
  const memberId = r.string();
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({ partition: r.int32(), offset: r.int64(), metadata: r.nullableString() })),
  }));
  const code = ctx.broker.groups.validateCommit(groupId, generation, memberId);
  const codes = new Map<string, number>();
  const entries: CommitEntry[] = [];
  for (const t of topics) {
    const logs = ctx.broker.topics.get(t.name)?.partitions;
    for (const p of t.partitions) {
      const c = code !== Err.NONE ? code : logs?.[p.partition] ? Err.NONE : Err.UNKNOWN_TOPIC_OR_PARTITION;
      codes.set(`${t.name}\0${p.partition}`, c);
      if (c === Err.NONE) entries.push({ topic: t.name, ...p });
    }
  }
  if (entries.length > 0) await ctx.broker.meta.commit(groupId, entries);
  w.int32(0);
  return w.array(topics, (w, t) =>
    w
      .string(t.name)
      .array(t.partitions, (w, p) => w.int32(p.partition).int16(codes.get(`${t.name}\0${p.partition}`) ?? 0)),
  );
}

/** OffsetFetch v4; a null topic list means every partition the group has committed. */
export function offsetFetch(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const groupId = r.string();
  const requested = r.nullableArray((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));
  const meta = ctx.broker.meta;
  const topics =
    requested ??
    [...meta.committedTopics(groupId)].map(([name, parts]) => ({ name, partitions: [...parts.keys()] }));
  w.int32(0);
  w.array(topics, (w, t) =>
    w.string(t.name).array(t.partitions, (w, p) => {
      const c = meta.committed(groupId, t.name, p);
      w.int32(p)
        .int64(c?.offset ?? -1)
        .string(c?.metadata ?? '')
        .int16(Err.NONE);
    }),
  );
  return w.int16(Err.NONE);
}
