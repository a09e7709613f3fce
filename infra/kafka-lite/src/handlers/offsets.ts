import type { CommitEntry } from '../log/meta-store';
import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import type { RequestContext } from './context';

const EARLIEST = -2;
const LATEST = -1;

/**
 * ListOffsets v1–v6: earliest (-2), latest (-1) or the first offset at/after a timestamp. DESCRIBE on the topic,
 * else TOPIC_AUTHORIZATION_FAILED (as in Kafka).
 */
export function listOffsets(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const v = ctx.apiVersion;
  r.int32(); // replica id
  if (v >= 2) r.int8(); // isolation level
  const topics = r.array((r) => {
    const name = r.string();
    const partitions = r.array((r) => {
      const partition = r.int32();
      if (v >= 4) r.int32(); // current leader epoch
      const p = { partition, timestamp: r.int64() };
      r.tags();
      return p;
    });
    r.tags();
    return { name, partitions };
  });
  r.tags();
  if (v >= 2) w.int32(0);
  w.array(topics, (w, t) => {
    const allowed = ctx.can('describe', 'topic', t.name);
    const logs = ctx.broker.topics.get(t.name)?.partitions;
    w.string(t.name).array(t.partitions, (w, p) => {
      const log = allowed ? logs?.[p.partition] : undefined;
      let code: number = allowed ? Err.UNKNOWN_TOPIC_OR_PARTITION : Err.TOPIC_AUTHORIZATION_FAILED;
      let found: { offset: number; timestamp: number } | undefined;
      if (log) {
        code = Err.NONE;
        if (p.timestamp === EARLIEST) found = { offset: 0, timestamp: -1 };
        else if (p.timestamp === LATEST) found = { offset: log.highWatermark, timestamp: -1 };
        else found = log.offsetForTimestamp(p.timestamp);
      }
      w.int32(p.partition)
        .int16(code)
        .int64(found?.timestamp ?? -1)
        .int64(found?.offset ?? -1);
      if (v >= 4) w.int32(found ? 0 : -1); // leader epoch
      w.tags();
    });
    w.tags();
  });
  return w.tags();
}

/**
 * OffsetCommit v2–v8: validated against the group's generation, answered once the commit is durable. READ on the
 * group (else every partition GROUP_AUTHORIZATION_FAILED) and on each topic (else TOPIC_AUTHORIZATION_FAILED).
 */
export async function offsetCommit(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const v = ctx.apiVersion;
  const groupId = r.string();
  const generation = r.int32();
  const memberId = r.string();
  if (v <= 4) r.int64(); // retention time
  if (v >= 7) r.nullableString(); // group instance id
  const topics = r.array((r) => {
    const name = r.string();
    const partitions = r.array((r) => {
      const partition = r.int32();
      const offset = r.int64();
      if (v >= 6) r.int32(); // committed leader epoch
      const p = { partition, offset, metadata: r.nullableString() };
      r.tags();
      return p;
    });
    r.tags();
    return { name, partitions };
  });
  r.tags();
  const groupCode = ctx.can('read', 'group', groupId)
    ? ctx.broker.groups.validateCommit(groupId, generation, memberId)
    : Err.GROUP_AUTHORIZATION_FAILED;
  const codes = new Map<string, number>();
  const entries: CommitEntry[] = [];
  for (const t of topics) {
    const logs = ctx.broker.topics.get(t.name)?.partitions;
    const topicCode = ctx.can('read', 'topic', t.name) ? Err.NONE : Err.TOPIC_AUTHORIZATION_FAILED;
    for (const p of t.partitions) {
      const c =
        groupCode !== Err.NONE
          ? groupCode
          : topicCode !== Err.NONE
            ? topicCode
            : logs?.[p.partition]
              ? Err.NONE
              : Err.UNKNOWN_TOPIC_OR_PARTITION;
      codes.set(`${t.name}\0${p.partition}`, c);
      if (c === Err.NONE) entries.push({ topic: t.name, ...p });
    }
  }
  if (entries.length > 0) await ctx.broker.meta.commit(groupId, entries);
  if (v >= 3) w.int32(0); // throttle time
  w.array(topics, (w, t) =>
    w
      .string(t.name)
      .array(t.partitions, (w, p) =>
        w
          .int32(p.partition)
          .int16(codes.get(`${t.name}\0${p.partition}`) ?? 0)
          .tags(),
      )
      .tags(),
  );
  return w.tags();
}

/**
 * OffsetFetch v1–v7; a null topic list (v2+) means every partition the group has committed. DESCRIBE on the group
 * (else GROUP_AUTHORIZATION_FAILED) and on each topic: named topics answer TOPIC_AUTHORIZATION_FAILED, the
 * all-topics form leaves them out (as in Kafka).
 */
export function offsetFetch(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const v = ctx.apiVersion;
  const groupId = r.string();
  const requested = r.nullableArray((r) => {
    const t = { name: r.string(), partitions: r.array((r) => r.int32()) };
    r.tags();
    return t;
  });
  if (v >= 7) r.bool(); // require stable: no transactions, so every commit is stable
  r.tags();
  if (v >= 3) w.int32(0);
  const groupAllowed = ctx.can('describe', 'group', groupId);
  if (!groupAllowed && v >= 2) {
    return w
      .array([], () => undefined)
      .int16(Err.GROUP_AUTHORIZATION_FAILED)
      .tags();
  }
  const meta = ctx.broker.meta;
  const topics =
    requested ??
    [...meta.committedTopics(groupId)]
      .filter(([name]) => ctx.can('describe', 'topic', name))
      .map(([name, parts]) => ({ name, partitions: [...parts.keys()] }));
  w.array(topics, (w, t) => {
    const allowed = ctx.can('describe', 'topic', t.name);
    // v1 has no group-level error: a refused group is reported on each partition.
    const code = !groupAllowed
      ? Err.GROUP_AUTHORIZATION_FAILED
      : allowed
        ? Err.NONE
        : Err.TOPIC_AUTHORIZATION_FAILED;
    w.string(t.name).array(t.partitions, (w, p) => {
      const c = code === Err.NONE ? meta.committed(groupId, t.name, p) : undefined;
      w.int32(p).int64(c?.offset ?? -1);
      if (v >= 5) w.int32(-1); // committed leader epoch
      w.string(c?.metadata ?? '')
        .int16(code)
        .tags();
    });
    w.tags();
  });
  if (v >= 2) w.int16(Err.NONE);
  return w.tags();
}
