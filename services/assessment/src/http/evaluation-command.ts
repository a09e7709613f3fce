import { smeEvaluationStreamId } from '@peiyu/contracts';
import { principalOf } from '@peiyu/service-kit';
import type { Request } from 'express';
import { policyPorts } from '../campaigns';
import {
  evaluationDecider,
  evolveEvaluation,
  hnteValidOn,
  provinceOf,
  withBatchOutcome,
  type AssessmentAction,
  type EvaluationCommand,
  type EvaluationState,
  type Target,
} from '../domain';
import { requireAccess } from './access';
import { appendEvents, checkIfMatch, decided, type Outcome } from './command';
import type { AssessmentDeps } from './deps';
import type { KeyedSerialiser } from './serial';
import { evaluationView } from './views';

/** Province actions on an evaluation are serialised per province with the batch commands (serial.ts). */
const PROVINCE_ACTIONS: ReadonlySet<AssessmentAction> = new Set(['send_back', 'revoke']);

/**
 * One command against one evaluation stream (enterprise + campaign year): load, authorise against the loaded
 * state and the enterprise's current county, check If-Match, decide with the lookups preloaded, append with
 * the loaded version as the expected one.
 */
export async function evaluationCommand(
  deps: AssessmentDeps,
  serial: KeyedSerialiser,
  req: Request,
  key: { uscc: string; year: number },
  action: AssessmentAction,
  command: EvaluationCommand,
): Promise<Outcome> {
  const principal = principalOf(req);
  const enterprise = await deps.reads.enterprise(key.uscc);
  const first = await deps.reads.loadEvaluation(key.uscc, key.year);
  const county = enterprise?.divisionCode ?? first.view?.countyCode ?? null;
  // An enterprise acting on its own USCC is in scope even before the registry's event has arrived: the decider
  // then answers "not registered" by name.
  const target: Target | null = county
    ? { uscc: key.uscc, divisionCode: county }
    : principal.role === 'enterprise'
      ? { uscc: key.uscc, divisionCode: '' }
      : null;
  requireAccess(principal, action, target, deps.logger, `evaluation of ${key.uscc} for ${key.year}`);
  const run = async (): Promise<Outcome> => {
    const { state, version, itemEvents } = PROVINCE_ACTIONS.has(action)
      ? await deps.reads.loadEvaluation(key.uscc, key.year)
      : first;
    checkIfMatch(req, version, 'evaluation');
    const [revocations, certificates] = await Promise.all([
      deps.reads.revocations(key.uscc),
      deps.reads.hnteCertificates(key.uscc),
    ]);
    const decider = evaluationDecider({
      ...policyPorts,
      enterprise: (uscc) => (uscc === key.uscc ? enterprise : null),
      revocations: () => revocations,
      hnteValidOn: (_uscc, date) => hnteValidOn(certificates, date),
      itemBatchEvents: () => itemEvents,
    });
    const today = deps.clock.today();
    const events = decided(() => decider.decide(command, state, { today }));
    const streamId = smeEvaluationStreamId(key.uscc, key.year);
    const next = await appendEvents(deps, req, streamId, version, events, 'evaluation');
    const after = events.reduce<EvaluationState>((s, e) => evolveEvaluation(s, e), state);
    const body = evaluationView(withBatchOutcome(after!, itemEvents)!, next);
    if (command.type === 'DraftSmeEvaluation') {
      return { status: 201, body, location: `/v1/sme-evaluations/${key.uscc}/${key.year}` };
    }
    return { status: 200, body };
  };
  return PROVINCE_ACTIONS.has(action) && county ? serial.run(provinceOf(county), run) : run();
}
