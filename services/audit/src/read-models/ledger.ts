import type { EventEnvelope } from '@peiyu/contracts';
import { compareCodePoints, type EventCodec, type StreamHeadEntry } from '@peiyu/eventstore';
import type { Logger, ScopeOptions } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { arrive, findingKey, type Finding, type LedgerEntry, type LedgerHead } from '../domain/ledger';
import { placeAfter, type StreamPlace } from '../domain/place';
import { foldStream, ownerOf, plain } from '../domain/replay';
import { usccsOfEvent } from '../domain/timeline';

type Db = mongoose.mongo.Db;

/** One stored entry: the event as it arrived, chained, with the enterprises it is about (timelines). */
export interface EntryDoc extends LedgerEntry {
  _id: string;
  usccs: string[];
  topic?: string;
}

/** A stream of the ledger: its head, its place, and the state its owner's fold gave on arrival. */
export interface StreamDoc extends StreamPlace {
  _id: string;
  version: number;
  hash: string;
  gapAt?: number;
  service: string;
  firstRecordedAt: string;
  lastRecordedAt: string;
  /** The owner's `evolve` over the events as they arrived (what a later replay is compared with). */
  state?: unknown;
  stateError?: string;
}

export interface FindingDoc extends Finding, StreamPlace {
  _id: string;
  service: string;
  detectedAt: string;
}

const serviceOf = (streamId: string): string =>
  streamId.startsWith('enterprise-') || streamId.startsWith('working-calendar-')
    ? 'registry'
    : streamId.startsWith('sme-')
      ? 'assessment'
      : 'unknown';

/**
 * The append-only ledger in the audit's own database: `ledger_entries` (insert only; `_id` = stream@version
 * makes a second event for one version impossible to store silently), `ledger_streams` (heads), and
 * `audit_findings` (every gap, fork or mismatch, with its evidence; also logged as an alert).
 */
export class Ledger {
  readonly entries;
  readonly streams;
  readonly findings;
  private readonly counters;

  constructor(
    readonly db: Db,
    private readonly o: { codec: EventCodec; logger: Logger; scope: ScopeOptions; now(): string },
  ) {
    this.entries = db.collection<EntryDoc>('ledger_entries');
    this.streams = db.collection<StreamDoc>('ledger_streams');
    this.findings = db.collection<FindingDoc>('audit_findings');
    this.counters = db.collection<{ _id: string; seq: number }>('ledger_counters');
  }

  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ streamId: 1, streamVersion: 1 }, { name: 'stream' });
    await this.entries.createIndex({ usccs: 1, recordedAt: 1 }, { name: 'usccs' });
    await this.streams.createIndex({ countyCode: 1 }, { name: 'county' });
    await this.findings.createIndex({ detectedAt: -1 }, { name: 'detected' });
  }

  /** Takes events in arrival order (one partition's batch); returns the findings they raised. */
  async ingest(events: readonly EventEnvelope[], topic?: string): Promise<Finding[]> {
    const raised: Finding[] = [];
    for (const event of events) {
      const head = await this.streams.findOne({ _id: event.streamId });
      const recorded = await this.entries.findOne({ _id: entryId(event.streamId, event.streamVersion) });
      const ledgerHead: LedgerHead | undefined = head
        ? {
            streamId: head._id,
            version: head.version,
            hash: head.hash,
            ...(head.gapAt ? { gapAt: head.gapAt } : {}),
          }
        : undefined;
      const a = arrive(ledgerHead, event, recorded ?? undefined);
      if (a.kind === 'duplicate') {
        // A retry after a write that stored the entry but not the head: finish moving the head.
        if (recorded && (head?.version ?? 0) === event.streamVersion - 1) {
          const h = { streamId: event.streamId, version: recorded.streamVersion, hash: recorded.hash };
          if (head) await this.moveStream(head, event, h);
          else await this.newStream(event, h, recorded);
        }
        continue;
      }
      if (a.kind === 'finding') {
        if (a.head?.gapAt !== undefined && head?.gapAt === undefined && head)
          await this.streams.updateOne({ _id: head._id }, { $set: { gapAt: a.head.gapAt } });
        else if (a.head?.gapAt !== undefined && !head) await this.newStream(event, a.head, undefined);
        await this.record(a.finding);
        raised.push(a.finding);
        continue;
      }
      const seq = await this.nextSeq();
      const doc: EntryDoc = {
        ...a.entry,
        _id: entryId(event.streamId, event.streamVersion),
        seq,
        usccs: usccsOfEvent(event.streamId, event.data),
        ...(topic ? { topic } : {}),
      };
      await this.entries.insertOne(doc);
      if (head) await this.moveStream(head, event, a.head);
      else await this.newStream(event, a.head, doc);
    }
    return raised;
  }

  private async newStream(event: EventEnvelope, h: LedgerHead, entry: EntryDoc | undefined): Promise<void> {
    const place = placeAfter(event.streamId, undefined, event, () => undefined, this.o.scope);
    const folded = entry ? this.fold(event.streamId, undefined, event) : {};
    await this.streams.insertOne({
      _id: event.streamId,
      version: h.version,
      hash: h.hash,
      ...(h.gapAt ? { gapAt: h.gapAt } : {}),
      ...(await this.withEnterpriseCounty(event, place)),
      service: serviceOf(event.streamId),
      firstRecordedAt: event.recordedAt,
      lastRecordedAt: event.recordedAt,
      ...folded,
    });
  }

  private async moveStream(head: StreamDoc, event: EventEnvelope, h: LedgerHead): Promise<void> {
    const place = placeAfter(event.streamId, head, event, () => undefined, this.o.scope);
    const update: Partial<StreamDoc> = {
      version: h.version,
      hash: h.hash,
      lastRecordedAt: event.recordedAt,
      ...place,
      ...this.fold(event.streamId, head, event),
    };
    // Conditional on the version loaded: a second intake racing on the same stream cannot move it twice.
    const r = await this.streams.updateOne(
      { _id: head._id, version: head.version },
      { $set: update, $unset: { gapAt: '' } },
    );
    if (r.matchedCount !== 1) throw new Error(`ledger head of ${head._id} moved concurrently`);
  }

  private async withEnterpriseCounty(event: EventEnvelope, place: StreamPlace): Promise<StreamPlace> {
    if (place.countyCode || !event.streamId.startsWith('sme-evaluation-')) return place;
    const uscc = usccsOfEvent(event.streamId, null)[0];
    const ent = uscc ? await this.streams.findOne({ _id: `enterprise-${uscc}` }) : null;
    return ent?.countyCode
      ? placeAfter(event.streamId, undefined, event, () => ent.countyCode!, this.o.scope)
      : place;
  }

  /** The owner's fold carried one event further (upcast first): the recorded state a replay is held to. */
  private fold(
    streamId: string,
    head: StreamDoc | undefined,
    event: EventEnvelope,
  ): Pick<StreamDoc, 'state' | 'stateError'> {
    const owner = ownerOf(streamId);
    if (!owner || head?.stateError) return {};
    try {
      const d = this.o.codec.decode({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
      });
      const state = owner.evolve(head ? head.state : owner.initial, { type: event.type, data: d.data });
      return { state: plain(state) };
    } catch (err) {
      return { stateError: `version ${event.streamVersion}: ${(err as Error).message}` };
    }
  }

  async record(f: Finding): Promise<void> {
    const stream = await this.streams.findOne({ _id: f.streamId });
    const place: StreamPlace = stream
      ? { countyCode: stream.countyCode, cityCode: stream.cityCode, provinceCode: stream.provinceCode }
      : { countyCode: null, cityCode: null, provinceCode: null };
    const doc: FindingDoc = {
      _id: findingKey(f),
      ...f,
      ...place,
      service: serviceOf(f.streamId),
      detectedAt: this.o.now(),
    } as FindingDoc;
    const r = await this.findings.updateOne({ _id: doc._id }, { $setOnInsert: doc }, { upsert: true });
    if (r.upsertedCount)
      this.o.logger.error(
        {
          alert: 'audit.finding',
          check: f.check,
          stream: f.streamId,
          version: f.version,
          evidence: f.evidence,
        },
        `audit finding: ${f.check} in ${f.streamId} at version ${f.version}`,
      );
  }

  private async nextSeq(): Promise<number> {
    const r = await this.counters.findOneAndUpdate(
      { _id: 'entries' },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    return r!.seq;
  }

  async stream(streamId: string, upTo?: number): Promise<EntryDoc[]> {
    const filter: Record<string, unknown> = { streamId };
    if (upTo !== undefined) filter.streamVersion = { $lte: upTo };
    return this.entries.find(filter).sort({ streamVersion: 1 }).toArray();
  }

  async entryAt(streamId: string, version: number): Promise<EntryDoc | null> {
    return this.entries.findOne({ _id: entryId(streamId, version) });
  }

  /** Every head, ascending by stream id in code-point order (the order checkpoints are defined in). */
  async heads(): Promise<StreamHeadEntry[]> {
    const docs = await this.streams.find({}, { projection: { version: 1, hash: 1 } }).toArray();
    return docs
      .map((d) => ({ streamId: d._id, version: d.version, hash: d.hash }))
      .filter((h) => h.version > 0)
      .sort((a, b) => compareCodePoints(a.streamId, b.streamId));
  }

  /** An entry's data upcast to its latest schema (what the owners' folds take). */
  decode(e: Pick<EntryDoc, 'type' | 'schemaVersion' | 'data'>) {
    return this.o.codec.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
  }

  /** An owner's fold over the ledger's events (upcast), from scratch: what a replay compares. */
  async replay(streamId: string, upTo?: number): Promise<{ state: unknown; events: number } | undefined> {
    const owner = ownerOf(streamId);
    if (!owner) return undefined;
    const entries = await this.stream(streamId, upTo);
    const decoded = entries.map((e) => ({
      type: e.type,
      data: this.o.codec.decode({ type: e.type, schemaVersion: e.schemaVersion, data: e.data }).data,
    }));
    return { state: foldStream(owner, decoded), events: entries.length };
  }
}

export const entryId = (streamId: string, version: number): string => `${streamId}@${version}`;
