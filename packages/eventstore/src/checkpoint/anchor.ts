import { IntegrityError } from '../store/errors';
import type { StreamHeadEntry } from '../store/event-store';
import { HeadsDigest, statementBytes, type SignedCheckpoint } from './checkpoint';
import { verifyStatement, type CheckpointPublicKey } from './signing';
import type { CheckpointStore } from './store';

/**
 * The last signed checkpoint as an anchor for the verifying read: where a checkpoint covers a stream, the stream
 * must still hold the checkpointed hash at the checkpointed version, so a stream rehashed (with its head) behind
 * the store is refused on the command path too, not only by an audit. The latest checkpoint's signature and
 * digest are verified once per checkpoint id and then cached.
 */
export class CheckpointAnchor {
  private verified: { id: string; failure?: IntegrityError } | undefined;

  constructor(
    private readonly checkpoints: CheckpointStore,
    private readonly key: CheckpointPublicKey,
  ) {}

  /** The checkpointed head of a stream (undefined when no checkpoint covers it); throws if the checkpoint is forged. */
  async headOf(streamId: string): Promise<StreamHeadEntry | undefined> {
    const latest = await this.checkpoints.latest();
    if (!latest) return undefined;
    if (this.verified?.id !== latest.id)
      this.verified = {
        id: latest.id,
        failure: await verifySignedCheckpoint(latest, this.key, this.checkpoints),
      };
    if (this.verified.failure) throw this.verified.failure;
    return this.checkpoints.headOf(latest.id, streamId);
  }

  /** Throws unless `hashAt(version)` is the checkpointed hash for this stream. */
  async assertHolds(streamId: string, hashAt: (version: number) => string | undefined): Promise<void> {
    const head = await this.headOf(streamId);
    if (head && hashAt(head.version) !== head.hash)
      throw new IntegrityError(
        streamId,
        head.version,
        'checkpoint-mismatch',
        'differs from the last signed checkpoint',
      );
  }
}

/**
 * The checkpoint is the key holder's: signed by the expected key over its statement, and the heads stored for it
 * are exactly the digested ones (each passed to `onHead`, in order). Returns the failure, if any.
 */
export async function verifySignedCheckpoint(
  cp: SignedCheckpoint,
  key: CheckpointPublicKey,
  checkpoints: CheckpointStore,
  onHead?: (head: StreamHeadEntry) => void,
): Promise<IntegrityError | undefined> {
  const fail = (detail: string) =>
    new IntegrityError(`checkpoint:${cp.id}`, 0, 'checkpoint-mismatch', detail);
  if (cp.alg !== key.algorithm || cp.keyId !== key.keyId)
    return fail(`signed by ${cp.alg} key ${cp.keyId}, expected ${key.algorithm} key ${key.keyId}`);
  if (!verifyStatement(key, statementBytes(cp), cp.signature)) return fail('the signature does not verify');
  const digest = new HeadsDigest(cp.digestAlg);
  for await (const h of checkpoints.heads(cp.id)) {
    digest.push(h);
    onHead?.(h);
  }
  if (digest.count !== cp.count || digest.digest() !== cp.digest)
    return fail('the stored heads are not the signed ones');
  return undefined;
}
