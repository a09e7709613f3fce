import { hnteExpertPoolStreamId } from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import type { Request, Response } from 'express';
import { expertPoolDecider, type ExpertPoolCommand } from '../domain';
import { authoriseCertification } from '../http/access';
import type { CertificationDeps } from '../http/deps';

/** One command on a province's expert pool (`hnte-expert-pool-{province}`). */
export async function runPoolCommand(
  deps: CertificationDeps,
  req: Request,
  res: Response,
  command: ExpertPoolCommand,
): Promise<void> {
  await runCommand(deps, req, res, {
    what: 'HNTE expert pool',
    streamId: hnteExpertPoolStreamId(command.provinceCode),
    decider: expertPoolDecider,
    authorise: (principal) =>
      authoriseCertification(
        deps.logger,
        principal,
        'manage_pool',
        { regionCode: command.provinceCode },
        `HNTE expert pool of ${command.provinceCode}`,
      ),
    command: () => command,
    respond: ({ state, version }) => {
      const e = state.experts[command.expertId]!;
      return {
        status: command.type === 'EnlistExpert' ? 201 : 200,
        ...(command.type === 'EnlistExpert'
          ? { location: `/v1/hnte-expert-pools/${command.provinceCode}/experts/${command.expertId}` }
          : {}),
        body: { provinceCode: command.provinceCode, ...e, poolVersion: version },
      };
    },
  });
}
