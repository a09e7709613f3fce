import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import type { RequestContext } from './context';

/**
 * FindCoordinator v2: this broker coordinates every group — and answers for transactional ids too, so that
 * a transactional producer reaches InitProducerId and gets a definite refusal there (see initProducerId).
 */
export function findCoordinator(ctx: RequestContext, r: Reader, w: Writer): Writer {
  r.string(); // key
  r.int8(); // key type
  w.int32(0);
  return w.int16(Err.NONE).string(null).int32(ctx.broker.config.nodeId).string(ctx.host).int32(ctx.port);
}

/** JoinGroup v5 (held until the generation completes). */
export async function joinGroup(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const groupId = r.string();
  const sessionTimeout = r.int32();
  const rebalanceTimeout = r.int32();
  const memberId = r.string();
  r.nullableString(); // group instance id: static membership is not supported
  const protocolType = r.string();
  const protocols = r.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) }));
  const res = await ctx.broker.groups.join({
    groupId,
    sessionTimeout,
    rebalanceTimeout,
    memberId,
    protocolType,
    protocols,
    clientId: ctx.clientId,
    clientHost: ctx.clientHost,
  });
  w.int32(0)
    .int16(res.error)
    .int32(res.generationId)
    .string(res.protocol ?? '')
    .string(res.leaderId);
  w.string(res.memberId);
  return w.array(res.members, (w, m) => w.string(m.memberId).string(null).bytes(m.metadata));
}

/** SyncGroup v3 (held until the leader's assignment arrives). */
export async function syncGroup(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const groupId = r.string();
  const generation = r.int32();
  const memberId = r.string();
  r.nullableString(); // group instance id
  const assignments = new Map(r.array((r) => [r.string(), Buffer.from(r.bytes())] as const));
  const res = await ctx.broker.groups.sync(groupId, generation, memberId, assignments);
  return w.int32(0).int16(res.error).bytes(res.assignment);
}

export function heartbeat(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const groupId = r.string();
  const generation = r.int32();
  const memberId = r.string();
  r.nullableString(); // group instance id
  return w.int32(0).int16(ctx.broker.groups.heartbeat(groupId, generation, memberId));
}

/** LeaveGroup v3: a batch of members, each answered with its own error code. */
export function leaveGroup(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const groupId = r.string();
  const members = r.array((r) => ({ memberId: r.string(), instanceId: r.nullableString() }));
  const codes = members.map((m) => ctx.broker.groups.leave(groupId, m.memberId));
  w.int32(0).int16(Err.NONE);
  return w.array(members, (w, m) =>
    w
      .string(m.memberId)
      .string(m.instanceId)
      .int16(codes[members.indexOf(m)] ?? 0),
  );
}

/** DescribeGroups v2. Unknown groups are reported as Dead (as Kafka does); offset-only groups as Empty. */
export function describeGroups(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const ids = r.array((r) => r.string());
  w.int32(0);
  return w.array(ids, (w, id) => {
    const g = ctx.broker.groups.group(id);
    if (!g) {
      const state = ctx.broker.meta.hasGroup(id) ? 'Empty' : 'Dead';
      return void w
        .int16(Err.NONE)
        .string(id)
        .string(state)
        .string(state === 'Empty' ? 'consumer' : '')
        .string('')
        .int32(0);
    }
    w.int16(Err.NONE)
      .string(id)
      .string(g.state)
      .string(g.protocolType ?? '')
      .string(g.protocol ?? '');
    w.array([...g.members.values()], (w, m) =>
      w.string(m.id).string(m.clientId).string(m.clientHost).bytes(g.metadataFor(m)).bytes(m.assignment),
    );
  });
}

/** ListGroups v2: groups with members or committed offsets. */
export function listGroups(ctx: RequestContext, _r: Reader, w: Writer): Writer {
  const live = ctx.broker.groups.allGroups().filter((g) => g.members.size > 0 || g.generation > 0);
  const types = new Map(live.map((g) => [g.id, g.protocolType ?? 'consumer']));
  for (const id of ctx.broker.meta.groupsWithOffsets()) if (!types.has(id)) types.set(id, 'consumer');
  return w
    .int32(0)
    .int16(Err.NONE)
    .array([...types], (w, [id, type]) => w.string(id).string(type));
}

/**
 * InitProducerId v1 for idempotent producers. A transactional id is refused with INVALID_REQUEST, which kafkajs
 * reports as a request "sent to an incompatible broker" — transactions fail at once instead of half-working.
 */
export async function initProducerId(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const transactionalId = r.nullableString();
  r.int32(); // transaction timeout
  if (transactionalId !== null) return w.int32(0).int16(Err.INVALID_REQUEST).int64(-1).int16(-1);
  let seen = -1;
  for (const name of ctx.broker.topics.names())
    for (const p of ctx.broker.topics.get(name)?.partitions ?? [])
      seen = Math.max(seen, p.producers.maxProducerId());
  const id = await ctx.broker.meta.allocateProducerId(seen + 1);
  return w.int32(0).int16(Err.NONE).int64(id).int16(0);
}
