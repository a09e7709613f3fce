import { randomUUID } from 'node:crypto';
import { Err, type ErrorCode } from '../protocol/errors';
import { Group, type JoinResult, type Member, type Protocol, type SyncResult } from './group';

export interface JoinRequest {
  groupId: string;
  sessionTimeout: number;
  rebalanceTimeout: number;
  memberId: string;
  protocolType: string;
  protocols: Protocol[];
  clientId: string;
  clientHost: string;
  /**
   * JoinGroup v4+ (KIP-394): a member without an id first gets one with MEMBER_ID_REQUIRED and rejoins with it.
   * Older versions get their id in the join itself. Default true.
   */
  requireKnownMemberId?: boolean;
}

export interface CoordinatorOptions {
  /** Kafka's group.initial.rebalance.delay.ms; 0 here so local tests form groups at once. */
  initialRebalanceDelayMs: number;
  /**
   * Kafka's [group.min.session.timeout.ms, group.max.session.timeout.ms]: a join outside it fails with
   * INVALID_SESSION_TIMEOUT, as on a real broker (found by running the suites on real Kafka). Default: any > 0.
   */
  sessionTimeoutRange?: readonly [number, number];
}

const failedJoin = (error: ErrorCode, memberId: string): JoinResult => ({
  error,
  generationId: -1,
  protocol: null,
  leaderId: '',
  memberId,
  members: [],
});

/**
 * The classic consumer-group protocol state machine: JoinGroup answers are held until every known member has
 * rejoined (or the rebalance timeout drops the laggards); SyncGroup answers are held until the leader sends
 * the assignment; members that stop heartbeating are expired and trigger a rebalance.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: CoordinatorOptions) {}

  group(id: string): Group | undefined {
    return this.groups.get(id);
  }

  allGroups(): Group[] {
    return [...this.groups.values()];
  }

  join(req: JoinRequest): Promise<JoinResult> {
    const [min, max] = this.options.sessionTimeoutRange ?? [1, Number.MAX_SAFE_INTEGER];
    if (req.sessionTimeout < min || req.sessionTimeout > max)
      return Promise.resolve(failedJoin(Err.INVALID_SESSION_TIMEOUT, req.memberId));
    let group = this.groups.get(req.groupId);
    if (!group) this.groups.set(req.groupId, (group = new Group(req.groupId)));
    if (group.members.size > 0 && group.protocolType !== req.protocolType) {
      return Promise.resolve(failedJoin(Err.INCONSISTENT_GROUP_PROTOCOL, req.memberId));
    }
    if (req.memberId === '') {
      const issued = this.issueMemberId(group, req);
      if (req.requireKnownMemberId !== false) return Promise.resolve(issued);
      req = { ...req, memberId: issued.memberId };
    }
    const pending = group.pendingIds.get(req.memberId);
    let member = group.members.get(req.memberId);
    if (!member && pending === undefined)
      return Promise.resolve(failedJoin(Err.UNKNOWN_MEMBER_ID, req.memberId));
    if (pending !== undefined) {
      clearTimeout(pending);
      group.pendingIds.delete(req.memberId);
    }
    if (!member) {
      member = { id: req.memberId, assignment: Buffer.alloc(0) } as Member;
      group.members.set(member.id, member);
    }
    Object.assign(member, {
      clientId: req.clientId,
      clientHost: req.clientHost,
      sessionTimeout: req.sessionTimeout,
      rebalanceTimeout: req.rebalanceTimeout,
      protocols: req.protocols,
    });
    group.protocolType = req.protocolType;
    this.touch(group, member);
    const joined = member;
    const g = group;
    return new Promise((resolve) => {
      joined.joinWaiter?.(failedJoin(Err.REBALANCE_IN_PROGRESS, joined.id));
      joined.joinWaiter = resolve;
      if (g.state !== 'PreparingRebalance') this.prepareRebalance(g);
      this.tryCompleteJoin(g);
    });
  }

  private issueMemberId(group: Group, req: JoinRequest): JoinResult {
    const id = `${req.clientId}-${randomUUID()}`;
    const timer = setTimeout(() => group.pendingIds.delete(id), req.sessionTimeout);
    timer.unref();
    group.pendingIds.set(id, timer);
    return failedJoin(Err.MEMBER_ID_REQUIRED, id);
  }

  private prepareRebalance(group: Group): void {
    const wasEmpty = group.state === 'Empty';
    for (const m of group.members.values()) {
      m.syncWaiter?.({ error: Err.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
      m.syncWaiter = undefined;
    }
    group.state = 'PreparingRebalance';
    const timeout = Math.max(0, ...[...group.members.values()].map((m) => m.rebalanceTimeout ?? 0));
    const delay =
      wasEmpty && this.options.initialRebalanceDelayMs > 0 ? this.options.initialRebalanceDelayMs : timeout;
    clearTimeout(group.rebalanceTimer);
    group.rebalanceTimer = setTimeout(() => this.completeJoin(group), delay);
    group.rebalanceTimer.unref();
    if (wasEmpty && this.options.initialRebalanceDelayMs > 0) group.holdInitial = true;
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance' || group.holdInitial) return;
    for (const m of group.members.values()) if (!m.joinWaiter) return;
    this.completeJoin(group);
  }

  /** Ends the join phase: laggards are dropped, a new generation starts, and every held JoinGroup answers. */
  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    group.holdInitial = false;
    clearTimeout(group.rebalanceTimer);
    for (const m of [...group.members.values()]) if (!m.joinWaiter) this.dropMember(group, m);
    group.generation++;
    const members = [...group.members.values()];
    if (members.length === 0) {
      Object.assign(group, { state: 'Empty', protocol: null, leader: null });
      return;
    }
    const leader = group.members.get(group.leader ?? '') ?? (members[0] as Member);
    const protocol = group.chooseProtocol(leader);
    if (protocol === undefined) {
      for (const m of members) this.answerJoin(m, failedJoin(Err.INCONSISTENT_GROUP_PROTOCOL, m.id));
      for (const m of members) this.dropMember(group, m);
      group.state = 'Empty';
      return;
    }
    Object.assign(group, { state: 'CompletingRebalance', protocol, leader: leader.id });
    const roster = members.map((m) => ({ memberId: m.id, metadata: group.metadataFor(m) }));
    for (const m of members) {
      this.touch(group, m);
      this.answerJoin(m, {
        error: Err.NONE,
        generationId: group.generation,
        protocol,
        leaderId: leader.id,
        memberId: m.id,
        members: m.id === leader.id ? roster : [],
      });
    }
  }

  private answerJoin(m: Member, r: JoinResult): void {
    const waiter = m.joinWaiter;
    m.joinWaiter = undefined;
    waiter?.(r);
  }

  sync(
    groupId: string,
    generation: number,
    memberId: string,
    assignments: Map<string, Buffer>,
  ): Promise<SyncResult> {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    const fail = (error: ErrorCode) => Promise.resolve({ error, assignment: Buffer.alloc(0) });
    if (!group || !member) return fail(Err.UNKNOWN_MEMBER_ID);
    if (generation !== group.generation) return fail(Err.ILLEGAL_GENERATION);
    if (group.state === 'PreparingRebalance') return fail(Err.REBALANCE_IN_PROGRESS);
    this.touch(group, member);
    if (group.state === 'Stable') return Promise.resolve({ error: Err.NONE, assignment: member.assignment });
    return new Promise((resolve) => {
      member.syncWaiter = resolve;
      if (memberId !== group.leader) return;
      for (const m of group.members.values()) m.assignment = assignments.get(m.id) ?? Buffer.alloc(0);
      group.state = 'Stable';
      for (const m of group.members.values()) {
        const waiter = m.syncWaiter;
        m.syncWaiter = undefined;
        waiter?.({ error: Err.NONE, assignment: m.assignment });
      }
    });
  }

  heartbeat(groupId: string, generation: number, memberId: string): ErrorCode {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return Err.UNKNOWN_MEMBER_ID;
    if (generation !== group.generation) return Err.ILLEGAL_GENERATION;
    this.touch(group, member);
    return group.state === 'PreparingRebalance' ? Err.REBALANCE_IN_PROGRESS : Err.NONE;
  }

  leave(groupId: string, memberId: string): ErrorCode {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return Err.UNKNOWN_MEMBER_ID;
    this.removeMember(group, member);
    return Err.NONE;
  }

  /** Whether a commit from (generation, member) may be applied; generation -1 is a group-less commit. */
  validateCommit(groupId: string, generation: number, memberId: string): ErrorCode {
    const group = this.groups.get(groupId);
    if (generation < 0 && memberId === '') {
      return !group || group.members.size === 0 ? Err.NONE : Err.ILLEGAL_GENERATION;
    }
    const member = group?.members.get(memberId);
    if (!group || !member) return Err.UNKNOWN_MEMBER_ID;
    if (generation !== group.generation) return Err.ILLEGAL_GENERATION;
    if (group.state === 'CompletingRebalance') return Err.REBALANCE_IN_PROGRESS;
    this.touch(group, member);
    return Err.NONE;
  }

  /** Restarts the member's session clock; expiry removes it (unless it is parked in a held request). */
  private touch(group: Group, m: Member): void {
    clearTimeout(m.sessionTimer);
    m.sessionTimer = setTimeout(() => {
      if (m.joinWaiter || m.syncWaiter) return this.touch(group, m);
      if (group.members.get(m.id) === m) this.removeMember(group, m);
    }, m.sessionTimeout);
    m.sessionTimer.unref();
  }

  private dropMember(group: Group, m: Member): void {
    clearTimeout(m.sessionTimer);
    group.members.delete(m.id);
    if (group.leader === m.id) group.leader = null;
  }

  private removeMember(group: Group, m: Member): void {
    this.dropMember(group, m);
    this.answerJoin(m, failedJoin(Err.UNKNOWN_MEMBER_ID, m.id));
    m.syncWaiter?.({ error: Err.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) });
    m.syncWaiter = undefined;
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.prepareRebalance(group);
    this.tryCompleteJoin(group);
  }

  close(): void {
    for (const g of this.groups.values()) {
      clearTimeout(g.rebalanceTimer);
      for (const t of g.pendingIds.values()) clearTimeout(t);
      for (const m of g.members.values()) clearTimeout(m.sessionTimer);
    }
  }
}
