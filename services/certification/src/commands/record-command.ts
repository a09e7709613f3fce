import { hnteEnterpriseStreamId } from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import type { Principal } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import {
  currentCertificate,
  enterpriseHnteDecider,
  type EnterpriseHnteCommand,
  type EnterpriseHntePorts,
  type EnterpriseHnteState,
} from '../domain';
import { authoriseCertification, type CertificationAction } from '../http/access';
import type { CertificationDeps } from '../http/deps';
import { recordView } from '../http/views';
import type { EnterpriseFacts } from '../read-models/enterprises';

/**
 * Authorises on the enterprise's current county (registry view), else the county of its certificate in force
 * (or of the latest one).
 */
export function authoriseRecord(
  deps: CertificationDeps,
  principal: Principal,
  action: CertificationAction,
  uscc: string,
  enterprise: EnterpriseFacts | null,
  state: EnterpriseHnteState,
): void {
  const cert = currentCertificate(state) ?? state.certificates[state.certificates.length - 1];
  const county = enterprise?.divisionCode ?? cert?.countyCode ?? null;
  const target = county
    ? { uscc, regionCode: county }
    : principal.role === 'enterprise'
      ? { uscc, regionCode: '' }
      : null;
  authoriseCertification(deps.logger, principal, action, target, `HNTE record of ${uscc}`);
}

/** The record decider's ports: the application (read model) and the registered name (registry view). */
export async function recordPorts(
  deps: CertificationDeps,
  command: EnterpriseHnteCommand,
  enterprise: EnterpriseFacts | null,
): Promise<EnterpriseHntePorts> {
  const application =
    command.type === 'CertifyHnte' ? await deps.reads.application(command.applicationId) : null;
  return {
    application: (id) => (application?.applicationId === id ? application : null),
    enterpriseName: (uscc) => (enterprise?.uscc === uscc ? enterprise.name : null),
  };
}

/** One command on an enterprise's HNTE record (`hnte-enterprise-{uscc}`), through the kit's pipeline. */
export async function runRecordCommand(
  deps: CertificationDeps,
  req: Request,
  res: Response,
  uscc: string,
  action: CertificationAction,
  command: EnterpriseHnteCommand,
  status = 200,
): Promise<void> {
  const enterprise = await deps.reads.enterprise(uscc);
  const ports = await recordPorts(deps, command, enterprise);
  await runCommand(deps, req, res, {
    what: 'HNTE record',
    streamId: hnteEnterpriseStreamId(uscc),
    decider: enterpriseHnteDecider(ports),
    authorise: (principal, state) => authoriseRecord(deps, principal, action, uscc, enterprise, state),
    command: () => command,
    respond: ({ state, version }) => ({
      status,
      body: recordView(state, version),
      ...(status === 201 ? { location: `/v1/hnte-records/${uscc}` } : {}),
    }),
  });
}
