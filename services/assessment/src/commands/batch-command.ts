import { DomainError, smeBatchStreamId } from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import { NotFoundError, principalOf } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import { policyPorts } from '../campaigns';
import {
  batchDecider,
  entriesToNumber,
  itemView,
  type AssessmentAction,
  type BatchCommand,
  type BatchState,
  type EvaluationItemView,
} from '../domain';
import { authoriseAssessment } from '../http/access';
import type { AssessmentDeps } from '../http/deps';
import { reserveRegistrationNumbers } from '../http/registration-numbers';
import { batchView } from '../http/views';

/** The evaluations a command names, as the batch decider sees them (status with batch outcome, current county). */
export async function itemViews(
  deps: AssessmentDeps,
  ids: readonly string[],
): Promise<Map<string, EvaluationItemView>> {
  const out = new Map<string, EvaluationItemView>();
  for (const id of ids) {
    const doc = await deps.reads.evaluation(id);
    if (!doc) continue;
    const county = (await deps.reads.enterprise(doc.uscc))?.divisionCode ?? doc.evaluation.countyCode;
    if (county) out.set(id, itemView(doc.evaluation, county));
  }
  return out;
}

/** The items flagged for an on-site check, always in the spot-check sample. */
export function flaggedOf(items: ReadonlyMap<string, EvaluationItemView>): string[] {
  return [...items.values()].filter((v) => v.onSiteFlagged === true).map((v) => v.evaluationId);
}

/** For routes on an existing batch: the batch, or 404. */
export function existing(state: BatchState, batchId: string): NonNullable<BatchState> {
  if (!state) throw new NotFoundError({ en: `no batch ${batchId}`, zh: `没有批次 ${batchId}` });
  return state;
}

export interface BatchCommandOptions {
  /** The evaluations an AddToBatch names (their views are the decider's lookups). */
  evaluationIds?: readonly string[];
  /** A batch being formed: its province (the principal's). */
  newProvinceCode?: string;
  /** Overrides of the answer, e.g. 201 with the new objection's id. */
  answer?: { status: number; body: Record<string, unknown> };
}

/**
 * One command on one batch stream, through the kit's pipeline. Batch commands of a province run one after
 * another (the serialiser), so "send back" and "add to batch" cannot interleave; closing reserves its
 * registration numbers only once every other rule of closing has passed, so refusals waste none.
 */
export async function runBatchCommand(
  deps: AssessmentDeps,
  req: Request,
  res: Response,
  batchId: string,
  action: AssessmentAction,
  build: (state: BatchState) => BatchCommand,
  o: BatchCommandOptions = {},
): Promise<void> {
  const streamId = smeBatchStreamId(batchId);
  let items = new Map<string, EvaluationItemView>();
  await runCommand(deps, req, res, {
    what: 'batch',
    streamId,
    decider: batchDecider,
    serialiseBy: async () =>
      o.newProvinceCode ??
      (await deps.reads.batch(batchId, streamId))?.provinceCode ??
      principalOf(req).region,
    prepare: async (loaded) => {
      // The views of every item of the batch and of those named: the spot-check sample needs the flagged ones.
      const ids = [...(loaded.state?.items.map((i) => i.evaluationId) ?? []), ...(o.evaluationIds ?? [])];
      items = await itemViews(deps, [...new Set(ids)]);
      return {
        lookups: {
          evaluation: (id: string) => items.get(id) ?? null,
          ...policyPorts(deps.calendar.current()),
          registrationNumberFormat: (p: string) => deps.registrationNumberFormat(p),
        },
      };
    },
    authorise: (principal, state) => {
      const province = state?.provinceCode ?? o.newProvinceCode;
      authoriseAssessment(
        deps.logger,
        principal,
        action,
        province ? { regionCode: province } : null,
        `batch ${batchId}`,
      );
    },
    command: build,
    decide: async (command, state, ctx) => {
      try {
        return batchDecider.decide(command, state, ctx);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'sequence_block_required' || !state) throw err;
        const sequenceBlock = await reserveRegistrationNumbers(
          deps.counters,
          state.provinceCode,
          state.year,
          entriesToNumber(state),
        );
        return batchDecider.decide(command, state, { ...ctx, sequenceBlock });
      }
    },
    respond: ({ state, version, created }) => {
      const body = batchView(state!, version, flaggedOf(items), deps.calendar.current());
      if (o.answer) return { status: o.answer.status, body: { ...body, ...o.answer.body } };
      return created ? { body, location: `/v1/sme-batches/${batchId}` } : { body };
    },
  });
}
