import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import { canonicalize } from '../hash/canonical';
import { isDuplicateKey, type Collection, type Db } from '../store/mongo-docs';

export interface IdempotencyScope {
  /** Who asks (actor id): the same key from two principals is two requests. */
  principal: string;
  /** Method + route template, e.g. `POST /applications/:id/submit`. */
  route: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyBegin =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  /** The first request with this key is still running. HTTP: 409. */
  | { kind: 'in-progress' }
  /** The key was used with a different request body. HTTP: 422. */
  | { kind: 'mismatch' };

interface IdemDoc {
  _id: string;
  requestHash: string;
  state: 'pending' | 'done';
  response?: StoredResponse;
  createdAt: Date;
  /** TTL index: MongoDB deletes the record after this instant. */
  expiresAt: Date;
}

/**
 * `Idempotency-Key` → first result, scoped per principal + route. The first request claims the key by
 * inserting a pending record (the unique _id decides races); its result replaces it; repeats get that result.
 */
export class IdempotencyStore {
  private constructor(
    private readonly records: Collection<IdemDoc>,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  static async open(
    db: Db,
    clock: Clock,
    ttlMs = 24 * 3600_000,
    collection = 'idempotency',
  ): Promise<IdempotencyStore> {
    const records = db.collection<IdemDoc>(collection);
    try {
      await records.createIndex({ expiresAt: 1 }, { name: 'ttl', expireAfterSeconds: 0 });
    } catch (err) {
      // Expiry is enforced on read (begin), so a server without TTL indexes (mongo-lite) stays correct; it only
      // keeps expired records until they are reused.
      if (!/TTL|expireAfterSeconds/i.test(String(err))) throw err;
    }
    return new IdempotencyStore(records, clock, ttlMs);
  }

  async begin(scope: IdempotencyScope, request: unknown): Promise<IdempotencyBegin> {
    const _id = scopeId(scope);
    const requestHash = sha256(canonicalize(request ?? null));
    const now = this.clock.now();
    try {
      await this.records.insertOne({
        _id,
        requestHash,
        state: 'pending',
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs),
      });
      return { kind: 'new' };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const existing = await this.records.findOne({ _id });
    // Expired but not yet reaped by the TTL monitor (it runs about once a minute): treat as absent.
    if (!existing || existing.expiresAt <= now) {
      await this.records.deleteOne({ _id, expiresAt: { $lte: now } });
      return this.begin(scope, request);
    }
    if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
    if (existing.state === 'pending' || !existing.response) return { kind: 'in-progress' };
    return { kind: 'replay', response: existing.response };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.records.updateOne(
      { _id: scopeId(scope), state: 'pending' },
      { $set: { state: 'done', response } },
    );
  }

  /** The first attempt failed without an answer worth repeating (e.g. 5xx): free the key for a retry. */
  async abandon(scope: IdempotencyScope): Promise<void> {
    await this.records.deleteOne({ _id: scopeId(scope), state: 'pending' });
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
  return sha256(canonicalize([s.principal, s.route, s.key]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
