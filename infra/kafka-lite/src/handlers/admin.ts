import { SUPPORTED } from '../protocol/api-keys';
import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import { isValidTopicName } from '../log/topic-store';
import type { RequestContext } from './context';

/**
 * ApiVersions v0–v3: the advertised table; v1+ append throttle_time_ms; v3 is flexible (its request carries the
 * client software name and version, which are not needed here).
 */
export function apiVersions(ctx: RequestContext, _r: Reader, w: Writer): Writer {
  w.int16(Err.NONE).array([...SUPPORTED], (w, [key, [min, max]]) =>
    w.int16(key).int16(min).int16(max).tags(),
  );
  if (ctx.apiVersion >= 1) w.int32(0);
  return w.tags();
}

/** Metadata v6: one broker (this one) leading every partition. */
export async function metadata(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const requested = r.nullableArray((r) => r.string());
  const allowAuto = r.bool();
  const names = requested ?? ctx.broker.topics.names();
  const topics = [];
  for (const name of names) topics.push({ name, topic: await ctx.broker.topicFor(name, allowAuto) });
  const id = ctx.broker.config.nodeId;
  w.int32(0)
    .array([id], (w, id) => w.int32(id).string(ctx.host).int32(ctx.port).string(null))
    .string('kafka-lite')
    .int32(id);
  return w.array(topics, (w, { name, topic }) => {
    w.int16(
      topic
        ? Err.NONE
        : isValidTopicName(name)
          ? Err.UNKNOWN_TOPIC_OR_PARTITION
          : Err.INVALID_TOPIC_EXCEPTION,
    )
      .string(name)
      .bool(false)
      .array(topic ? topic.partitions.map((_, i) => i) : [], (w, p) =>
        w
          .int16(Err.NONE)
          .int32(p)
          .int32(id)
          .array([id], (w, n) => w.int32(n))
          .array([id], (w, n) => w.int32(n))
          .int32(0),
      );
  });
}

interface CreateTopic {
  name: string;
  partitions: number;
  replication: number;
  assignments: number;
}

/** CreateTopics v3. Replica assignments and configs are read and ignored (there is one broker). */
export async function createTopics(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const requests = r.array((r): CreateTopic => {
    const t = {
      name: r.string(),
      partitions: r.int32(),
      replication: r.int16(),
      assignments: r.array((r) => [r.int32(), r.array((r) => r.int32())]).length,
    };
    r.array((r) => [r.string(), r.nullableString()]); // configs
    return t;
  });
  r.int32(); // timeout
  const validateOnly = r.bool();
  const results: { name: string; code: number; message: string | null }[] = [];
  for (const t of requests) results.push({ name: t.name, ...(await createOne(ctx, t, validateOnly)) });
  return w.int32(0).array(results, (w, x) => w.string(x.name).int16(x.code).string(x.message));
}

async function createOne(
  ctx: RequestContext,
  t: CreateTopic,
  validateOnly: boolean,
): Promise<{ code: number; message: string | null }> {
  const { topics, config } = ctx.broker;
  if (!isValidTopicName(t.name)) return { code: Err.INVALID_TOPIC_EXCEPTION, message: `invalid topic name` };
  if (topics.get(t.name) || topics.isBeingCreated(t.name)) {
    return { code: Err.TOPIC_ALREADY_EXISTS, message: `topic '${t.name}' already exists` };
  }
  if (t.assignments > 0)
    return { code: Err.INVALID_REQUEST, message: 'replica assignments are not supported' };
  if (t.replication > 1) {
    return {
      code: Err.INVALID_REPLICATION_FACTOR,
      message: 'kafka-lite has one broker: replication factor must be 1',
    };
  }
  const partitions = t.partitions === -1 ? config.defaultPartitions : t.partitions;
  if (partitions < 1 || partitions > 10_000)
    return { code: Err.INVALID_PARTITIONS, message: 'bad partition count' };
  if (!validateOnly) await topics.create(t.name, partitions);
  return { code: Err.NONE, message: null };
}

/** DeleteTopics v1; committed offsets of a deleted topic are dropped with it. */
export async function deleteTopics(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const names = r.array((r) => r.string());
  r.int32(); // timeout
  const results: { name: string; code: number }[] = [];
  for (const name of names) {
    const deleted = await ctx.broker.topics.delete(name);
    if (deleted) await ctx.broker.meta.dropTopic(name);
    results.push({ name, code: deleted ? Err.NONE : Err.UNKNOWN_TOPIC_OR_PARTITION });
  }
  return w.int32(0).array(results, (w, x) => w.string(x.name).int16(x.code));
}
