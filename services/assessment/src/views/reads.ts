import { smeBatchStreamId, smeEvaluationStreamId, type EventData, type SmeEntered } from '@peiyu/contracts';
import type { EventCodec, EventDoc, EventStore, ProjectionCatalog } from '@peiyu/eventstore';
import type { mongo } from 'mongoose';
import {
  evolveBatch,
  evolveEvaluation,
  hnteValidOn,
  revocationRecord,
  withBatchOutcome,
  withinRegion,
  type Batch,
  type BatchEvent,
  type BatchState,
  type EnterpriseView,
  type Evaluation,
  type EvaluationEvent,
  type EvaluationState,
  type HnteCertificateView,
  type ItemBatchEvent,
  type RevocationRecord,
} from '../domain';
import { ENTERPRISE_VIEW, type EnterpriseViewDoc } from './enterprise-view';
import { HNTE_CERTIFICATES, type HnteCertificatesDoc } from './hnte-certificates';

const ITEM_EVENT_TYPES = ['AddedToBatch', 'ObjectionResolved', 'SmeEntered'];

export interface LoadedEvaluation {
  /** The evaluation stream's own state (what the decider folds). */
  state: EvaluationState;
  /** The same with the batch outcome folded on top (what the API shows). */
  view: EvaluationState;
  version: number;
  itemEvents: ItemBatchEvent[];
}

/**
 * Reads of the assessment's own event store and of the local views. The batch-item index and the revocation
 * history are read from the store's events collection (indexed), not from a Kafka-fed projection: the deciders
 * need them consistent with what was just appended (a batch item added a moment ago must already block a
 * withdrawal), and the events collection is exactly as durable as the append itself.
 */
export class AssessmentReads {
  constructor(
    private readonly store: EventStore,
    private readonly events: mongo.Collection<EventDoc>,
    private readonly codec: EventCodec,
    private readonly catalog: ProjectionCatalog,
  ) {}

  static async indexes(events: mongo.Collection<EventDoc>): Promise<void> {
    await events.createIndexes([
      { key: { type: 1, 'data.evaluationId': 1 }, name: 'assessment_item_events' },
      { key: { type: 1, 'data.items.evaluationId': 1 }, name: 'assessment_batched_items' },
      { key: { type: 1, 'data.provinceCode': 1 }, name: 'assessment_batches' },
      { key: { type: 1, 'data.uscc': 1 }, name: 'assessment_by_uscc' },
      { key: { type: 1, 'data.year': 1 }, name: 'assessment_by_year' },
    ]);
  }

  private async find(filter: mongo.Filter<EventDoc>): Promise<Array<{ type: string; data: unknown }>> {
    const docs = await this.events.find(filter).sort({ position: 1 }).toArray();
    return docs.map((d) => {
      const e = this.codec.decode({ type: d.type, schemaVersion: d.schemaVersion, data: d.data });
      return { type: e.type, data: e.data };
    });
  }

  /** The batch events that change this evaluation's status, in recorded order (the README's index). */
  async itemBatchEvents(evaluationId: string): Promise<ItemBatchEvent[]> {
    const found = await this.find({
      type: { $in: ITEM_EVENT_TYPES },
      $or: [{ 'data.evaluationId': evaluationId }, { 'data.items.evaluationId': evaluationId }],
    });
    return found as ItemBatchEvent[];
  }

  async revocations(uscc: string): Promise<RevocationRecord[]> {
    const found = await this.find({ type: 'SmeEntryRevoked', 'data.uscc': uscc });
    return found.map((e) => revocationRecord(e.data as Parameters<typeof revocationRecord>[0]));
  }

  async loadEvaluation(uscc: string, year: number): Promise<LoadedEvaluation> {
    const history = await this.store.readStream(smeEvaluationStreamId(uscc, year));
    const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
    const state = history.reduce<EvaluationState>(
      (s, e) => evolveEvaluation(s, { type: e.type, data: e.data } as EvaluationEvent),
      null,
    );
    const itemEvents = state ? await this.itemBatchEvents(state.evaluationId) : [];
    return { state, view: state ? withBatchOutcome(state, itemEvents) : null, version, itemEvents };
  }

  /** Which stream an evaluation id lives in (ids are unique: the shell mints UUIDs). */
  async locate(evaluationId: string): Promise<{ uscc: string; year: number } | null> {
    const doc = await this.events.findOne({
      type: 'SmeEvaluationDrafted',
      'data.evaluationId': evaluationId,
    });
    if (!doc) return null;
    const d = doc.data as { uscc: string; year: number };
    return { uscc: d.uscc, year: d.year };
  }

  /** The current evaluation of every (enterprise, year) stream of these enterprises. */
  async evaluationsOf(usccs: readonly string[], year?: number): Promise<Evaluation[]> {
    if (usccs.length === 0) return [];
    const filter: mongo.Filter<EventDoc> = { type: 'SmeEvaluationDrafted', 'data.uscc': { $in: [...usccs] } };
    if (year !== undefined) filter['data.year'] = year;
    const drafts = await this.events.find(filter).toArray();
    const keys = [
      ...new Set(
        drafts.map((d) => JSON.stringify([(d.data as Evaluation).uscc, (d.data as Evaluation).year])),
      ),
    ];
    const loaded = await Promise.all(
      keys.map((k) => {
        const [uscc, y] = JSON.parse(k) as [string, number];
        return this.loadEvaluation(uscc, y);
      }),
    );
    return loaded.map((l) => l.view).filter((v): v is Evaluation => v !== null);
  }

  async loadBatch(batchId: string): Promise<{ state: BatchState; version: number }> {
    const history = await this.store.readStream(smeBatchStreamId(batchId));
    const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
    const state = history.reduce<BatchState>(
      (s, e) => evolveBatch(s, { type: e.type, data: e.data } as BatchEvent),
      null,
    );
    return { state, version };
  }

  /** The batches of a province (optionally of one campaign year), newest first. */
  async batchesOf(provinceCode: string, year?: number): Promise<Array<{ state: Batch; version: number }>> {
    const filter: mongo.Filter<EventDoc> = { type: 'AddedToBatch', 'data.provinceCode': provinceCode };
    if (year !== undefined) filter['data.year'] = year;
    const added = await this.events.find(filter).sort({ position: -1 }).toArray();
    const ids = [...new Set(added.map((d) => (d.data as { batchId: string }).batchId))];
    const loaded = await Promise.all(ids.map((id) => this.loadBatch(id)));
    return loaded.filter((b): b is { state: Batch; version: number } => b.state !== null);
  }

  /** Entries of a campaign year still standing (an entry revoked later leaves the announcement list). */
  async entries(year: number): Promise<Array<EventData<typeof SmeEntered>>> {
    const entered = await this.find({ type: 'SmeEntered', 'data.year': year });
    const revoked = new Set(
      (await this.find({ type: 'SmeEntryRevoked', 'data.year': year })).map(
        (e) => (e.data as { evaluationId: string }).evaluationId,
      ),
    );
    return entered
      .map((e) => e.data as EventData<typeof SmeEntered>)
      .filter((d) => !revoked.has(d.evaluationId));
  }

  async enterprise(uscc: string): Promise<EnterpriseView | null> {
    const coll = await this.catalog.live(ENTERPRISE_VIEW);
    const doc = (await coll.findOne({ uscc })) as unknown as EnterpriseViewDoc | null;
    return doc?.view ?? null;
  }

  async enterprises(usccs: readonly string[]): Promise<Map<string, EnterpriseView>> {
    const coll = await this.catalog.live(ENTERPRISE_VIEW);
    const docs = (await coll.find({ uscc: { $in: [...usccs] } }).toArray()) as unknown as EnterpriseViewDoc[];
    return new Map(docs.map((d) => [d.uscc, d.view]));
  }

  /** Enterprises whose current county lies within a region (county, city or province code). */
  async enterprisesIn(region: string): Promise<EnterpriseView[]> {
    const coll = await this.catalog.live(ENTERPRISE_VIEW);
    const prefix = /^\d{2}0000$/.test(region)
      ? region.slice(0, 2)
      : /^\d{4}00$/.test(region)
        ? region.slice(0, 4)
        : region;
    const docs = (await coll
      .find({ divisionCode: { $regex: `^${prefix}` } })
      .toArray()) as unknown as EnterpriseViewDoc[];
    return docs.map((d) => d.view).filter((v) => withinRegion(region, v.divisionCode));
  }

  async hnteCertificates(uscc: string): Promise<HnteCertificateView[]> {
    const coll = await this.catalog.live(HNTE_CERTIFICATES);
    const docs = (await coll.find({ uscc }).toArray()) as unknown as HnteCertificatesDoc[];
    return docs.flatMap((d) => d.certificates);
  }

  async hnteValidOn(uscc: string, date: string): Promise<boolean> {
    return hnteValidOn(await this.hnteCertificates(uscc), date);
  }
}
