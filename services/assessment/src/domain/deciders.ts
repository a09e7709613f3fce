import { decideBatch, type BatchCommand, type BatchContext } from './batch-decide';
import { evolveBatch, initialBatchState, type BatchState } from './batch-state';
import type { EvaluationContext } from './context';
import { decideEvaluation, type EvaluationCommand } from './evaluation-decide';
import { evolveEvaluation, initialEvaluationState, type EvaluationState } from './evaluation-state';
import type { BatchEvent, EvaluationEvent, ItemBatchEvent } from './events';

/**
 * The deciders in the shape of @peiyu/eventstore's `Decider` (decide(command, state, ctx) with the clock's
 * `today` in ctx), with the lookups bound in. Build one per request: the ports read the shell's views.
 */
export interface EvaluationPorts extends Omit<EvaluationContext, 'today'> {
  /**
   * The item events of batch streams that name this evaluation (AddedToBatch, ObjectionResolved, SmeEntered),
   * in order: the evaluation stream alone does not know it was batched, rejected or entered.
   */
  itemBatchEvents(evaluationId: string): ReadonlyArray<ItemBatchEvent>;
}

/** The evaluation's full view: its own stream's state with the batch outcome folded on top. */
export function withBatchOutcome(
  state: EvaluationState,
  events: ReadonlyArray<ItemBatchEvent>,
): EvaluationState {
  return events.reduce(evolveEvaluation, state);
}

export function evaluationDecider(ports: EvaluationPorts) {
  return {
    initialState: initialEvaluationState,
    evolve: (state: EvaluationState, event: EvaluationEvent): EvaluationState =>
      evolveEvaluation(state, event),
    decide(command: EvaluationCommand, state: EvaluationState, ctx: { today: string }): EvaluationEvent[] {
      const view = state ? withBatchOutcome(state, ports.itemBatchEvents(state.evaluationId)) : state;
      const decisionCtx: EvaluationContext = {
        today: ctx.today,
        enterprise: (uscc) => ports.enterprise(uscc),
        revocations: (uscc) => ports.revocations(uscc),
        hnteValidOn: (uscc, date) => ports.hnteValidOn(uscc, date),
        campaign: (year) => ports.campaign(year),
        score: (input, ruleSetId) => ports.score(input, ruleSetId),
        onSiteCheckFlags: (input, ruleSetId) => ports.onSiteCheckFlags(input, ruleSetId),
        addWorkingDays: (date, n) => ports.addWorkingDays(date, n),
      };
      return decideEvaluation(view, command, decisionCtx);
    },
  };
}

/** For ClosePublicNotice pass the `sequenceBlock` reserved for `entriesToNumber(state)` numbers. */
export function batchDecider(ports: Omit<BatchContext, 'today'>) {
  return {
    initialState: initialBatchState,
    evolve: (state: BatchState, event: BatchEvent): BatchState => evolveBatch(state, event),
    decide(command: BatchCommand, state: BatchState, ctx: { today: string }): BatchEvent[] {
      const decisionCtx: BatchContext = {
        today: ctx.today,
        evaluation: (id) => ports.evaluation(id),
        campaign: (year) => ports.campaign(year),
        addWorkingDays: (date, n) => ports.addWorkingDays(date, n),
        registrationNumberFormat: (province) => ports.registrationNumberFormat(province),
        ...(ports.sequenceBlock ? { sequenceBlock: ports.sequenceBlock } : {}),
      };
      return decideBatch(state, command, decisionCtx);
    },
  };
}
