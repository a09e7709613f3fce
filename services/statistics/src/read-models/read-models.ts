import { enterpriseStreamId } from '@peiyu/contracts';
import type { ProjectionCatalog, StoreProjector } from '@peiyu/eventstore';
import {
  foldSourceEvents,
  latestKnown,
  type IndicatorReport,
  type PublishedRanking,
  type Recorded,
  type RankingMethodSetEvent,
  type SourceEvent,
  type SourceFacts,
  type TargetFigures,
  type CountyTargetSetEvent,
} from '../domain';
import { METHODS, RANKINGS, REPORTS, TARGETS, type RecordsDoc } from './records';
import { SOURCE_EVENTS, TITLE_EVENTS, type SourceEventsDoc } from './source-events';

type TargetData = CountyTargetSetEvent['data'];
type MethodData = RankingMethodSetEvent['data'];

/**
 * Reads of statistics' read models: its own records (StoreProjector) and the source events of the other
 * services (Kafka consumers) plus its own titles. No route reads the events collection.
 */
export class ReadModels {
  private folded: { key: string; facts: SourceFacts } | undefined;
  /** The fold in progress, shared by the requests that arrive while it runs. */
  private folding: { key: string; facts: Promise<SourceFacts> } | undefined;
  /** How many times the sources were folded (the memo's effect is observable in tests). */
  folds = 0;

  constructor(
    readonly projector: StoreProjector,
    private readonly catalog: ProjectionCatalog,
  ) {}

  targets() {
    return this.projector.collection(TARGETS);
  }
  reports() {
    return this.projector.collection(REPORTS);
  }
  methods() {
    return this.projector.collection(METHODS);
  }
  rankings() {
    return this.projector.collection(RANKINGS);
  }

  /**
   * Every source event known so far, folded into dated facts. Each query then limits by date and by what was
   * known at an instant, so reading everything keeps a published quarter reproducible.
   *
   * Folded once per state of the sources, not per request: the fold is kept with the sources' mark (documents
   * and the sum of their versions, `_v`, in each collection — any event applied to any stream raises it) and
   * reused while the mark is unchanged. The mark is computed by the database (one `$group`), so a request at a
   * province's volume reads a few numbers instead of every event. Exact by construction: a late event (one
   * recorded long ago but delivered now) changes the mark, and the next read folds it in.
   */
  async facts(): Promise<SourceFacts> {
    const [sources, titles] = await Promise.all([
      this.catalog.live(SOURCE_EVENTS),
      this.projector.collection(TITLE_EVENTS),
    ]);
    const key = `${sources.collectionName}:${await markOf(sources)}/${await markOf(titles)}`;
    if (this.folded?.key === key) return this.folded.facts;
    // Requests that arrive together for the same mark share one fold (each would otherwise hold every event).
    if (this.folding?.key !== key) this.folding = { key, facts: this.fold(key, sources, titles) };
    return this.folding.facts;
  }

  private async fold(
    key: string,
    sources: Awaited<ReturnType<ProjectionCatalog['live']>>,
    titles: Awaited<ReturnType<StoreProjector['collection']>>,
  ): Promise<SourceFacts> {
    try {
      const docs = [
        ...((await sources.find({}).toArray()) as unknown as SourceEventsDoc[]),
        ...((await titles.find({}).toArray()) as unknown as SourceEventsDoc[]),
      ];
      const facts = foldSourceEvents(docs.flatMap((d): SourceEvent[] => d.events ?? []));
      this.folds += 1;
      // Keyed by the mark read before the documents: an event landing in between only causes one more fold.
      this.folded = { key, facts };
      return facts;
    } finally {
      if (this.folding?.key === key) this.folding = undefined;
    }
  }

  /**
   * One enterprise's registry facts (registration, relocations, deregistration) from its own source document,
   * for a command about that enterprise: a title grant needs its county now, not every enterprise's facts — the
   * whole fold cost a read of every source event per grant, since each grant changes the titles' mark.
   */
  async enterpriseFacts(uscc: string): Promise<SourceFacts> {
    const sources = await this.catalog.live(SOURCE_EVENTS);
    const doc = (await sources.findOne({
      _id: enterpriseStreamId(uscc) as never,
    })) as unknown as SourceEventsDoc | null;
    return foldSourceEvents(doc?.events ?? []);
  }

  /** Every version of every county's reports of a year, with when each was recorded. */
  async reportsOfYear(year: number): Promise<Recorded<IndicatorReport>[]> {
    const docs = (await (
      await this.reports()
    )
      .find({ year })
      .toArray()) as unknown as RecordsDoc<IndicatorReport>[];
    return docs.flatMap((d) => d.versions);
  }

  async reportDoc(countyCode: string, year: number, quarter: number) {
    return (await (
      await this.reports()
    ).findOne({ countyCode, year, quarter })) as unknown as RecordsDoc<IndicatorReport> | null;
  }

  /** The latest targets of each county of a year known at an instant (every version when knownAt is absent). */
  async targetsOf(
    year: number,
    countyCodes: readonly string[],
    knownAt?: string,
  ): Promise<Map<string, TargetFigures>> {
    const docs = (await (
      await this.targets()
    )
      .find({ year, countyCode: { $in: [...countyCodes] } })
      .toArray()) as unknown as RecordsDoc<TargetData>[];
    const out = new Map<string, TargetFigures>();
    for (const d of docs) {
      const latest = latestKnown(d.versions, (t) => t.targetVersion, knownAt);
      if (latest) out.set(latest.countyCode, latest.targets);
    }
    return out;
  }

  /** The counties of an area (city, or province for its 省直管县) that have targets for the year. */
  async countiesWithTargets(areaCode: string, year: number): Promise<string[]> {
    const docs = (await (
      await this.targets()
    )
      .find({ year, 'latest.cityCode': areaCode })
      .toArray()) as unknown as RecordsDoc<TargetData>[];
    return docs.map((d) => d.latest.countyCode);
  }

  async method(areaCode: string, year: number, knownAt?: string): Promise<MethodData | null> {
    const doc = (await (
      await this.methods()
    ).findOne({ areaCode, year })) as unknown as RecordsDoc<MethodData> | null;
    return doc ? latestKnown(doc.versions, (m) => m.methodVersion, knownAt) : null;
  }

  async ranking(
    areaCode: string,
    year: number,
    quarter: number,
  ): Promise<RecordsDoc<PublishedRanking> | null> {
    return (await (
      await this.rankings()
    ).findOne({ areaCode, year, quarter })) as unknown as RecordsDoc<PublishedRanking> | null;
  }
}

/** A collection's state as two numbers: its documents and the sum of their versions (both only grow). */
async function markOf(collection: {
  aggregate(pipeline: object[]): { toArray(): Promise<unknown[]> };
}): Promise<string> {
  const [m] = (await collection
    .aggregate([{ $group: { _id: null, n: { $sum: 1 }, v: { $sum: '$_v' } } }])
    .toArray()) as Array<{ n: number; v: number }>;
  return m ? `${m.n}.${m.v}` : '0.0';
}
