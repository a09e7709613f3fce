import { hnteRegisterStreamId } from '@peiyu/contracts';
import { loadStream, runSystemCommand } from '@peiyu/eventstore';
import { actorOf, principalOf } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import { refuse, registerDecider } from '../domain';
import type { CertificationDeps } from '../http/deps';
import { authoriseApplication, loadApplication, type ApplicationKey } from './application-command';
import { runRecordCommand } from './record-command';

/** Lost races on the register (two batches certifying at once) are retried, each on the fresh serial. */
const NUMBER_ATTEMPTS = 20;

/**
 * The certify sequence (domain README): the application must be approved after its 公示; a number is taken on
 * the province-year register (`AssignCertificateNumber`, retried on a concurrency conflict, so two batches
 * certifying together never share a serial), then `CertifyHnte` on the enterprise's record with that number.
 * A retry after a failure between the two steps reuses the number the application already holds.
 */
export async function certifyApplication(
  deps: CertificationDeps,
  req: Request,
  res: Response,
  key: ApplicationKey,
): Promise<void> {
  const principal = principalOf(req);
  const { state } = await loadApplication(deps, key);
  const enterprise = await deps.reads.enterprise(key.uscc);
  authoriseApplication(deps, principal, 'certify', key, enterprise, state);
  if (!state || state.status !== 'approved' || !state.submission) {
    throw refuse(
      'conflict',
      'application_not_approved',
      `application of ${key.uscc} in batch ${key.batchId} is ${state?.status ?? 'missing'}; only an application approved after its 公示 is certified`,
    );
  }
  const batch = await deps.reads.batch(key.batchId);
  const provinceCode = state.submission.provinceCode;
  const year = batch?.year ?? Number(state.submission.submittedOn.slice(0, 4));
  const registerId = hnteRegisterStreamId(provinceCode, year);
  const held = (await loadStream(deps.store, registerDecider, registerId)).state.numbers[state.applicationId];
  let number = held;
  if (!number) {
    const r = await runSystemCommand(deps, {
      streamId: registerId,
      decider: registerDecider,
      command: {
        type: 'AssignCertificateNumber',
        provinceCode,
        year,
        uscc: key.uscc,
        applicationId: state.applicationId,
      },
      lookups: {},
      actor: actorOf(principal),
      correlationId: String(req.id ?? 'none'),
      attempts: NUMBER_ATTEMPTS,
    });
    const assigned = r.events.find((e) => e.type === 'CertificateNumberAssigned');
    number = assigned?.type === 'CertificateNumberAssigned' ? assigned.data.certificateNumber : undefined;
  }
  if (!number) throw new Error(`no certificate number for application ${state.applicationId}`);
  await runRecordCommand(deps, req, res, key.uscc, 'certify', {
    type: 'CertifyHnte',
    uscc: key.uscc,
    applicationId: state.applicationId,
    certificateNumber: number,
  });
}
