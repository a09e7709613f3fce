import type { ErrorCode } from '../protocol/errors';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface Protocol {
  name: string;
  metadata: Buffer;
}

export interface JoinResult {
  error: ErrorCode;
  generationId: number;
  protocol: string | null;
  leaderId: string;
  memberId: string;
  members: { memberId: string; metadata: Buffer }[];
}

export interface SyncResult {
  error: ErrorCode;
  assignment: Buffer;
}

export interface Member {
  id: string;
  clientId: string;
  clientHost: string;
  sessionTimeout: number;
  rebalanceTimeout: number;
  protocols: Protocol[];
  assignment: Buffer;
  joinWaiter?: (r: JoinResult) => void;
  syncWaiter?: (r: SyncResult) => void;
  sessionTimer?: NodeJS.Timeout;
}

export class Group {
  state: GroupState = 'Empty';
  generation = 0;
  protocolType: string | null = null;
  protocol: string | null = null;
  leader: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED and not yet used, each expiring with its session. */
  readonly pendingIds = new Map<string, NodeJS.Timeout>();
  rebalanceTimer?: NodeJS.Timeout;
  /** Set while group.initial.rebalance.delay holds the first generation open for more joiners. */
  holdInitial = false;

  constructor(readonly id: string) {}

  metadataFor(m: Member): Buffer {
    return m.protocols.find((p) => p.name === this.protocol)?.metadata ?? Buffer.alloc(0);
  }

  /** The leader's most preferred protocol that every member supports, or undefined if there is none. */
  chooseProtocol(leader: Member): string | undefined {
    const members = [...this.members.values()];
    return leader.protocols
      .map((p) => p.name)
      .find((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
  }
}
