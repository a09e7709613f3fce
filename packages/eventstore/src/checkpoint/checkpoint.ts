import { createHash } from 'node:crypto';
import { canonicalize, compareCodePoints } from '../hash/canonical';
import type { StreamHeadEntry } from '../store/event-store';
import type { CheckpointAlgorithm } from './signing';

/**
 * A signed statement over every stream head of one service's store at one moment (specified in README.md,
 * "Signed checkpoints"). The heads themselves are kept beside it (`checkpoint_heads`), so a failure can name
 * its stream; the digest over them, signed, makes them tamper-evident.
 */
export interface SignedCheckpoint {
  /** Sequence number, 12 digits, zero-padded: the latest checkpoint is the greatest id. */
  id: string;
  service: string;
  /** When it was taken (the store clock), ISO instant. */
  at: string;
  /** Number of stream heads covered. */
  count: number;
  digestAlg: 'sha256' | 'sm3';
  /** lowercase hex digest over the heads' lines, sorted by stream id. */
  digest: string;
  alg: CheckpointAlgorithm;
  keyId: string;
  /** base64 signature over `statementBytes(checkpoint)`. */
  signature: string;
}

export type CheckpointStatement = Omit<SignedCheckpoint, 'signature'>;

/** One head's line in the digest: the canonical JSON array `[streamId, version, hash]` and a LF. */
export function headLine(head: StreamHeadEntry): string {
  return `${canonicalize([head.streamId, head.version, head.hash])}\n`;
}

/** Incremental digest over heads fed in ascending stream-id order. */
export class HeadsDigest {
  private readonly hash;
  private last: string | undefined;
  count = 0;

  constructor(readonly algorithm: 'sha256' | 'sm3') {
    this.hash = createHash(algorithm);
  }

  push(head: StreamHeadEntry): void {
    // Sorted input is part of the definition: the same heads always give the same digest.
    if (this.last !== undefined && compareCodePoints(head.streamId, this.last) <= 0)
      throw new Error(`heads out of order: ${head.streamId} after ${this.last}`);
    this.last = head.streamId;
    this.hash.update(headLine(head), 'utf8');
    this.count++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The signed bytes: the canonical JSON of every field but the signature. */
export function statementBytes(statement: CheckpointStatement): Buffer {
  const { id, service, at, count, digestAlg, digest, alg, keyId } = statement;
  return Buffer.from(canonicalize({ id, service, at, count, digestAlg, digest, alg, keyId }), 'utf8');
}

export function checkpointId(seq: number): string {
  return String(seq).padStart(12, '0');
}
