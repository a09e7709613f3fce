import type { ProjectionCatalog, StoreProjector } from '@peiyu/eventstore';
import { ENTITLEMENTS, type EntitlementDoc } from './entitlements';
import {
  AWARD_FACTS,
  ENTERPRISES,
  type AwardFactRecord,
  type AwardFactsDoc,
  type EnterpriseDoc,
} from './foreign';
import { LEDGERS } from './ledgers';
import { POLICIES, type PolicyDoc } from './policies';
import { SHARES, type ShareDoc } from './shares';

/**
 * Reads of subsidy's read models: its own (policies, entitlements, shares, ledgers: StoreProjector, from its
 * own store) and other services' (enterprises, entries: Kafka consumers). No route reads the events collection.
 */
export class ReadModels {
  constructor(
    readonly projector: StoreProjector,
    private readonly catalog: ProjectionCatalog,
  ) {}

  policies() {
    return this.projector.collection(POLICIES);
  }
  entitlements() {
    return this.projector.collection(ENTITLEMENTS);
  }
  shares() {
    return this.projector.collection(SHARES);
  }
  ledgers() {
    return this.projector.collection(LEDGERS);
  }

  async allPolicies(): Promise<PolicyDoc[]> {
    return (await (await this.policies()).find({}).toArray()) as unknown as PolicyDoc[];
  }

  async entitlement(entitlementId: string): Promise<EntitlementDoc | null> {
    await this.projector.catchUp();
    const coll = await this.entitlements();
    return (await coll.findOne({ entitlementId })) as unknown as EntitlementDoc | null;
  }

  /** The pending shares of a ledger, in decision order: a round's default. */
  async pendingShareIds(ledgerRef: string): Promise<string[]> {
    await this.projector.catchUp();
    const coll = await this.shares();
    const docs = (await coll
      .find({ ledgerId: `subsidy-ledger-${ledgerRef}`, status: 'pending' })
      .sort({ decisionOn: 1, entitlementId: 1 })
      .toArray()) as unknown as ShareDoc[];
    return docs.map((d) => d.entitlementId);
  }

  /** The ledgers holding a share on a basis (an HNTE certificate, an entry's registration number). */
  async ledgersOnBasis(basisKind: string, basisReference: string): Promise<string[]> {
    await this.projector.catchUp();
    const coll = await this.shares();
    const docs = (await coll.find({ basisKind, basisReference }).toArray()) as unknown as ShareDoc[];
    return [...new Set(docs.map((d) => d.ledgerId))].sort();
  }

  async enterprise(uscc: string): Promise<EnterpriseDoc | null> {
    const coll = await this.catalog.live(ENTERPRISES);
    return (await coll.findOne({ uscc })) as unknown as EnterpriseDoc | null;
  }

  /** Enterprise names by USCC (the registry's view; business data, no contact person), for lists and exports. */
  async enterpriseNames(usccs: readonly string[]): Promise<Map<string, string>> {
    const coll = await this.catalog.live(ENTERPRISES);
    const docs = (await coll
      .find({ uscc: { $in: [...new Set(usccs)] } }, { projection: { _id: 0, uscc: 1, name: 1 } })
      .toArray()) as unknown as Pick<EnterpriseDoc, 'uscc' | 'name'>[];
    return new Map(docs.map((d) => [d.uscc, d.name]));
  }

  /** Every recorded award fact of one type (a handful of streams per batch; one per certified enterprise). */
  async awardFacts(type: AwardFactRecord['type']): Promise<AwardFactRecord[]> {
    const coll = await this.catalog.live(AWARD_FACTS);
    const docs = (await coll.find({}).toArray()) as unknown as AwardFactsDoc[];
    return docs.flatMap((d) => d.facts ?? []).filter((f) => f.type === type);
  }

  /** An enterprise's entry of a campaign year, if assessment entered it. */
  async entryOf(uscc: string, year: number): Promise<AwardFactRecord | null> {
    const entries = await this.awardFacts('SmeEntered');
    return entries.find((f) => f.data.uscc === uscc && f.data.year === year) ?? null;
  }
}
