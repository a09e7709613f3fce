import { smeBatchStreamId } from '@peiyu/contracts';
import { principalOf } from '@peiyu/service-kit';
import type { Request } from 'express';
import {
  batchDecider,
  DomainError,
  entriesToNumber,
  evolveBatch,
  itemView,
  type AssessmentAction,
  type BatchCommand,
  type BatchState,
  type EvaluationItemView,
} from '../domain';
import { campaignOf, policyPorts } from '../campaigns';
import { requireAccess } from './access';
import { appendEvents, checkIfMatch, decided, toProblem, type Outcome } from './command';
import type { AssessmentDeps } from './deps';
import { reserveRegistrationNumbers } from './registration-numbers';
import type { KeyedSerialiser } from './serial';
import { batchView } from './views';

/** The evaluations a command names, as the batch decider sees them (status with batch outcome, current county). */
async function itemViews(
  deps: AssessmentDeps,
  ids: readonly string[],
): Promise<Map<string, EvaluationItemView>> {
  const out = new Map<string, EvaluationItemView>();
  for (const id of ids) {
    const at = await deps.reads.locate(id);
    if (!at) continue;
    const { view } = await deps.reads.loadEvaluation(at.uscc, at.year);
    const enterprise = await deps.reads.enterprise(at.uscc);
    const county = enterprise?.divisionCode ?? view?.countyCode;
    if (view && view.evaluationId === id && county) out.set(id, itemView(view, county));
  }
  return out;
}

/**
 * One command against one batch stream. Batch commands of a province run one after another (serial.ts), and
 * the state is re-read inside that turn, so "send back" and "add to batch" cannot interleave.
 */
export async function batchCommand(
  deps: AssessmentDeps,
  serial: KeyedSerialiser,
  req: Request,
  batchId: string,
  action: AssessmentAction,
  build: (state: BatchState) => BatchCommand,
  newBatch?: { provinceCode: string },
): Promise<Outcome> {
  const principal = principalOf(req);
  const first = await deps.reads.loadBatch(batchId);
  const provinceCode = first.state?.provinceCode ?? newBatch?.provinceCode;
  requireAccess(
    principal,
    action,
    provinceCode ? { divisionCode: provinceCode } : null,
    deps.logger,
    `batch ${batchId}`,
  );
  return serial.run(provinceCode!, async () => {
    const { state, version } = await deps.reads.loadBatch(batchId);
    checkIfMatch(req, version, 'batch');
    const command = build(state);
    const items = command.type === 'AddToBatch' ? await itemViews(deps, command.evaluationIds) : new Map();
    const ports = {
      evaluation: (id: string) => items.get(id) ?? null,
      campaign: campaignOf,
      addWorkingDays: policyPorts.addWorkingDays,
      registrationNumberFormat: (p: string) => deps.registrationNumberFormat(p),
    };
    const today = deps.clock.today();
    let events;
    try {
      events = batchDecider(ports).decide(command, state, { today });
    } catch (err) {
      // Numbers are reserved only once every other rule of closing has passed, so refusals waste none.
      if (!(err instanceof DomainError)) throw err;
      if (err.code !== 'sequence_block_required' || !state) throw toProblem(err);
      const sequenceBlock = await reserveRegistrationNumbers(
        deps.counters,
        state.provinceCode,
        state.year,
        entriesToNumber(state),
      );
      events = decided(() => batchDecider({ ...ports, sequenceBlock }).decide(command, state, { today }));
    }
    const next = await appendEvents(deps, req, smeBatchStreamId(batchId), version, events, 'batch');
    const after = events.reduce<BatchState>((s, e) => evolveBatch(s, e), state);
    const body = batchView(after!, next);
    if (command.type === 'AddToBatch' && version === 0)
      return { status: 201, body, location: `/v1/sme-batches/${batchId}` };
    return { status: 200, body };
  });
}
