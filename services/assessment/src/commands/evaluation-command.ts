import { smeEvaluationStreamId } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import type { Principal } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import { policyPorts } from '../campaigns';
import {
  evaluationDecider,
  hnteValidOn,
  provinceOf,
  withBatchOutcome,
  type AssessmentAction,
  type EnterpriseView,
  type EvaluationCommand,
  type EvaluationState,
} from '../domain';
import { authoriseAssessment } from '../http/access';
import type { AssessmentDeps } from '../http/deps';
import { evaluationView } from '../http/views';

/** Province actions on an evaluation run in turn with the province's batch commands (one serialiser key). */
const PROVINCE_ACTIONS: ReadonlySet<AssessmentAction> = new Set(['send_back', 'revoke']);

export interface EvaluationKey {
  uscc: string;
  year: number;
}

/**
 * The evaluation as commands and the single read see it: the stream's state (kit's one load function) with the
 * batch outcome folded on top, from the evaluations read model (caught up first, so a batch change just
 * recorded is in it), and the stream version (the ETag).
 */
export async function loadEvaluation(
  deps: AssessmentDeps,
  key: EvaluationKey,
): Promise<{ state: EvaluationState; version: number }> {
  const loaded = await loadStream(deps.store, evaluationDecider, smeEvaluationStreamId(key.uscc, key.year));
  return { state: await withOutcome(deps, loaded.state), version: loaded.version };
}

async function withOutcome(deps: AssessmentDeps, state: EvaluationState): Promise<EvaluationState> {
  if (!state) return state;
  await deps.projector.catchUp();
  return withBatchOutcome(state, await deps.reads.itemEvents(state.evaluationId));
}

/** Authorises on the enterprise's current county (registry's view), else the county the evaluation names. */
export function authoriseEvaluation(
  deps: AssessmentDeps,
  principal: Principal,
  action: AssessmentAction,
  key: EvaluationKey,
  enterprise: EnterpriseView | null,
  state: EvaluationState,
): void {
  const county = enterprise?.divisionCode ?? state?.countyCode ?? null;
  // An enterprise acting on its own USCC is in scope even before the registry's event has arrived: the decider
  // then answers "not registered" by name.
  const target = county
    ? { uscc: key.uscc, regionCode: county }
    : principal.role === 'enterprise'
      ? { uscc: key.uscc, regionCode: '' }
      : null;
  authoriseAssessment(deps.logger, principal, action, target, `evaluation of ${key.uscc} for ${key.year}`);
}

/** One command on one evaluation stream (enterprise + campaign year), through the kit's pipeline. */
export async function runEvaluationCommand(
  deps: AssessmentDeps,
  req: Request,
  res: Response,
  key: EvaluationKey,
  action: AssessmentAction,
  command: EvaluationCommand,
): Promise<void> {
  const enterprise = await deps.reads.enterprise(key.uscc);
  await runCommand(deps, req, res, {
    what: 'evaluation',
    streamId: smeEvaluationStreamId(key.uscc, key.year),
    decider: evaluationDecider,
    serialiseBy: async () => {
      if (!PROVINCE_ACTIONS.has(action)) return undefined;
      const county = enterprise?.divisionCode ?? (await loadEvaluation(deps, key)).state?.countyCode;
      return county ? provinceOf(county) : undefined;
    },
    prepare: async (loaded) => {
      const [state, revocations, certificates] = await Promise.all([
        withOutcome(deps, loaded.state),
        deps.reads.revocations(key.uscc),
        // Only a submission scores the form, the one step a valid HNTE certificate counts in (direct
        // qualification, tech-sme.md "Direct qualification" 1);
        // a draft, an edit or a review step does not read the certificates.
        command.type === 'SubmitSmeEvaluation' ? deps.reads.hnteCertificates(key.uscc) : [],
      ]);
      return {
        state,
        lookups: {
          ...policyPorts(deps.calendar.current()),
          enterprise: (uscc: string) => (uscc === key.uscc ? enterprise : null),
          revocations: () => revocations,
          hnteValidOn: (_uscc: string, date: string) => hnteValidOn(certificates, date),
        },
      };
    },
    authorise: (principal, state) => authoriseEvaluation(deps, principal, action, key, enterprise, state),
    // A draft usually starts its stream: decided first without reading it (the kit's pipeline reads it and
    // decides again when it exists — a withdrawn evaluation drafted anew, or a second draft's 409).
    createsStream: command.type === 'DraftSmeEvaluation',
    command: () => command,
    respond: ({ state, version }) => ({
      body: evaluationView(state!, version, deps.clock.today(), deps.calendar.current()),
      // A draft creates an evaluation even on a stream whose earlier one was withdrawn.
      ...(command.type === 'DraftSmeEvaluation'
        ? { status: 201, location: `/v1/sme-evaluations/${key.uscc}/${key.year}` }
        : {}),
    }),
  });
}
