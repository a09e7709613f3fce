import { SUPPORTED } from '../protocol/api-keys';
import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import { isValidTopicName, type Topic } from '../log/topic-store';
import { CLUSTER, type RequestContext } from './context';

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

interface MetadataTopic {
  name: string;
  code: number;
  topic: Topic | undefined;
}

/**
 * Metadata v4–v9: one broker (this one) leading every partition. With ACLs, a principal sees only the topics it
 * may describe: a listing of all topics leaves the others out, a topic asked by name is answered with
 * TOPIC_AUTHORIZATION_FAILED, and auto-creation needs CREATE on the cluster or the topic (as in Kafka).
 */
export async function metadata(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const v = ctx.apiVersion;
  const requested = r.nullableArray((r) => {
    const name = r.string();
    r.tags();
    return name;
  });
  const allowAuto = r.bool();
  if (v >= 8) {
    r.bool(); // include cluster authorized operations
    r.bool(); // include topic authorized operations
  }
  r.tags();
  const topics: MetadataTopic[] = [];
  if (requested === null) {
    for (const name of ctx.broker.topics.names())
      if (ctx.can('describe', 'topic', name)) topics.push(await resolveTopic(ctx, name, false));
  } else {
    for (const name of requested) topics.push(await resolveTopic(ctx, name, allowAuto));
  }
  const id = ctx.broker.config.nodeId;
  w.int32(0).array([id], (w, id) => w.int32(id).string(ctx.host).int32(ctx.port).string(null).tags());
  w.string('kafka-lite').int32(id);
  w.array(topics, (w, t) => {
    w.int16(t.code).string(t.name).bool(false);
    w.array(t.topic && t.code === Err.NONE ? t.topic.partitions.map((_, i) => i) : [], (w, p) => {
      w.int16(Err.NONE).int32(p).int32(id);
      if (v >= 7) w.int32(0); // leader epoch
      w.array([id], (w, n) => w.int32(n)).array([id], (w, n) => w.int32(n));
      if (v >= 5) w.array([], () => undefined); // offline replicas
      w.tags();
    });
    if (v >= 8) w.int32(-2147483648); // authorized operations: not requested / not computed
    w.tags();
  });
  if (v >= 8) w.int32(-2147483648);
  return w.tags();
}

async function resolveTopic(ctx: RequestContext, name: string, allowAuto: boolean): Promise<MetadataTopic> {
  if (!ctx.can('describe', 'topic', name)) {
    return { name, code: Err.TOPIC_AUTHORIZATION_FAILED, topic: undefined };
  }
  const mayCreate = ctx.can('create', 'cluster', CLUSTER) || ctx.can('create', 'topic', name);
  if (allowAuto && !mayCreate && !ctx.broker.topics.get(name) && ctx.broker.config.autoCreateTopics) {
    return { name, code: Err.TOPIC_AUTHORIZATION_FAILED, topic: undefined };
  }
  const topic = await ctx.broker.topicFor(name, allowAuto);
  const code = topic
    ? Err.NONE
    : isValidTopicName(name)
      ? Err.UNKNOWN_TOPIC_OR_PARTITION
      : Err.INVALID_TOPIC_EXCEPTION;
  return { name, code, topic };
}

interface CreateTopic {
  name: string;
  partitions: number;
  replication: number;
  assignments: number;
}

interface CreateResult {
  name: string;
  code: number;
  message: string | null;
  partitions: number;
}

/**
 * CreateTopics v2–v5. Replica assignments and configs are read and refused/ignored (there is one broker). Needs
 * CREATE on the cluster or on the topic, else TOPIC_AUTHORIZATION_FAILED for that topic (as in Kafka).
 */
export async function createTopics(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const requests = r.array((r): CreateTopic => {
    const t = {
      name: r.string(),
      partitions: r.int32(),
      replication: r.int16(),
      assignments: r.array((r) => [r.int32(), r.array((r) => r.int32()), r.tags()]).length,
    };
    r.array((r) => [r.string(), r.nullableString(), r.tags()]); // configs
    r.tags();
    return t;
  });
  r.int32(); // timeout
  const validateOnly = r.bool();
  r.tags();
  const clusterCreate = ctx.can('create', 'cluster', CLUSTER);
  const results: CreateResult[] = [];
  for (const t of requests) {
    const allowed = clusterCreate || ctx.can('create', 'topic', t.name);
    const outcome = allowed
      ? await createOne(ctx, t, validateOnly)
      : { code: Err.TOPIC_AUTHORIZATION_FAILED, message: 'Authorization failed.', partitions: -1 };
    results.push({ name: t.name, ...outcome });
  }
  w.int32(0).array(results, (w, x) => {
    w.string(x.name).int16(x.code).string(x.message);
    if (ctx.apiVersion >= 5) {
      const ok = x.code === Err.NONE;
      w.int32(ok ? x.partitions : -1)
        .int16(ok ? 1 : -1)
        .array(ok ? [] : null, () => undefined);
    }
    w.tags();
  });
  return w.tags();
}

async function createOne(
  ctx: RequestContext,
  t: CreateTopic,
  validateOnly: boolean,
): Promise<{ code: number; message: string | null; partitions: number }> {
  const { topics, config } = ctx.broker;
  const fail = (code: number, message: string) => ({ code, message, partitions: -1 });
  if (!isValidTopicName(t.name)) return fail(Err.INVALID_TOPIC_EXCEPTION, `invalid topic name`);
  if (topics.get(t.name) || topics.isBeingCreated(t.name)) {
    return fail(Err.TOPIC_ALREADY_EXISTS, `topic '${t.name}' already exists`);
  }
  if (t.assignments > 0) return fail(Err.INVALID_REQUEST, 'replica assignments are not supported');
  if (t.replication > 1) {
    return fail(Err.INVALID_REPLICATION_FACTOR, 'kafka-lite has one broker: replication factor must be 1');
  }
  const partitions = t.partitions === -1 ? config.defaultPartitions : t.partitions;
  if (partitions < 1 || partitions > 10_000) return fail(Err.INVALID_PARTITIONS, 'bad partition count');
  if (!validateOnly) await topics.create(t.name, partitions);
  return { code: Err.NONE, message: null, partitions };
}

/** DeleteTopics v1–v4 (DELETE on the topic); committed offsets of a deleted topic are dropped with it. */
export async function deleteTopics(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const names = r.array((r) => r.string());
  r.int32(); // timeout
  r.tags();
  const results: { name: string; code: number }[] = [];
  for (const name of names) {
    if (!ctx.can('delete', 'topic', name)) {
      results.push({ name, code: Err.TOPIC_AUTHORIZATION_FAILED });
      continue;
    }
    const deleted = await ctx.broker.topics.delete(name);
    if (deleted) await ctx.broker.meta.dropTopic(name);
    results.push({ name, code: deleted ? Err.NONE : Err.UNKNOWN_TOPIC_OR_PARTITION });
  }
  return w
    .int32(0)
    .array(results, (w, x) => w.string(x.name).int16(x.code).tags())
    .tags();
}
