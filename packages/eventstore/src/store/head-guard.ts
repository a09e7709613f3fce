import { linkHash, type HashAlgorithm } from '../hash/chain';
import type { ChainedEvent, HeadRecord } from '../hash/verify';
import { IntegrityError } from './errors';

/**
 * The check every append makes before extending a stream (finding 4: a PATCH extended a broken chain): the
 * stored events from the head's version on must be exactly the head event — present, hashing to its stored
 * hash, and that hash the head record's. A stream without a head must have no events. `tail` holds the stream's
 * events with version ≥ head version (≥ 1 without a head). Deeper edits are caught by `readStreamVerified`,
 * which the command path loads through before deciding.
 */
export function headGuard(
  streamId: string,
  head: HeadRecord | undefined,
  tail: readonly ChainedEvent[],
  algorithm: HashAlgorithm,
): IntegrityError | undefined {
  if (!head) {
    const first = tail[0];
    return first
      ? new IntegrityError(streamId, first.streamVersion, 'head-mismatch', 'events exist but no head record')
      : undefined;
  }
  const last = tail.find((e) => e.streamVersion === head.version);
  if (!last) return new IntegrityError(streamId, head.version, 'head-mismatch', 'the head event is missing');
  const extra = tail.find((e) => e.streamVersion > head.version);
  if (extra)
    return new IntegrityError(
      streamId,
      extra.streamVersion,
      'head-mismatch',
      'events beyond the head record',
    );
  if (last.hash !== head.hash)
    return new IntegrityError(streamId, head.version, 'head-mismatch', 'head record and head event differ');
  let actual: string;
  try {
    actual = linkHash(last.prevHash, last, algorithm);
  } catch (err) {
    return new IntegrityError(streamId, head.version, 'hash-mismatch', (err as Error).message);
  }
  if (actual !== last.hash)
    return new IntegrityError(streamId, head.version, 'hash-mismatch', 'the head event was edited');
  return undefined;
}
