import { hnteApplicationStreamId } from '@peiyu/contracts';
import { loadStream, runCommand, type Decider } from '@peiyu/eventstore';
import { principalOf, type Principal } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import {
  applicationDecider,
  initialApplicationState,
  evolveApplication,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from '../domain';
import { authoriseApplicationAccess, type CertificationAction } from '../http/access';
import type { CertificationDeps } from '../http/deps';
import { applicationView } from '../http/views';
import type { EnterpriseFacts } from '../read-models/enterprises';
import { applicationPorts } from './ports';

export interface ApplicationKey {
  batchId: string;
  uscc: string;
}

/** Folding only: the ports are not consulted when a stream is loaded (runCommand's `decide` binds them). */
const FOLD = { initialState: initialApplicationState, evolve: evolveApplication };
const FOLDING_DECIDER: Decider<ApplicationState, ApplicationCommand, ApplicationEvent> = {
  ...FOLD,
  decide: () => {
    throw new Error('the application decider needs its ports: runApplicationCommand binds them');
  },
};

export async function loadApplication(
  deps: CertificationDeps,
  key: ApplicationKey,
): Promise<{ state: ApplicationState; version: number }> {
  const loaded = await loadStream(deps.store, FOLD, hnteApplicationStreamId(key.batchId, key.uscc));
  return { state: loaded.state, version: loaded.version };
}

/**
 * Authorises on the enterprise's current county (registry's view), else the county it submitted from; an
 * expert on the panel only. An enterprise acting on its own USCC is in scope even before the registry's event
 * has arrived: the decider then answers "not registered" by name.
 */
export function authoriseApplication(
  deps: CertificationDeps,
  principal: Principal,
  action: CertificationAction,
  key: ApplicationKey,
  enterprise: EnterpriseFacts | null,
  state: ApplicationState,
): void {
  const county = enterprise?.divisionCode ?? state?.submission?.countyCode ?? null;
  const target = county
    ? { uscc: key.uscc, regionCode: county }
    : principal.role === 'enterprise'
      ? { uscc: key.uscc, regionCode: '' }
      : null;
  const panel = (state?.panel?.members ?? []).map((m) => m.expertId);
  authoriseApplicationAccess(
    deps.logger,
    principal,
    action,
    target,
    panel,
    `HNTE application of ${key.uscc} in batch ${key.batchId}`,
  );
}

/** One command on one application stream (enterprise + batch), through the kit's pipeline. */
export async function runApplicationCommand(
  deps: CertificationDeps,
  req: Request,
  res: Response,
  key: ApplicationKey,
  action: CertificationAction,
  command: ApplicationCommand,
): Promise<void> {
  const enterprise = await deps.reads.enterprise(key.uscc);
  const principal = principalOf(req);
  await runCommand(deps, req, res, {
    what: 'HNTE application',
    streamId: hnteApplicationStreamId(key.batchId, key.uscc),
    decider: FOLDING_DECIDER,
    authorise: (p, state) => authoriseApplication(deps, p, action, key, enterprise, state),
    // A draft starts its stream (one application per enterprise and batch): decided first without reading it
    // (the kit's pipeline reads it and decides again when it exists).
    createsStream: command.type === 'DraftHnteApplication',
    command: () => command,
    // The ports are read after authorisation, on the state the decision is taken on (decide stays pure).
    decide: async (c, state, ctx) => {
      const form = c.type === 'DraftHnteApplication' ? c.form : undefined;
      const ports = await applicationPorts(deps, key, state, c.type, enterprise, form);
      return applicationDecider(ports).decide(c, state, ctx);
    },
    respond: ({ state, version }) => ({
      body: applicationView(state!, version, principal),
      ...(command.type === 'DraftHnteApplication'
        ? { status: 201, location: `/v1/hnte-applications/${key.batchId}/${key.uscc}` }
        : { status: 200 }),
    }),
  });
}
