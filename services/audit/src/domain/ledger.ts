import type { EventEnvelope } from '@peiyu/contracts';
import { genesisHash, linkHash } from '@peiyu/eventstore';

/**
 * The audit ledger: every event of every service as it arrived, re-chained by the audit itself. Kafka carries
 * the stored envelope (data at its written schema version, never upcast) without the hashes, so the audit
 * recomputes each stream's chain with the eventstore's `linkHash`; with the owners' default SHA-256 its hashes
 * are the owners' own, which is what lets it check their signed checkpoints.
 */
export interface LedgerEntry extends EventEnvelope {
  prevHash: string;
  hash: string;
  /** Order of arrival in the ledger (global, grows with every stored entry). */
  seq: number;
}

/** Where a stream of the ledger stands: its last linked version and hash. */
export interface LedgerHead {
  streamId: string;
  version: number;
  hash: string;
  /** The first version that arrived out of order (a gap): later events are kept aside, not chained. */
  gapAt?: number;
}

/** What the audit checks on arrival and on every later verification (eventstore's vocabulary plus `fork`). */
export type FindingCheck =
  | 'gap'
  | 'fork'
  | 'order'
  | 'broken-link'
  | 'hash-mismatch'
  | 'head-mismatch'
  | 'checkpoint-mismatch'
  | 'replay-mismatch'
  | 'recompute-mismatch';

export interface Finding {
  streamId: string;
  version: number;
  check: FindingCheck;
  /** What was seen, enough to judge it without the ledger (hashes, event ids, expected vs arrived). */
  evidence: Record<string, unknown>;
}

export type Arrival =
  | { kind: 'appended'; entry: Omit<LedgerEntry, 'seq'>; head: LedgerHead }
  | { kind: 'duplicate' }
  /** A gap or fork: the finding, and the head to keep (moved only to record where a gap began). */
  | { kind: 'finding'; finding: Finding; head: LedgerHead | undefined };

/**
 * One event arrives for a stream whose ledger head is `head`; `recorded` is the entry the ledger already holds
 * at the event's version (if any). Pure: the shell loads both and stores what comes back.
 * - the next version → chained and appended;
 * - a version already held, same event and same bytes → a re-delivery, nothing to do;
 * - a version already held with another event or other bytes → `fork` (two events for one version);
 * - a version beyond the next → `gap` (the versions between never arrived); the head remembers where.
 */
export function arrive(
  head: LedgerHead | undefined,
  event: EventEnvelope,
  recorded: Omit<LedgerEntry, 'seq'> | undefined,
): Arrival {
  const at = event.streamVersion;
  if (recorded) {
    const hash = safeHash(recorded.prevHash, event);
    if (recorded.eventId === event.eventId && hash === recorded.hash) return { kind: 'duplicate' };
    return {
      kind: 'finding',
      head,
      finding: {
        streamId: event.streamId,
        version: at,
        check: 'fork',
        evidence: {
          recorded: { eventId: recorded.eventId, hash: recorded.hash, type: recorded.type },
          arrived: { eventId: event.eventId, hash, type: event.type },
          sameEventId: recorded.eventId === event.eventId,
        },
      },
    };
  }
  const expected = (head?.version ?? 0) + 1;
  if (at === expected) {
    // (after a gap, the missing version may still come: it links, and the ledger carries on from it)
    const prevHash = head?.hash ?? genesisHash();
    const entry = { ...event, prevHash, hash: linkHash(prevHash, event) };
    return { kind: 'appended', entry, head: { streamId: event.streamId, version: at, hash: entry.hash } };
  }
  if (at < expected) {
    // Below the head but not held: the ledger itself lost an entry (edited behind the audit).
    return {
      kind: 'finding',
      head,
      finding: {
        streamId: event.streamId,
        version: at,
        check: 'gap',
        evidence: { missingInLedger: at, head: head?.version ?? 0, arrived: { eventId: event.eventId } },
      },
    };
  }
  const gapAt = head?.gapAt ?? expected;
  return {
    kind: 'finding',
    head: { streamId: event.streamId, version: head?.version ?? 0, hash: head?.hash ?? genesisHash(), gapAt },
    finding: {
      streamId: event.streamId,
      version: at,
      check: 'gap',
      evidence: {
        expectedVersion: expected,
        arrivedVersion: at,
        missing: at > expected ? [expected, at - 1] : [],
        arrived: { eventId: event.eventId, type: event.type },
      },
    },
  };
}

function safeHash(prevHash: string, event: EventEnvelope): string {
  try {
    return linkHash(prevHash, event);
  } catch (err) {
    return `unhashable: ${(err as Error).message}`;
  }
}

/** The stable id of a finding: the same observation made twice (a re-delivery) is one finding. */
export function findingKey(f: Finding): string {
  const ev = JSON.stringify(f.evidence);
  return `${f.check}:${f.streamId}:${f.version}:${shortHash(ev)}`;
}

function shortHash(text: string): string {
  // FNV-1a, 32 bits: only deduplicates findings of one stream and version, no security role.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
