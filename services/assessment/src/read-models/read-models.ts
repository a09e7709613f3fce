import type { ProjectionCatalog, StoreProjector } from '@peiyu/eventstore';
import {
  hnteValidOn,
  type EnterpriseView,
  type HnteCertificateView,
  type ItemBatchEvent,
  type RevocationRecord,
} from '../domain';
import { BATCHES, type BatchDoc } from './batches';
import { ENTERPRISES, type EnterpriseDoc } from './enterprises';
import { EVALUATIONS, type EvaluationDoc } from './evaluations';
import { HNTE_CERTIFICATES, type HnteCertificatesDoc } from './hnte-certificates';

/**
 * Reads of assessment's read models: its own (evaluations, batches: StoreProjector, from its own store) and
 * other services' (enterprises, HNTE certificates: Kafka consumers). No route reads the events collection.
 */
export class ReadModels {
  constructor(
    readonly projector: StoreProjector,
    private readonly catalog: ProjectionCatalog,
  ) {}

  evaluations() {
    return this.projector.collection(EVALUATIONS);
  }

  batches() {
    return this.projector.collection(BATCHES);
  }

  enterprisesCollection() {
    return this.catalog.live(ENTERPRISES);
  }

  async evaluation(evaluationId: string): Promise<EvaluationDoc | null> {
    const coll = await this.evaluations();
    return (await coll.findOne({ _id: evaluationId })) as unknown as EvaluationDoc | null;
  }

  /** The batch events that changed this evaluation's status, in recorded order. */
  async itemEvents(evaluationId: string): Promise<ItemBatchEvent[]> {
    return (await this.evaluation(evaluationId))?.itemEvents ?? [];
  }

  /** Past revocations of an enterprise's entries, any campaign year (the bars of tech-sme.md). */
  async revocations(uscc: string): Promise<RevocationRecord[]> {
    const coll = await this.evaluations();
    const docs = (await coll.find({ uscc, status: 'revoked' }).toArray()) as unknown as EvaluationDoc[];
    return docs.flatMap((d) =>
      d.evaluation.revocation
        ? [
            {
              year: d.year,
              revokedOn: d.evaluation.revocation.revokedOn,
              fraud: d.evaluation.revocation.fraud,
            },
          ]
        : [],
    );
  }

  async batch(batchId: string, streamId: string): Promise<BatchDoc | null> {
    const coll = await this.batches();
    const doc = (await coll.findOne({ _id: streamId })) as unknown as BatchDoc | null;
    return doc?.batchId === batchId ? doc : null;
  }

  async enterprise(uscc: string): Promise<EnterpriseView | null> {
    const coll = await this.enterprisesCollection();
    const doc = (await coll.findOne({ uscc })) as unknown as EnterpriseDoc | null;
    return doc?.view ?? null;
  }

  async enterprises(usccs: readonly string[]): Promise<Map<string, EnterpriseView>> {
    const coll = await this.enterprisesCollection();
    const docs = (await coll.find({ uscc: { $in: [...usccs] } }).toArray()) as unknown as EnterpriseDoc[];
    return new Map(docs.map((d) => [d.uscc, d.view]));
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
