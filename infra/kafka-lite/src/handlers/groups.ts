import type { Reader, Writer } from '../protocol/codec';
import { Err } from '../protocol/errors';
import { CLUSTER, type RequestContext } from './context';

const GROUP_KEY = 0;

/**
 * FindCoordinator v0–v3: this broker coordinates every group — and answers for transactional ids too, so that
 * a transactional producer reaches InitProducerId and gets a definite refusal there (see initProducerId).
 * A group key needs DESCRIBE on the group, else GROUP_AUTHORIZATION_FAILED.
 */
export function findCoordinator(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const v = ctx.apiVersion;
  const key = r.string();
  const keyType = v >= 1 ? r.int8() : GROUP_KEY;
  r.tags();
  const denied = keyType === GROUP_KEY && !ctx.can('describe', 'group', key);
  if (v >= 1) w.int32(0);
  w.int16(denied ? Err.GROUP_AUTHORIZATION_FAILED : Err.NONE);
  if (v >= 1) w.string(null); // error message
  if (denied) return w.int32(-1).string('').int32(-1).tags();
  return w.int32(ctx.broker.config.nodeId).string(ctx.host).int32(ctx.port).tags();
}

/**
 * JoinGroup v0–v7 (held until the generation completes). v4+ has the MEMBER_ID_REQUIRED round; v0 has no
 * rebalance timeout, so the session timeout serves as one (as in Kafka).
 */
export async function joinGroup(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const v = ctx.apiVersion;
  const groupId = r.string();
  const sessionTimeout = r.int32();
  const rebalanceTimeout = v >= 1 ? r.int32() : sessionTimeout;
  const memberId = r.string();
  if (v >= 5) r.nullableString(); // group instance id: static membership is not supported
  const protocolType = r.string();
  const protocols = r.array((r) => {
    const p = { name: r.string(), metadata: Buffer.from(r.bytes()) };
    r.tags();
    return p;
  });
  r.tags();
  const res = ctx.can('read', 'group', groupId)
    ? await ctx.broker.groups.join({
        groupId,
        sessionTimeout,
        rebalanceTimeout,
        memberId,
        protocolType,
        protocols,
        clientId: ctx.clientId,
        clientHost: ctx.clientHost,
        requireKnownMemberId: v >= 4,
      })
    : {
        error: Err.GROUP_AUTHORIZATION_FAILED,
        generationId: -1,
        protocol: null,
        leaderId: '',
        memberId,
        members: [],
      };
  if (v >= 2) w.int32(0);
  w.int16(res.error).int32(res.generationId);
  if (v >= 7) w.string(res.error === Err.NONE ? protocolType : null).string(res.protocol);
  else w.string(res.protocol ?? '');
  w.string(res.leaderId).string(res.memberId);
  w.array(res.members, (w, m) => {
    if (v >= 5) w.string(m.memberId).string(null).bytes(m.metadata).tags();
    else w.string(m.memberId).bytes(m.metadata);
  });
  return w.tags();
}

/** SyncGroup v0–v5 (held until the leader's assignment arrives; v5 echoes protocol type and name). */
export async function syncGroup(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const v = ctx.apiVersion;
  const groupId = r.string();
  const generation = r.int32();
  const memberId = r.string();
  if (v >= 3) r.nullableString(); // group instance id
  let protocolType: string | null = null;
  let protocolName: string | null = null;
  if (v >= 5) {
    protocolType = r.nullableString();
    protocolName = r.nullableString();
  }
  const assignments = new Map(
    r.array((r) => {
      const a = [r.string(), Buffer.from(r.bytes())] as const;
      r.tags();
      return a;
    }),
  );
  r.tags();
  const res = ctx.can('read', 'group', groupId)
    ? await ctx.broker.groups.sync(groupId, generation, memberId, assignments)
    : { error: Err.GROUP_AUTHORIZATION_FAILED, assignment: Buffer.alloc(0) };
  if (v >= 1) w.int32(0);
  w.int16(res.error);
  if (v >= 5) w.string(protocolType).string(protocolName);
  return w.bytes(res.assignment).tags();
}

/** Heartbeat v0–v4. */
export function heartbeat(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const groupId = r.string();
  const generation = r.int32();
  const memberId = r.string();
  if (ctx.apiVersion >= 3) r.nullableString(); // group instance id
  r.tags();
  const code = ctx.can('read', 'group', groupId)
    ? ctx.broker.groups.heartbeat(groupId, generation, memberId)
    : Err.GROUP_AUTHORIZATION_FAILED;
  if (ctx.apiVersion >= 1) w.int32(0);
  return w.int16(code).tags();
}

/** LeaveGroup v0–v4: one member (v0–v2) or a batch of members, each answered with its own error code (v3+). */
export function leaveGroup(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const v = ctx.apiVersion;
  const groupId = r.string();
  const members =
    v >= 3
      ? r.array((r) => {
          const m = { memberId: r.string(), instanceId: r.nullableString() };
          r.tags();
          return m;
        })
      : [{ memberId: r.string(), instanceId: null }];
  r.tags();
  if (v >= 1) w.int32(0);
  if (!ctx.can('read', 'group', groupId)) {
    w.int16(Err.GROUP_AUTHORIZATION_FAILED);
    if (v >= 3) w.array([], () => undefined);
    return w.tags();
  }
  const codes = members.map((m) => ctx.broker.groups.leave(groupId, m.memberId));
  if (v < 3) return w.int16(codes[0] ?? Err.NONE);
  w.int16(Err.NONE);
  w.array(members, (w, m) =>
    w
      .string(m.memberId)
      .string(m.instanceId)
      .int16(codes[members.indexOf(m)] ?? 0)
      .tags(),
  );
  return w.tags();
}

/**
 * DescribeGroups v2–v5. Unknown groups are reported as Dead (as Kafka does); offset-only groups as Empty. A group
 * the principal may not describe answers GROUP_AUTHORIZATION_FAILED.
 */
export function describeGroups(ctx: RequestContext, r: Reader, w: Writer): Writer {
  const v = ctx.apiVersion;
  const ids = r.array((r) => r.string());
  if (v >= 3) r.bool(); // include authorized operations
  r.tags();
  w.int32(0);
  const end = (w: Writer) => {
    if (v >= 3) w.int32(-2147483648); // authorized operations: not computed
    w.tags();
  };
  w.array(ids, (w, id) => {
    const g = ctx.broker.groups.group(id);
    if (!ctx.can('describe', 'group', id) || !g) {
      const denied = !ctx.can('describe', 'group', id);
      const state = denied ? '' : ctx.broker.meta.hasGroup(id) ? 'Empty' : 'Dead';
      w.int16(denied ? Err.GROUP_AUTHORIZATION_FAILED : Err.NONE)
        .string(id)
        .string(state)
        .string(state === 'Empty' ? 'consumer' : '')
        .string('')
        .array([], () => undefined);
      return end(w);
    }
    w.int16(Err.NONE)
      .string(id)
      .string(g.state)
      .string(g.protocolType ?? '')
      .string(g.protocol ?? '');
    w.array([...g.members.values()], (w, m) => {
      w.string(m.id);
      if (v >= 4) w.string(null);
      w.string(m.clientId).string(m.clientHost).bytes(g.metadataFor(m)).bytes(m.assignment).tags();
    });
    end(w);
  });
  return w.tags();
}

/** ListGroups v2–v3: groups with members or committed offsets, filtered to those the principal may describe. */
export function listGroups(ctx: RequestContext, r: Reader, w: Writer): Writer {
  r.tags();
  const live = ctx.broker.groups.allGroups().filter((g) => g.members.size > 0 || g.generation > 0);
  const types = new Map(live.map((g) => [g.id, g.protocolType ?? 'consumer']));
  for (const id of ctx.broker.meta.groupsWithOffsets()) if (!types.has(id)) types.set(id, 'consumer');
  const visible = [...types].filter(([id]) => ctx.can('describe', 'group', id));
  return w
    .int32(0)
    .int16(Err.NONE)
    .array(visible, (w, [id, type]) => w.string(id).string(type).tags())
    .tags();
}

/**
 * InitProducerId v0–v4 for idempotent producers. A transactional id is refused with INVALID_REQUEST, which kafkajs
 * reports as a request "sent to an incompatible broker" — transactions fail at once instead of half-working.
 * With ACLs, IDEMPOTENT_WRITE on the cluster or WRITE on some topic is needed (KIP-679), else
 * CLUSTER_AUTHORIZATION_FAILED.
 */
export async function initProducerId(ctx: RequestContext, r: Reader, w: Writer): Promise<Writer> {
  const transactionalId = r.nullableString();
  r.int32(); // transaction timeout
  if (ctx.apiVersion >= 3) {
    r.int64(); // producer id (epoch bump of an existing producer: a new id is as good here)
    r.int16(); // producer epoch
  }
  r.tags();
  const refuse = (code: number) => w.int32(0).int16(code).int64(-1).int16(-1).tags();
  if (transactionalId !== null) return refuse(Err.INVALID_REQUEST);
  if (!ctx.can('idempotentWrite', 'cluster', CLUSTER) && !ctx.canAnyTopic('write')) {
    return refuse(Err.CLUSTER_AUTHORIZATION_FAILED);
  }
  let seen = -1;
  for (const name of ctx.broker.topics.names())
    for (const p of ctx.broker.topics.get(name)?.partitions ?? [])
      seen = Math.max(seen, p.producers.maxProducerId());
  const id = await ctx.broker.meta.allocateProducerId(seen + 1);
  return w.int32(0).int16(Err.NONE).int64(id).int16(0).tags();
}
