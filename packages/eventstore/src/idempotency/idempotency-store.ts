import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import { canonicalize } from '../hash/canonical';
import { isDuplicateKey, type Collection, type Db } from '../store/mongo-docs';

/** Who asks, all of it: the same key from another role, subject, region or USCC is another request. */
export interface IdempotencyPrincipal {
  role: string;
  sub: string;
  region?: string | undefined;
  uscc?: string | undefined;
}

export interface IdempotencyScope {
  principal: IdempotencyPrincipal;
  /** Method + route template, e.g. `POST /applications/:id/submit`. */
  route: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  /** Headers a replay must repeat (ETag, Location). */
  headers?: Record<string, string>;
}

export type IdempotencyBegin =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  /** The first request with this key is still running (its lease has not run out). HTTP: 409. */
  | { kind: 'in-progress' }
  /** The key was used with a different request body. HTTP: 409. */
  | { kind: 'mismatch' };

interface IdemDoc {
  _id: string;
  requestHash: string;
  state: 'pending' | 'done';
  response?: StoredResponse;
  createdAt: Date;
  /** A pending record whose lease has run out was left by a crash: the next attempt takes it over. */
  leaseUntil: Date;
  /** After this instant (of the clock port) the record is ignored and purged. */
  expiresAt: Date;
}

export interface IdempotencyOptions {
  /** How long a first response is kept for repeats (default 24 h). */
  ttlMs?: number;
  /** How long a running first attempt holds its key (default 30 s): a crashed one frees it after this. */
  leaseMs?: number;
  collection?: string;
}

/**
 * `Idempotency-Key` → first result, scoped per whole principal + route. The first request claims the key by
 * inserting a pending record with a short lease (the unique _id decides races); its result replaces it;
 * repeats get that result. Every instant comes from the one clock port — no TTL index, whose monitor runs on
 * the server's real time while `expiresAt` is written on the (possibly shifted) shared clock.
 */
export class IdempotencyStore {
  private lastPurge = 0;

  private constructor(
    private readonly records: Collection<IdemDoc>,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly leaseMs: number,
  ) {}

  static async open(db: Db, clock: Clock, options: IdempotencyOptions = {}): Promise<IdempotencyStore> {
    const records = db.collection<IdemDoc>(options.collection ?? 'idempotency');
    // A TTL index from an earlier version would expire records on another clock: drop it.
    await records.dropIndex('ttl').catch(() => undefined);
    await records.createIndex({ expiresAt: 1 }, { name: 'expires' });
    const store = new IdempotencyStore(
      records,
      clock,
      options.ttlMs ?? 24 * 3600_000,
      options.leaseMs ?? 30_000,
    );
    await store.purgeExpired();
    return store;
  }

  /** Deletes records expired by the clock port; `begin` calls it at most once an hour of that clock. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    this.lastPurge = now.getTime();
    const r = await this.records.deleteMany({ expiresAt: { $lte: now } });
    return r.deletedCount;
  }

  async begin(scope: IdempotencyScope, request: unknown): Promise<IdempotencyBegin> {
    const _id = scopeId(scope);
    const requestHash = sha256(canonicalize(request ?? null));
    const now = this.clock.now();
    if (now.getTime() - this.lastPurge > 3600_000) await this.purgeExpired();
    try {
      await this.records.insertOne({
        _id,
        requestHash,
        state: 'pending',
        createdAt: now,
        leaseUntil: new Date(now.getTime() + this.leaseMs),
        expiresAt: new Date(now.getTime() + this.ttlMs),
      });
      return { kind: 'new' };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await this.records.findOne({ _id });
    if (!existing || existing.expiresAt <= now) {
      await this.records.deleteOne({ _id, expiresAt: { $lte: now } });
      return this.begin(scope, request);
    }
    if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
    if (existing.state === 'done' && existing.response)
      return { kind: 'replay', response: existing.response };
    if (existing.leaseUntil > now) return { kind: 'in-progress' };
    // A crash left this pending: take the lease over (conditionally, so one retry wins a race of retries).
    const taken = await this.records.updateOne(
      { _id, state: 'pending', leaseUntil: existing.leaseUntil },
      { $set: { leaseUntil: new Date(now.getTime() + this.leaseMs) } },
    );
    return taken.modifiedCount === 1 ? { kind: 'new' } : { kind: 'in-progress' };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.records.updateOne(
      { _id: scopeId(scope), state: 'pending' },
      { $set: { state: 'done', response } },
    );
  }

  /** The first attempt failed without an answer worth repeating (a refusal, a 5xx): free the key for a retry. */
  async abandon(scope: IdempotencyScope): Promise<void> {
    await this.records.deleteOne({ _id: scopeId(scope), state: 'pending' });
  }

  /** The record id of a scope: a hash of the whole principal, route and key (the commands' event marker). */
  scopeId(scope: IdempotencyScope): string {
    return scopeId(scope);
  }

  /** Runs `handler` once per key; repeats get its first response. */
  async run(
    scope: IdempotencyScope,
    request: unknown,
    handler: () => Promise<StoredResponse>,
  ): Promise<IdempotencyBegin | { kind: 'done'; response: StoredResponse }> {
    const begun = await this.begin(scope, request);
    if (begun.kind !== 'new') return begun;
    let response: StoredResponse;
    try {
      response = await handler();
    } catch (err) {
      await this.abandon(scope);
      throw err;
    }
    if (response.status >= 500) await this.abandon(scope);
    else await this.complete(scope, response);
    return { kind: 'done', response };
  }
}

function scopeId(s: IdempotencyScope): string {
  const p = s.principal;
  const principal = { role: p.role, sub: p.sub, region: p.region ?? null, uscc: p.uscc ?? null };
  return sha256(canonicalize([principal, s.route, s.key]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
