import type { Clock } from '../clock';
import { ChainVerifier } from '../hash/verify';
import type { HashAlgorithm } from '../hash/chain';
import { silentLogger, type Logger } from '../observability';
import { IntegrityError } from '../store/errors';
import type { EventStore, StreamHeadEntry } from '../store/event-store';
import { checkpointId, HeadsDigest, statementBytes, type SignedCheckpoint } from './checkpoint';
import { digestAlgorithmOf, signStatement, type CheckpointSigningKey } from './signing';
import type { CheckpointStore } from './store';

export interface CheckpointWriterOptions {
  /** The service name recorded in each checkpoint. */
  service: string;
  store: EventStore;
  /** The store's hash algorithm (to verify what changed since the last checkpoint). */
  hashAlgorithm?: HashAlgorithm;
  checkpoints: CheckpointStore;
  key: CheckpointSigningKey;
  clock: Clock;
  /** Between checkpoints (default 5 minutes). */
  intervalMs?: number;
  /** Heads kept for this many latest checkpoints (default 3). */
  keep?: number;
  logger?: Logger;
}

const BATCH = 1000;

/**
 * Signs the heads of every stream of a store at an interval (finding 4: a keyless chain can be rehashed by
 * anyone with database write access; a signature by a key that lives outside the database cannot be forged).
 * Before signing, every head that moved since the last checkpoint must extend it: the checkpointed event must
 * still carry its hash and the chain must link from there. Otherwise the writer signs nothing and throws
 * IntegrityError — a rehashed stream is never laundered into a fresh checkpoint.
 */
export class CheckpointWriter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly logger: Logger;

  constructor(private readonly o: CheckpointWriterOptions) {
    this.logger = o.logger ?? silentLogger;
  }

  /** Writes one checkpoint now; returns it (or the latest one unchanged when no head moved). */
  async writeOnce(): Promise<SignedCheckpoint> {
    const previous = await this.o.checkpoints.latest();
    const id = checkpointId(previous ? Number(previous.id) + 1 : 1);
    const before = previous ? await this.headsOf(previous.id) : new Map<string, StreamHeadEntry>();
    const digest = new HeadsDigest(digestAlgorithmOf(this.o.key.algorithm));
    await this.o.checkpoints.begin(id);
    let batch: StreamHeadEntry[] = [];
    for await (const head of this.o.store.listHeads()) {
      await this.extendsPrevious(before.get(head.streamId), head);
      before.delete(head.streamId);
      digest.push(head);
      batch.push(head);
      if (batch.length >= BATCH) {
        await this.o.checkpoints.saveHeads(id, batch);
        batch = [];
      }
    }
    const [gone] = before.values();
    if (gone)
      throw new IntegrityError(
        gone.streamId,
        gone.version,
        'checkpoint-mismatch',
        'the stream has no head any more',
      );
    const value = digest.digest();
    if (previous && previous.digest === value && previous.count === digest.count) return previous;
    await this.o.checkpoints.saveHeads(id, batch);
    const statement = {
      id,
      service: this.o.service,
      at: this.o.clock.now().toISOString(),
      count: digest.count,
      digestAlg: digest.algorithm,
      digest: value,
      alg: this.o.key.algorithm,
      keyId: this.o.key.keyId,
    };
    const checkpoint = { ...statement, signature: signStatement(this.o.key, statementBytes(statement)) };
    if (!(await this.o.checkpoints.commit(checkpoint)))
      return (await this.o.checkpoints.latest()) ?? checkpoint;
    await this.o.checkpoints.prune(this.o.keep ?? 3);
    return checkpoint;
  }

  /** Starts the interval; a failed round is logged (an IntegrityError as an alert) and tried again next time. */
  start(options: { immediately?: boolean } = {}): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.writeOnce()
        .then((c) => this.logger.info({ checkpoint: c.id, streams: c.count }, 'checkpoint written'))
        .catch((err: unknown) => {
          if (err instanceof IntegrityError)
            this.logger.error(
              { alert: 'integrity.broken', err, streamId: err.streamId },
              'checkpoint refused',
            );
          else this.logger.warn({ err }, 'checkpoint failed');
        })
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.o.intervalMs ?? 300_000).unref();
        });
    };
    this.timer = setTimeout(tick, this.o.intervalMs ?? 300_000).unref();
    if (options.immediately) {
      clearTimeout(this.timer);
      tick();
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async headsOf(id: string): Promise<Map<string, StreamHeadEntry>> {
    const heads = new Map<string, StreamHeadEntry>();
    for await (const h of this.o.checkpoints.heads(id)) heads.set(h.streamId, h);
    return heads;
  }

  private async extendsPrevious(before: StreamHeadEntry | undefined, head: StreamHeadEntry): Promise<void> {
    if (!before || (before.version === head.version && before.hash === head.hash)) return;
    await assertExtends(this.o.store, before, this.o.hashAlgorithm ?? 'sha256');
  }
}

/**
 * The stream still holds the checkpointed event with its hash, and every event after it links and hashes.
 * (The part before it was covered when that checkpoint was written.)
 */
export async function assertExtends(
  store: EventStore,
  checkpointed: StreamHeadEntry,
  algorithm: HashAlgorithm,
): Promise<void> {
  const { streamId, version, hash } = checkpointed;
  const events = await store.readStream(streamId, { fromVersion: version, stored: true });
  const at = events[0];
  if (!at || at.streamVersion !== version || at.hash !== hash)
    throw new IntegrityError(
      streamId,
      version,
      'checkpoint-mismatch',
      'differs from the last signed checkpoint',
    );
  const verifier = new ChainVerifier(algorithm, { version: version + 1, prevHash: hash });
  for (const e of events.slice(1)) if (!verifier.push(e)) break;
  const result = verifier.result();
  if (!result.ok) throw IntegrityError.of(streamId, result);
}
