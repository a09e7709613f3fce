import { AUDIT_CHECKPOINT_TOPIC } from '@peiyu/contracts';
import {
  exportSpki,
  headLine,
  type CheckpointSigningKey,
  type RelayLease,
  type StreamHeadEntry,
} from '@peiyu/eventstore';
import type { Clock, Logger } from '@peiyu/service-kit';
import type { Producer } from 'kafkajs';
import type mongoose from 'mongoose';
import { sealCheckpoint, type AuditCheckpoint } from '../domain/checkpoint';
import { merklePath } from '../domain/merkle';
import type { Ledger } from './ledger';

type Db = mongoose.mongo.Db;

interface CheckpointDoc extends AuditCheckpoint {
  _id: string;
}
interface LeafDoc extends StreamHeadEntry {
  _id: string;
  checkpointId: string;
  index: number;
}

/**
 * The audit's own signed checkpoints: at an interval (and on an auditor's request) a Merkle root over every
 * ledger head, signed with the audit's key (eventstore `loadCheckpointKey`: Ed25519, or SM2-SM3 with
 * PEIYU_CHECKPOINT_ALG), kept with its leaves (`audit_checkpoints`, `audit_checkpoint_leaves`) and published
 * on the audit checkpoint topic. A round where no head moved writes nothing.
 */
export class AuditCheckpoints {
  readonly docs;
  readonly leaves;
  private timer: NodeJS.Timeout | undefined;
  private lease: Pick<RelayLease, 'hold' | 'release'> | undefined;
  private running: Promise<AuditCheckpoint | undefined> | undefined;

  constructor(
    db: Db,
    private readonly o: {
      ledger: Ledger;
      key: CheckpointSigningKey;
      clock: Clock;
      logger: Logger;
      producer?: Producer;
    },
  ) {
    this.docs = db.collection<CheckpointDoc>('audit_checkpoints');
    this.leaves = db.collection<LeafDoc>('audit_checkpoint_leaves');
  }

  get publicKeyPem(): string {
    return exportSpki(this.o.key.publicKey);
  }

  get key(): CheckpointSigningKey {
    return this.o.key;
  }

  /** Seals every `intervalMs`; with replicas, only the holder of `lease` does (one sequence of checkpoints). */
  start(intervalMs: number, lease?: Pick<RelayLease, 'hold' | 'release'>): void {
    this.lease = lease;
    this.timer = setInterval(() => {
      (lease ? lease.hold() : Promise.resolve(true))
        .then((mine) => (mine ? this.sealNow() : undefined))
        .catch((err: unknown) =>
          this.o.logger.error({ err, alert: 'audit.checkpoint' }, 'audit checkpoint failed'),
        );
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.lease?.release();
  }

  /** One round (serialised: two requests at once seal once). Returns the checkpoint now latest. */
  sealNow(): Promise<AuditCheckpoint | undefined> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<AuditCheckpoint | undefined> {
    const heads = await this.o.ledger.heads();
    const last = await this.latest();
    if (!heads.length) return last;
    const cp = sealCheckpoint({
      seq: last ? Number(last.id) + 1 : 1,
      at: this.o.clock.now().toISOString(),
      heads,
      key: this.o.key,
    });
    if (last && last.digest === cp.digest && last.count === cp.count) return last;
    await this.leaves.deleteMany({ checkpointId: cp.id });
    for (let i = 0; i < heads.length; i += 500)
      await this.leaves.insertMany(
        heads
          .slice(i, i + 500)
          .map((h, j) => ({ ...h, _id: `${cp.id}:${h.streamId}`, checkpointId: cp.id, index: i + j })),
      );
    await this.docs.insertOne({ _id: cp.id, ...cp });
    await this.o.producer
      ?.send({
        topic: AUDIT_CHECKPOINT_TOPIC,
        messages: [{ key: 'audit', value: JSON.stringify({ checkpoint: cp, publicKey: this.publicKeyPem }) }],
      })
      .catch((err: unknown) => this.o.logger.warn({ err }, 'audit checkpoint not published yet'));
    this.o.logger.info({ checkpoint: cp.id, count: cp.count, root: cp.digest }, 'audit checkpoint signed');
    return cp;
  }

  async latest(): Promise<AuditCheckpoint | undefined> {
    const [doc] = await this.docs.find({}).sort({ _id: -1 }).limit(1).toArray();
    return doc ? strip(doc) : undefined;
  }

  async byId(id: string): Promise<AuditCheckpoint | undefined> {
    const doc = await this.docs.findOne({ _id: id });
    return doc ? strip(doc) : undefined;
  }

  async headsOf(id: string): Promise<StreamHeadEntry[]> {
    const docs = await this.leaves.find({ checkpointId: id }).sort({ index: 1 }).toArray();
    return docs.map((d) => ({ streamId: d.streamId, version: d.version, hash: d.hash }));
  }

  async leafOf(id: string, streamId: string): Promise<LeafDoc | null> {
    return this.leaves.findOne({ _id: `${id}:${streamId}` });
  }

  /** The Merkle path of a stream's head in a checkpoint. */
  async pathOf(cp: AuditCheckpoint, index: number) {
    const lines = (await this.headsOf(cp.id)).map(headLine);
    return merklePath(cp.digestAlg, lines, index);
  }
}

function strip(doc: CheckpointDoc): AuditCheckpoint {
  const { _id: _ignored, ...cp } = doc;
  return cp;
}
