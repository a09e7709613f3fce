import { smeBatchStreamId, smeEvaluationStreamId } from '@peiyu/contracts';
import { runSystemCommand, type CalendarChange } from '@peiyu/eventstore';
import type { Clock } from '@peiyu/service-kit';
import { policyPorts } from '../campaigns';
import { batchDecider, evaluationDecider, withBatchOutcome, type BatchContext } from '../domain';
import type { AssessmentDeps } from '../http/deps';
import type { BatchDoc } from '../read-models/batches';
import type { EvaluationDoc } from '../read-models/evaluations';

const SYSTEM = { role: 'system' as const, id: 'calendar-recompute' };

/**
 * After an arrangement is published (people-and-places.md, "The working-day calendar"): every open deadline
 * that was counted provisionally is recounted with the new calendar — county review due dates in the queue and
 * the ends of open 公示. A later date moves the deadline (ReviewDueDateMoved / PublicNoticeEndMoved, both dates);
 * an earlier one is ignored. Idempotent: a second run finds nothing to move.
 */
export async function recomputeOpenDeadlines(
  deps: Pick<AssessmentDeps, 'store' | 'clock' | 'afterAppend' | 'reads' | 'projector' | 'logger'>,
  change: Pick<CalendarChange, 'year' | 'reference' | 'calendar'> & { correlationId: string },
): Promise<{ reviews: number; notices: number }> {
  await deps.projector.catchUp();
  const ports = policyPorts(change.calendar);
  const command = { calendarYear: change.year, calendarReference: change.reference };
  const common = { actor: SYSTEM, correlationId: change.correlationId };
  const evaluations = (await (
    await deps.reads.evaluations()
  )
    .find({ status: 'submitted', 'evaluation.due.provisional': true })
    .toArray()) as unknown as EvaluationDoc[];
  let reviews = 0;
  for (const doc of evaluations) {
    const e = doc.evaluation;
    const r = await runSystemCommand(systemDeps(deps), {
      ...common,
      streamId: smeEvaluationStreamId(e.uscc, e.year),
      decider: withOutcome(doc),
      command: { type: 'RecomputeReviewDue' as const, ...command },
      lookups: {
        ...ports,
        enterprise: () => null,
        revocations: () => [],
        hnteValidOn: () => false,
      },
    });
    reviews += r.events.length;
  }
  const batches = (await (
    await deps.reads.batches()
  )
    .find({ status: 'in_notice', 'batch.notice.provisional': true })
    .toArray()) as unknown as BatchDoc[];
  let notices = 0;
  for (const doc of batches) {
    const lookups: Omit<BatchContext, 'today'> = {
      ...ports,
      evaluation: () => null,
      registrationNumberFormat: () => '',
    };
    const r = await runSystemCommand(systemDeps(deps), {
      ...common,
      streamId: smeBatchStreamId(doc.batchId),
      decider: batchDecider,
      command: { type: 'RecomputeNoticeEnd' as const, ...command },
      lookups,
    });
    notices += r.events.length;
  }
  deps.logger.info({ year: change.year, reviews, notices }, 'deadlines recounted after calendar publication');
  return { reviews, notices };
}

/** The evaluation with its batch outcome (from the read model), as every command sees it. */
function withOutcome(doc: EvaluationDoc): typeof evaluationDecider {
  return {
    ...evaluationDecider,
    decide: (c, s, ctx) => evaluationDecider.decide(c, withBatchOutcome(s, doc.itemEvents ?? []), ctx),
  };
}

function systemDeps(deps: Pick<AssessmentDeps, 'store' | 'clock' | 'afterAppend'>): {
  store: AssessmentDeps['store'];
  clock: Clock;
  afterAppend?: () => Promise<void> | void;
} {
  return {
    store: deps.store,
    clock: deps.clock,
    ...(deps.afterAppend ? { afterAppend: deps.afterAppend } : {}),
  };
}
