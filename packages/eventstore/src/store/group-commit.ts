import type mongoose from 'mongoose';
import type { AppendMetadata, DomainEvent, RecordedEvent } from '../types';
import { ConcurrencyError } from './errors';
import type { AppendResult } from './event-store';
import {
  isDuplicateKey,
  toEventDoc,
  type Collection,
  type CounterDoc,
  type Db,
  type EventDoc,
} from './mongo-docs';
import type { HashAlgorithm } from '../hash/chain';
import { headGuard } from './head-guard';
import type { StreamHead } from './records';

/** The head of each stream (last version and hash), written in the same transaction as its events. */
export interface HeadDoc {
  _id: string;
  version: number;
  hash: string;
  /** The head event's id: lets the append check it with one `_id` lookup (absent in heads written before). */
  eventId?: string;
}

/** The head record of a stream whose last event is `last` (one layout: the store and bulk loaders use it). */
export function headOf(last: RecordedEvent): Omit<HeadDoc, '_id'> {
  return { version: last.streamVersion, hash: last.hash, eventId: last.eventId };
}

export interface AppendRequest {
  streamId: string;
  expectedVersion: number;
  events: readonly DomainEvent[];
  meta: AppendMetadata;
}

interface Pending extends AppendRequest {
  resolve(r: AppendResult): void;
  reject(e: unknown): void;
}

type Outcome = { p: Pending; records: RecordedEvent[] } | { p: Pending; error: unknown };

export interface GroupCommitDeps {
  client: mongoose.mongo.MongoClient;
  /** The service database: the head and counter statements go as one raw `update` command. */
  db: Db;
  events: Collection<EventDoc>;
  heads: Collection<HeadDoc>;
  /** The heads collection again, typed for the position counter kept in it (`storeLayout().counter`). */
  counter: Collection<CounterDoc>;
  counterId: string;
  hashAlg: HashAlgorithm;
  /** Builds the chained records of one request after `head` (validation errors reject that request only). */
  build(request: AppendRequest, head: StreamHead | undefined, recordedAt: Date): RecordedEvent[];
  now(): Date;
  maxGroup?: number;
}

/** Another process moved a stream head between our read and our write; the group is retried. */
class HeadMovedError extends Error {}

/** The optimistic path met something other than the expected heads: the careful path decides what it is. */
class Unexpected extends Error {}

const ATTEMPTS = 3;

/**
 * Commits that take their positions with `findAndModify` after a compare on the counter missed (another
 * process appends to the same store): a missed compare costs an aborted transaction, a reservation one
 * command more.
 */
const CONTENDED_COMMITS = 64;

const TAIL_PROJECTION = { _id: 0, published: 0, publishedAt: 0, hashAlg: 0, position: 0 } as const;

/**
 * Group commit: appends waiting in this process are written together, one transaction at a time, so they never
 * conflict with each other on the position counter (a conflict costs a driver retry with backoff of up to
 * 500 ms). Each stream appears at most once per group; each request succeeds or fails on its own.
 *
 * Positions: the counter sits beside the heads (`storeLayout().counter`). The committer remembers the value
 * its last commit left (`known`) and moves it by compare-and-set from that value in the same `update` command
 * that moves the heads — tail `find`, `insert`, `update`, `commitTransaction`: four commands per append, three
 * for a group of new streams (no tail to read). Every transaction still writes the counter document, so
 * concurrent ones (other processes) conflict on it and commit one after another: positions follow commit
 * order. A missed compare (another process moved the counter) aborts; the careful path reads the counter with
 * the heads and compares against what it read.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private draining = false;
  /** The counter as this process's last commit left it; undefined when not known (a commit failed). */
  private known: number | undefined;
  /** The compare the last optimistic attempt made, when it missed: the careful path tells whether the counter moved. */
  private missedFrom: number | undefined;
  /** Commits left that reserve with `findAndModify` (another process was seen moving the counter). */
  private contended = 0;

  constructor(private readonly d: GroupCommitDeps) {}

  /** The counter's value as read when the store opened (the first append can compare against it). */
  knowCounter(seq: number): void {
    this.known = seq;
  }

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.commit(this.take());
    } finally {
      this.draining = false;
    }
  }

  /** The oldest request of each stream, up to maxGroup; later requests of the same stream wait their turn. */
  private take(): Pending[] {
    const group: Pending[] = [];
    const rest: Pending[] = [];
    const streams = new Set<string>();
    for (const p of this.queue) {
      if (group.length < (this.d.maxGroup ?? 500) && !streams.has(p.streamId)) {
        group.push(p);
        streams.add(p.streamId);
      } else rest.push(p);
    }
    this.queue = rest;
    return group;
  }

  private async commit(group: Pending[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        // The first attempt is optimistic (one read fewer); anything unexpected reruns the careful path, which
        // tells concurrency from integrity failures.
        const outcomes = attempt === 1 ? await this.optimistic(group) : undefined;
        for (const o of outcomes ?? (await this.transaction(group))) {
          if ('error' in o) o.p.reject(o.error);
          else o.p.resolve({ events: o.records, version: o.p.expectedVersion + o.records.length });
        }
        return;
      } catch (err) {
        const raced = err instanceof HeadMovedError || isDuplicateKey(err);
        if (err instanceof Unexpected || (raced && attempt < ATTEMPTS)) continue; // re-reading the heads sorts winners from losers
        for (const p of group)
          p.reject(raced ? new ConcurrencyError(p.streamId, p.expectedVersion, undefined) : err);
        return;
      }
    }
  }

  /**
   * The common case (issue 19: one stream appended ≈ 350 events/s, six round trips each): the heads are not
   * read but moved only where they still name the event the caller expects (version and hash in the update's
   * filter). Each request's tail (the head event and anything beyond it) is read by its expected version
   * outside the transaction. The positions follow the counter's value this process last committed, taken by
   * compare-and-set in the heads' `update` command; when that value is not known (or another process was seen
   * moving the counter lately) a `findAndModify` in flight together with the tail read reserves them. The same
   * `headGuard` runs on the tail against the head the caller expects; a mismatch, a missing head event, a moved
   * head or counter, a taken version or a request the codec refuses aborts (nothing is written, the positions
   * are not taken) and leaves the verdict to `transaction`. Reading the tail outside the snapshot loses
   * nothing: whatever moved since is caught by the head filter (the head moved), the unique version index (an
   * event beyond the head) or the transaction's conflict.
   */
  private async optimistic(group: Pending[]): Promise<Outcome[]> {
    const cas = this.contended > 0 ? undefined : this.known;
    if (this.contended > 0) this.contended--;
    this.known = undefined; // until this commit is known to have happened
    const count = group.reduce((n, p) => n + p.events.length, 0);
    const session = this.d.client.startSession();
    try {
      const { accepted, seq } = await session.withTransaction(async () => {
        // A group of new streams has no tail to check: an event already at version 1 fails the insert on the
        // unique (stream, version) index and an existing head the upsert, and either sends the group to the
        // careful path, whose read tells a lost race from an integrity failure (issue 19 §2: one round trip of
        // every registration's four in the transaction).
        const tailRead = group.every((p) => p.expectedVersion === 0) ? Promise.resolve([]) : this.tail(group);
        const [found, seq] =
          cas === undefined
            ? await settled(tailRead, this.reserve(count, session))
            : [await tailRead, cas + count];
        const tails = new Map<string, RecordedEvent[]>();
        for (const e of found)
          tails.set(e.streamId, [...(tails.get(e.streamId) ?? []), e as unknown as RecordedEvent]);
        const recordedAt = this.d.now();
        const accepted = group.map((p) => {
          const tail = tails.get(p.streamId) ?? [];
          const last = tail.find((e) => e.streamVersion === p.expectedVersion);
          const head = last && { _id: p.streamId, ...headOf(last) };
          if (p.expectedVersion > 0 && !head) throw new Unexpected();
          if (headGuard(p.streamId, head, tail, this.d.hashAlg)) throw new Unexpected();
          try {
            return { p, records: this.d.build(p, head, recordedAt) };
          } catch {
            throw new Unexpected(); // positions are reserved for every request: refusals go the careful way
          }
        });
        await this.write(accepted, session, seq, {
          cas,
          headFilter: (p) => ({
            hash: tails.get(p.streamId)!.find((e) => e.streamVersion === p.expectedVersion)!.hash,
          }),
        });
        return { accepted, seq };
      });
      this.known = seq;
      return accepted;
    } catch (err) {
      if (err instanceof HeadMovedError || isDuplicateKey(err)) {
        this.missedFrom = cas;
        throw new Unexpected();
      }
      throw err;
    } finally {
      await session.endSession();
    }
  }

  private async transaction(group: Pending[]): Promise<Outcome[]> {
    const missedFrom = this.missedFrom;
    this.missedFrom = undefined;
    this.known = undefined;
    const session = this.d.client.startSession();
    try {
      const { outcomes, seq, before } = await session.withTransaction(async () => {
        // The heads and the counter in one read: the write below compares the counter against this value,
        // which a concurrent commit cannot change unnoticed (it conflicts with this transaction's write).
        const ids = [...group.map((p) => p.streamId), this.d.counterId];
        const found = await this.d.heads.find({ _id: { $in: ids } }, { session }).toArray();
        const counter = found.find((h) => h._id === this.d.counterId) as CounterDoc | undefined;
        if (!counter) throw missingCounter(this.d.counterId);
        const heads = new Map(found.filter((h) => h !== (counter as unknown)).map((h) => [h._id, h]));
        const tails = await this.tails(group, heads, session);
        const recordedAt = this.d.now();
        const outcomes: Outcome[] = group.map((p) => {
          const head = heads.get(p.streamId);
          const actual = head?.version ?? 0;
          if (actual !== p.expectedVersion)
            return { p, error: new ConcurrencyError(p.streamId, p.expectedVersion, actual) };
          const broken = headGuard(p.streamId, head, tails.get(p.streamId) ?? [], this.d.hashAlg);
          if (broken) return { p, error: broken };
          try {
            return { p, records: this.d.build(p, head, recordedAt) };
          } catch (error) {
            return { p, error };
          }
        });
        const accepted = outcomes.filter(
          (o): o is Extract<Outcome, { records: RecordedEvent[] }> => 'records' in o,
        );
        const count = accepted.reduce((n, a) => n + a.records.length, 0);
        if (accepted.length > 0)
          await this.write(accepted, session, counter.seq + count, { cas: counter.seq });
        return { outcomes, seq: counter.seq + count, before: counter.seq };
      });
      // The optimistic compare missed and the counter was not where it compared: another process appends.
      if (missedFrom !== undefined && before !== missedFrom) this.contended = CONTENDED_COMMITS;
      this.known = seq;
      return outcomes;
    } finally {
      await session.endSession();
    }
  }

  /**
   * The optimistic path's read: each request's stream from its expected version on. A lone request (the common
   * case) reads the head event and at most one event beyond it — all `headGuard` needs — with one plain `find`
   * command (no cursor machinery in the driver for a reply that always fits one batch).
   */
  private async tail(group: Pending[]): Promise<EventDoc[]> {
    if (group.length > 1)
      return this.d.events.find(tailFilter(group), { projection: TAIL_PROJECTION }).toArray();
    const reply = await this.d.db.command({
      find: this.d.events.collectionName,
      filter: tailFilter(group),
      projection: TAIL_PROJECTION,
      sort: { streamVersion: 1 },
      limit: 2,
      singleBatch: true,
    });
    return (reply.cursor as { firstBatch: EventDoc[] }).firstBatch;
  }

  /**
   * What `headGuard` checks, per stream: the head event (by `_id` when the head names it), or for a stream
   * without a head any event at all. Events beyond a head cannot be inserted anyway (unique version index).
   */
  private async tails(
    group: Pending[],
    heads: Map<string, HeadDoc>,
    session: mongoose.mongo.ClientSession,
  ): Promise<Map<string, RecordedEvent[]>> {
    const ids: string[] = [];
    const branches: Record<string, unknown>[] = [];
    const fresh: string[] = [];
    for (const p of group) {
      const head = heads.get(p.streamId);
      if (!head) fresh.push(p.streamId);
      else if (head.eventId) ids.push(head.eventId);
      else branches.push({ streamId: p.streamId, streamVersion: { $gte: head.version } });
    }
    const filters = [
      ...(ids.length > 0 ? [{ _id: { $in: ids } }] : []),
      ...(fresh.length > 0 ? [{ streamId: { $in: fresh } }] : []),
      ...(branches.length > 0 ? [{ $or: branches }] : []),
    ];
    const tails = new Map<string, RecordedEvent[]>();
    for (const filter of filters) {
      const found = await this.d.events.find(filter, { session, projection: TAIL_PROJECTION }).toArray();
      for (const e of found) {
        const list = tails.get(e.streamId) ?? [];
        list.push(e as unknown as RecordedEvent);
        tails.set(e.streamId, list);
      }
    }
    return tails;
  }

  /**
   * Takes `count` positions from the counter; returns the last one. Every transaction writes the same
   * document, so concurrent ones (from other processes) conflict on it and commit one after another.
   */
  private async reserve(count: number, session: mongoose.mongo.ClientSession): Promise<number> {
    const counter = await this.d.counter.findOneAndUpdate(
      { _id: this.d.counterId },
      { $inc: { seq: count } },
      { session, returnDocument: 'after' },
    );
    if (!counter) throw missingCounter(this.d.counterId);
    return counter.seq;
  }

  /**
   * Inserts the records at the positions ending at `seq` and moves the heads — and, with `cas`, the counter
   * from `cas` to `seq` — in one `update` command. `headFilter` adds conditions on the head being moved (the
   * optimistic path: the hash it read). Throws HeadMovedError when a head or the counter was not where the
   * filters expected it.
   */
  private async write(
    accepted: { p: Pending; records: RecordedEvent[] }[],
    session: mongoose.mongo.ClientSession,
    seq: number,
    opts: { cas?: number; headFilter?: (p: Pending) => Record<string, unknown> },
  ) {
    const all = accepted.flatMap((a) => a.records);
    all.forEach((r, i) => (r.position = seq - all.length + 1 + i));
    const docs = all.map((r) => toEventDoc(r, this.d.hashAlg));
    // One document (a lone append, the common case): the plain command, not the driver's bulk machinery
    // around it — same statement on the wire, less client CPU per append.
    if (docs.length === 1) await this.d.events.insertOne(docs[0]!, { session });
    else await this.d.events.insertMany(docs, { session, ordered: true });
    const updates: UpdateStatement[] = accepted.map(({ p, records }) => {
      const head = headOf(records[records.length - 1]!);
      // A new stream's head is an upsert that inserts only where no head exists (one command for all heads).
      return p.expectedVersion === 0
        ? { q: { _id: p.streamId }, u: { $setOnInsert: head }, upsert: true }
        : { q: { _id: p.streamId, version: p.expectedVersion, ...opts.headFilter?.(p) }, u: { $set: head } };
    });
    if (opts.cas !== undefined)
      updates.push({ q: { _id: this.d.counterId, seq: opts.cas }, u: { $inc: { seq: all.length } } });
    const created = accepted.filter((a) => a.p.expectedVersion === 0).length;
    const r = await this.update(updates, session);
    if (r.upserted !== created || r.matched !== updates.length - created)
      throw new HeadMovedError('a stream head or the position counter moved');
  }

  /**
   * One `update` command on the heads collection (the driver's `bulkWrite` would split inserts from updates
   * and costs more client CPU); write errors are thrown as the driver throws them (code 11000 included).
   */
  private async update(
    updates: UpdateStatement[],
    session: mongoose.mongo.ClientSession,
  ): Promise<{ matched: number; upserted: number }> {
    const reply = await this.d.db.command(
      { update: this.d.heads.collectionName, updates, ordered: true },
      { session },
    );
    const writeErrors = reply.writeErrors as { code: number; errmsg: string }[] | undefined;
    if (writeErrors?.length) {
      const first = writeErrors[0]!;
      throw Object.assign(new Error(first.errmsg), { code: first.code, writeErrors });
    }
    const upserted = (reply.upserted as unknown[] | undefined)?.length ?? 0;
    return { matched: Number(reply.n) - upserted, upserted };
  }
}

interface UpdateStatement {
  q: Record<string, unknown>;
  u: Record<string, unknown>;
  upsert?: boolean;
}

function missingCounter(id: string): Error {
  return new Error(`position counter ${id} is missing (open the store with MongoEventStore.open)`);
}

/** Both settled (no statement of the session still in flight when the transaction aborts), or the first error. */
async function settled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/** Each request's stream from its expected version on (version ≥ 1 for a new stream: any event). */
function tailFilter(group: readonly AppendRequest[]): Record<string, unknown> {
  const branches = group.map((p) => ({
    streamId: p.streamId,
    streamVersion: { $gte: Math.max(p.expectedVersion, 1) },
  }));
  return branches.length === 1 ? branches[0]! : { $or: branches };
}
