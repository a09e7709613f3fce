import type { HashAlgorithm } from '../hash/chain';
import { IntegrityError } from '../store/errors';
import type { EventStore, StreamHeadEntry } from '../store/event-store';
import { verifySignedCheckpoint } from './anchor';
import type { SignedCheckpoint } from './checkpoint';
import type { CheckpointPublicKey } from './signing';
import type { CheckpointStore } from './store';

export interface CheckpointVerifierOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  /** The service's public checkpoint key (auditors hold only this). */
  key: CheckpointPublicKey;
  hashAlgorithm?: HashAlgorithm;
}

export interface CheckpointReport {
  ok: boolean;
  checkpoint?: Pick<SignedCheckpoint, 'id' | 'at' | 'count' | 'keyId'>;
  /** Streams checked against the checkpoint. */
  streams: number;
  /** One per failing stream (or one for the checkpoint itself, stream id `checkpoint:<id>`). */
  failures: IntegrityError[];
}

/**
 * Holds the store against its last signed checkpoint. The checkpoint's signature and its heads' digest must
 * verify (the heads are then what the key holder signed); then every stream must verify on its own (chain and
 * head record) and still hold, at the checkpointed version, the checkpointed hash. An attacker with database
 * write access who edits an event and rehashes the stream and its head passes the chain checks but not this
 * one: the rehashed hash at the checkpointed version differs, and re-signing needs the key.
 */
export class CheckpointVerifier {
  constructor(private readonly o: CheckpointVerifierOptions) {}

  async verifyLatest(): Promise<CheckpointReport> {
    const checkpoint = await this.o.checkpoints.latest();
    if (!checkpoint) return { ok: true, streams: 0, failures: [] };
    const summary = {
      id: checkpoint.id,
      at: checkpoint.at,
      count: checkpoint.count,
      keyId: checkpoint.keyId,
    };
    const heads: StreamHeadEntry[] = [];
    const broken = await this.checkSigned(checkpoint, heads);
    if (broken) return { ok: false, checkpoint: summary, streams: 0, failures: [broken] };
    const failures: IntegrityError[] = [];
    for (const head of heads) {
      const failure = await this.checkStream(head);
      if (failure) failures.push(failure);
    }
    return { ok: failures.length === 0, checkpoint: summary, streams: heads.length, failures };
  }

  /** One stream against the last checkpoint (a stream the checkpoint does not cover passes this check). */
  async verifyStream(streamId: string): Promise<IntegrityError | undefined> {
    const checkpoint = await this.o.checkpoints.latest();
    if (!checkpoint) return undefined;
    const heads: StreamHeadEntry[] = [];
    const broken = await this.checkSigned(checkpoint, heads);
    if (broken) return broken;
    const head = heads.find((h) => h.streamId === streamId);
    return head ? this.checkStream(head) : undefined;
  }

  private checkSigned(cp: SignedCheckpoint, into: StreamHeadEntry[]): Promise<IntegrityError | undefined> {
    return verifySignedCheckpoint(cp, this.o.key, this.o.checkpoints, (h) => into.push(h));
  }

  private async checkStream(checkpointed: StreamHeadEntry): Promise<IntegrityError | undefined> {
    try {
      const events = await this.o.store.readStreamVerified(checkpointed.streamId);
      const at = events.find((e) => e.streamVersion === checkpointed.version);
      if (!at || at.hash !== checkpointed.hash)
        return new IntegrityError(
          checkpointed.streamId,
          checkpointed.version,
          'checkpoint-mismatch',
          at ? 'differs from the last signed checkpoint' : 'the checkpointed event is missing',
        );
      return undefined;
    } catch (err) {
      if (err instanceof IntegrityError) return err;
      throw err;
    }
  }
}
