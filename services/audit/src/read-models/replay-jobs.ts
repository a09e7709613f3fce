import { randomUUID } from 'node:crypto';
import type { Logger } from '@peiyu/service-kit';
import type mongoose from 'mongoose';
import { diffStates, type FieldDiff } from '../domain/replay';
import type { Ledger, StreamDoc } from './ledger';

type Db = mongoose.mongo.Db;

export interface ReplayJobDoc {
  _id: string;
  status: 'running' | 'done' | 'failed';
  /** Who asked, and for what (the job is itself an auditor's query, logged). */
  requestedBy: { sub: string; role: string; region?: string };
  filter: { region?: string; from?: string; to?: string };
  total: number;
  done: number;
  matched: number;
  mismatched: Array<{ streamId: string; diffs: FieldDiff[] }>;
  notReplayable: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
}

export interface StreamReplay {
  streamId: string;
  replayable: boolean;
  events: number;
  recordedVersion: number;
  match: boolean;
  diffs: FieldDiff[];
  recordedState: unknown;
  replayedState: unknown;
}

/** One stream re-run through its owner's fold and compared with the state recorded as its events arrived. */
export async function replayOne(ledger: Ledger, stream: StreamDoc): Promise<StreamReplay> {
  const r = await ledger.replay(stream._id, stream.version);
  if (!r)
    return {
      streamId: stream._id,
      replayable: false,
      events: 0,
      recordedVersion: stream.version,
      match: true,
      diffs: [],
      recordedState: null,
      replayedState: null,
    };
  const diffs = stream.stateError
    ? [{ path: '(fold)', recorded: stream.stateError, replayed: 'replayed' }]
    : diffStates(stream.state ?? null, r.state);
  return {
    streamId: stream._id,
    replayable: true,
    events: r.events,
    recordedVersion: stream.version,
    match: diffs.length === 0,
    diffs,
    recordedState: stream.state ?? null,
    replayedState: r.state,
  };
}

/**
 * Replays of a region and period as jobs with progress (`done`/`total`), run in the service process and kept
 * in `audit_replay_jobs`; a mismatch is also a `replay-mismatch` finding.
 */
export class ReplayJobs {
  readonly jobs;
  private readonly running = new Set<Promise<void>>();

  constructor(
    db: Db,
    private readonly o: { ledger: Ledger; logger: Logger; now(): string },
  ) {
    this.jobs = db.collection<ReplayJobDoc>('audit_replay_jobs');
  }

  async start(
    filter: Record<string, unknown>,
    described: ReplayJobDoc['filter'],
    by: ReplayJobDoc['requestedBy'],
  ): Promise<ReplayJobDoc> {
    const where: Record<string, unknown> = { ...filter };
    if (described.from) where.lastRecordedAt = { $gte: described.from };
    if (described.to) where.firstRecordedAt = { $lte: described.to };
    const total = await this.o.ledger.streams.countDocuments(where);
    const job: ReplayJobDoc = {
      _id: randomUUID(),
      status: 'running',
      requestedBy: by,
      filter: described,
      total,
      done: 0,
      matched: 0,
      mismatched: [],
      notReplayable: 0,
      startedAt: this.o.now(),
    };
    await this.jobs.insertOne(job);
    const run = this.run(job, where).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  private async run(job: ReplayJobDoc, where: Record<string, unknown>): Promise<void> {
    let done = 0;
    let matched = 0;
    let notReplayable = 0;
    const mismatched: ReplayJobDoc['mismatched'] = [];
    try {
      for await (const stream of this.o.ledger.streams.find(where).sort({ _id: 1 })) {
        const r = await replayOne(this.o.ledger, stream);
        if (!r.replayable) notReplayable++;
        else if (r.match) matched++;
        else {
          mismatched.push({ streamId: r.streamId, diffs: r.diffs });
          await this.o.ledger.record({
            streamId: r.streamId,
            version: r.recordedVersion,
            check: 'replay-mismatch',
            evidence: { diffs: r.diffs },
          });
        }
        done++;
        if (done % 50 === 0)
          await this.jobs.updateOne({ _id: job._id }, { $set: { done, matched, notReplayable, mismatched } });
      }
      await this.jobs.updateOne(
        { _id: job._id },
        { $set: { status: 'done', done, matched, notReplayable, mismatched, finishedAt: this.o.now() } },
      );
    } catch (err) {
      this.o.logger.error({ err, job: job._id }, 'replay job failed');
      await this.jobs.updateOne(
        { _id: job._id },
        { $set: { status: 'failed', done, error: (err as Error).message, finishedAt: this.o.now() } },
      );
    }
  }

  async get(id: string): Promise<ReplayJobDoc | null> {
    return this.jobs.findOne({ _id: id });
  }

  /** Waits for jobs in flight (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
