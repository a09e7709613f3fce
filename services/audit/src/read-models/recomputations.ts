import { randomUUID } from 'node:crypto';
import { placeOf, type Logger, type PlaceFilter, type ScopeOptions } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { ValidationError } from '@peiyu/service-kit';
import {
  emptySummary,
  unknownParameters,
  RECOMPUTED_EVENT_TYPES,
  recomputeEvent,
  summarise,
  type ParameterOverrides,
  type Recomputation,
  type RecomputeContext,
  type RecomputeSummary,
} from '../domain/recompute';
import type { PublishedVersion } from '../domain/recompute/subsidy-entitlement';
import type { EntryDoc, Ledger } from './ledger';

type Db = mongoose.mongo.Db;

/** One recomputed record, as an API answers it: where it is recorded, and the comparison. */
export interface RecomputedEntry extends Recomputation {
  streamId: string;
  version: number;
  eventId: string;
  eventType: string;
  countyCode: string | null;
}

export interface RecomputeJobDoc {
  _id: string;
  status: 'running' | 'done' | 'failed';
  requestedBy: { sub: string; role: string; region?: string };
  filter: { region?: string; year: number };
  parameterOverrides: ParameterOverrides;
  total: number;
  done: number;
  summary: RecomputeSummary;
  /** The records that differed or failed (at most MAX_LISTED, each with at most MAX_DIFFS diffs). */
  differing: Array<Pick<RecomputedEntry, 'streamId' | 'version' | 'kind' | 'ruleSetId' | 'diffs' | 'error'>>;
  startedAt: string;
  finishedAt?: string;
  error?: string;
}

const MAX_LISTED = 500;
const MAX_DIFFS = 20;
const TYPES = Object.keys(RECOMPUTED_EVENT_TYPES);

/** Where a recorded event's county lies (every recomputed event records the county it was decided for). */
export const countyOfEntry = (e: Pick<EntryDoc, 'data'>): string | null => {
  const c = (e.data as { countyCode?: unknown } | null)?.countyCode;
  return typeof c === 'string' ? c : null;
};

/** The year a batch recompute selects by: campaign year, submission year, or budget year. */
function yearFilter(year: number): Record<string, unknown> {
  return {
    $or: [
      { type: 'SmeEvaluationSubmitted', 'data.year': year },
      {
        type: { $in: ['HnteApplicationSubmitted', 'HnteApplicationResubmitted'] },
        'data.submittedOn': { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
      },
      { type: 'EntitlementCalculated', 'data.budgetYear': year },
    ],
  };
}

/**
 * Recomputations over the ledger: one recorded score, pre-check or entitlement, or every one of a region and
 * year as a job with progress and a summary (`audit_recompute_jobs`). Without parameter overrides a difference
 * is a `recompute-mismatch` finding (the record and the policy disagree); with overrides it is the question
 * asked, not a finding.
 */
export class Recomputations {
  readonly jobs;
  private readonly running = new Set<Promise<void>>();

  constructor(
    db: Db,
    private readonly o: { ledger: Ledger; logger: Logger; scope: ScopeOptions; now(): string },
  ) {
    this.jobs = db.collection<RecomputeJobDoc>('audit_recompute_jobs');
  }

  /** The subsidy policies' published versions as the ledger holds them, loaded once per call or job. */
  async context(): Promise<RecomputeContext> {
    const docs = await this.o.ledger.entries
      .find({ type: 'PolicyVersionPublished' })
      .sort({ streamId: 1, streamVersion: 1 })
      .toArray();
    const byPolicy = new Map<string, PublishedVersion[]>();
    for (const d of docs) {
      const v = this.o.ledger.decode(d).data as PublishedVersion;
      byPolicy.set(v.policyId, [...(byPolicy.get(v.policyId) ?? []), v]);
    }
    const names = new Set([...byPolicy.values()].flat().flatMap((v) => Object.keys(v.parameters)));
    return { publishedVersions: (id) => byPolicy.get(id) ?? [], parameterNames: () => names };
  }

  /** Refuses (400) overrides that name no parameter of their kind. */
  async checkOverrides(overrides: ParameterOverrides): Promise<RecomputeContext> {
    const ctx = await this.context();
    const unknown = unknownParameters(overrides, ctx);
    if (unknown.length > 0)
      throw new ValidationError(
        { en: `no such parameter: ${unknown.join(', ')}`, zh: `没有这些参数：${unknown.join('、')}` },
        unknown.map((u) => ({
          path: `parameterOverrides.${u}`,
          message: 'no rule set or policy version has this parameter',
          code: 'unknown_parameter',
        })),
      );
    return ctx;
  }

  /** The recomputable entry of a stream at a version, or its latest one. */
  async entryOf(streamId: string, version?: number): Promise<EntryDoc | null> {
    const filter: Record<string, unknown> = { streamId, type: { $in: TYPES } };
    if (version !== undefined) filter.streamVersion = version;
    const [e] = await this.o.ledger.entries.find(filter).sort({ streamVersion: -1 }).limit(1).toArray();
    return e ?? null;
  }

  /** Recomputes one entry; a difference without overrides is recorded as a finding. */
  async one(
    entry: EntryDoc,
    overrides: ParameterOverrides,
    ctx?: RecomputeContext,
  ): Promise<RecomputedEntry> {
    const decoded = this.o.ledger.decode(entry);
    const r = recomputeEvent(
      { type: entry.type, data: decoded.data },
      ctx ?? (await this.context()),
      overrides,
    )!;
    const result: RecomputedEntry = {
      streamId: entry.streamId,
      version: entry.streamVersion,
      eventId: entry.eventId,
      eventType: entry.type,
      countyCode: countyOfEntry(entry),
      ...r,
    };
    if (!r.match && Object.keys(overrides).length === 0)
      await this.o.ledger.record({
        streamId: entry.streamId,
        version: entry.streamVersion,
        check: 'recompute-mismatch',
        evidence: {
          kind: r.kind,
          ruleSetId: r.ruleSetId,
          diffs: r.diffs,
          ...(r.error ? { error: r.error } : {}),
        },
      });
    return result;
  }

  /** Starts a batch over a region (the scoped filter on place fields) and year. */
  async start(
    where: PlaceFilter,
    filter: RecomputeJobDoc['filter'],
    parameterOverrides: ParameterOverrides,
    by: RecomputeJobDoc['requestedBy'],
  ): Promise<RecomputeJobDoc> {
    await this.checkOverrides(parameterOverrides);
    const candidates = await this.o.ledger.entries
      // Only the county: a province's year is tens of thousands of forms, each read when the job reaches it.
      .find(
        { type: { $in: TYPES }, ...yearFilter(filter.year) },
        { projection: { _id: 1, 'data.countyCode': 1 } },
      )
      .sort({ _id: 1 })
      .toArray();
    const ids = candidates.filter((e) => this.inRegion(countyOfEntry(e), where)).map((e) => e._id);
    const job: RecomputeJobDoc = {
      _id: randomUUID(),
      status: 'running',
      requestedBy: by,
      filter,
      parameterOverrides,
      total: ids.length,
      done: 0,
      summary: emptySummary(),
      differing: [],
      startedAt: this.o.now(),
    };
    await this.jobs.insertOne(job);
    const run = this.run(job, ids).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  /** The kit's place filter applied to a recorded county (the same fields a read model would store). */
  private inRegion(county: string | null, where: PlaceFilter): boolean {
    if (Object.keys(where).length === 0) return true;
    if (!county) return false;
    const place = placeOf(county, this.o.scope) as unknown as Record<string, unknown>;
    return Object.entries(where).every(([k, v]) => place[k] === v);
  }

  private async run(job: RecomputeJobDoc, ids: string[]): Promise<void> {
    const summary = emptySummary();
    const differing: RecomputeJobDoc['differing'] = [];
    let done = 0;
    try {
      const ctx = await this.context();
      for (const id of ids) {
        const entry = await this.o.ledger.entries.findOne({ _id: id });
        if (entry) {
          const r = await this.one(entry, job.parameterOverrides, ctx);
          summarise(summary, r);
          if (!r.match && differing.length < MAX_LISTED)
            differing.push({
              streamId: r.streamId,
              version: r.version,
              kind: r.kind,
              ruleSetId: r.ruleSetId,
              diffs: r.diffs.slice(0, MAX_DIFFS),
              ...(r.error ? { error: r.error } : {}),
            });
        }
        done++;
        if (done % 50 === 0)
          await this.jobs.updateOne({ _id: job._id }, { $set: { done, summary, differing } });
      }
      await this.jobs.updateOne(
        { _id: job._id },
        { $set: { status: 'done', done, summary, differing, finishedAt: this.o.now() } },
      );
    } catch (err) {
      this.o.logger.error({ err, job: job._id }, 'recompute job failed');
      await this.jobs.updateOne(
        { _id: job._id },
        {
          $set: { status: 'failed', done, summary, error: (err as Error).message, finishedAt: this.o.now() },
        },
      );
    }
  }

  async get(id: string): Promise<RecomputeJobDoc | null> {
    return this.jobs.findOne({ _id: id });
  }

  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
