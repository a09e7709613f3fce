import type { Clock } from '../clock';
import { isDuplicateKey, type Collection } from '../store/mongo-docs';

export interface LeaseDoc {
  _id: string;
  holder: string;
  /** Epoch milliseconds by the holders' clock port (the service's clock, as the idempotency leases use). */
  expiresAt: number;
}

export interface RelayLeaseOptions {
  /** In the service's own database, beside the outbox it guards. */
  collection: Collection<LeaseDoc>;
  /** Who asks: unique per relay instance (service, host, process). */
  holder: string;
  name?: string;
  /** How long a holder that stopped renewing keeps it: a crashed relay's standby takes over after this. */
  ttlMs?: number;
  clock: Pick<Clock, 'now'>;
}

/**
 * "One relay per service database" with more than one replica: the relay that holds this lease publishes,
 * the others stand by and take over when it is released (a clean stop) or expires (a crash). A holder renews
 * once half its time is used, so a busy relay writes the lease a few times per `ttlMs`, not per batch; a
 * standby tries again after a third of it. Exclusive in the usual lease sense: a holder stalled past its
 * expiry (a long Kafka outage inside one batch) may overlap its successor for that batch — a duplicate the
 * consumers absorb by version, never a loss.
 */
export class RelayLease {
  private heldUntil = 0;
  private nextTry = 0;
  private readonly ttl: number;
  private readonly name: string;

  constructor(private readonly o: RelayLeaseOptions) {
    this.ttl = o.ttlMs ?? 10_000;
    this.name = o.name ?? 'outbox-relay';
  }

  /** Whether this instance may publish now: holds (renewing when due) or acquires a free or expired lease. */
  async hold(): Promise<boolean> {
    const t = this.now();
    if (this.heldUntil - t > this.ttl / 2) return true;
    if (this.heldUntil <= t && t < this.nextTry) return false;
    try {
      const won = await this.o.collection.findOneAndUpdate(
        { _id: this.name, $or: [{ holder: this.o.holder }, { expiresAt: { $lte: t } }] },
        { $set: { holder: this.o.holder, expiresAt: t + this.ttl } },
        { upsert: true, returnDocument: 'after' },
      );
      if (won?.holder === this.o.holder) {
        this.heldUntil = t + this.ttl;
        return true;
      }
    } catch (err) {
      // the upsert met the document another holder keeps alive
      if (!isDuplicateKey(err)) throw err;
    }
    this.heldUntil = 0;
    this.nextTry = t + this.ttl / 3;
    return false;
  }

  /** Hands the lease over at once (a clean stop): a standby needs not wait for the expiry. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    await this.o.collection.updateOne({ _id: this.name, holder: this.o.holder }, { $set: { expiresAt: 0 } });
  }

  private now(): number {
    return this.o.clock.now().getTime();
  }

  get held(): boolean {
    return this.heldUntil > this.now();
  }
}
