import type { ProjectionCatalog, StoreProjector } from '@peiyu/eventstore';
import type { Application, IpClaim } from '../domain';
import { APPLICATIONS, type ApplicationDoc } from './applications';
import { BATCHES, type BatchDoc } from './batches';
import { CERTIFICATES } from './records';
import { ENTERPRISES, type EnterpriseDoc, type EnterpriseFacts } from './enterprises';
import { EXPERTS } from './experts';
import { TECH_SMES, type TechSmeDoc, type TechSmeEntry } from './tech-smes';

/**
 * Reads of certification's read models: its own (applications, batches, certificates, experts: StoreProjector,
 * from its own store) and other services' (enterprises, entered tech SMEs: Kafka consumers). No route reads
 * the events collection.
 */
export class ReadModels {
  constructor(
    readonly projector: StoreProjector,
    private readonly catalog: ProjectionCatalog,
  ) {}

  applications() {
    return this.projector.collection(APPLICATIONS);
  }

  batches() {
    return this.projector.collection(BATCHES);
  }

  certificates() {
    return this.projector.collection(CERTIFICATES);
  }

  experts() {
    return this.projector.collection(EXPERTS);
  }

  enterprisesCollection() {
    return this.catalog.live(ENTERPRISES);
  }

  techSmesCollection() {
    return this.catalog.live(TECH_SMES);
  }

  async batch(batchId: string): Promise<BatchDoc | null> {
    const coll = await this.batches();
    return (await coll.findOne({ _id: batchId })) as unknown as BatchDoc | null;
  }

  async application(applicationId: string): Promise<Application | null> {
    const coll = await this.applications();
    const doc = (await coll.findOne({ _id: applicationId })) as unknown as ApplicationDoc | null;
    return doc?.application ?? null;
  }

  /** Every application that listed each IP item (`kind:number`), any batch, any enterprise. */
  async ipClaims(keys: readonly string[]): Promise<Map<string, IpClaim[]>> {
    const out = new Map<string, IpClaim[]>(keys.map((k) => [k, []]));
    if (keys.length === 0) return out;
    const coll = await this.applications();
    const docs = (await coll.find({ ipKeys: { $in: [...keys] } }).toArray()) as unknown as ApplicationDoc[];
    for (const d of docs) {
      const claim = { applicationId: d.applicationId, batchId: d.batchId, uscc: d.uscc, status: d.status };
      for (const k of d.ipKeys) out.get(k)?.push(claim);
    }
    return out;
  }

  async enterprise(uscc: string): Promise<EnterpriseFacts | null> {
    const coll = await this.enterprisesCollection();
    const doc = (await coll.findOne({ uscc })) as unknown as EnterpriseDoc | null;
    return doc?.view ?? null;
  }

  async enterprises(usccs: readonly string[]): Promise<Map<string, EnterpriseFacts>> {
    const coll = await this.enterprisesCollection();
    const docs = (await coll.find({ uscc: { $in: [...usccs] } }).toArray()) as unknown as EnterpriseDoc[];
    return new Map(docs.map((d) => [d.uscc, d.view]));
  }

  /** The USCCs of the enterprises a scope filter (service-kit listScope, on the place fields) selects. */
  async usccsWhere(filter: Record<string, unknown>): Promise<string[]> {
    const coll = await this.enterprisesCollection();
    const docs = await coll.find(filter, { projection: { uscc: 1 } }).toArray();
    return docs.map((d) => (d as unknown as { uscc: string }).uscc);
  }

  /** Tech-SME entries in force on `date` of the given counties (not revoked). */
  async enteredTechSmes(counties: readonly string[] | null, date: string): Promise<TechSmeEntry[]> {
    const coll = await this.techSmesCollection();
    const docs = (await coll.find({}).toArray()) as unknown as TechSmeDoc[];
    const revoked = new Set(docs.flatMap((d) => d.revoked));
    return docs
      .flatMap((d) => d.entries)
      .filter((e) => !revoked.has(e.evaluationId) && e.enteredOn <= date && date <= e.validUntil)
      .filter((e) => counties === null || counties.includes(e.countyCode));
  }
}
