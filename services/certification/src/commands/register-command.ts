import { hnteRegisterStreamId } from '@peiyu/contracts';
import { runCommand } from '@peiyu/eventstore';
import { ConflictError } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import { registerDecider, type RegisterCommand } from '../domain';
import { authoriseCertification } from '../http/access';
import type { CertificationDeps } from '../http/deps';

/** Opens a batch on its province-year register (`hnte-register-{province}-{year}`). */
export async function runOpenBatch(
  deps: CertificationDeps,
  req: Request,
  res: Response,
  command: Extract<RegisterCommand, { type: 'OpenHnteBatch' }>,
): Promise<void> {
  await runCommand(deps, req, res, {
    what: 'HNTE register',
    streamId: hnteRegisterStreamId(command.provinceCode, command.year),
    decider: registerDecider,
    serialiseBy: () => `batch:${command.batchId}`,
    prepare: async () => {
      // A batch id names one batch across every register: the application stream id names only the batch.
      const existing = await deps.reads.batch(command.batchId);
      if (existing) {
        throw new ConflictError(
          {
            en: `batch id ${command.batchId} is already used (${existing.provinceCode} ${existing.year})`,
            zh: `批次编号 ${command.batchId} 已被使用`,
          },
          { code: 'batch_exists' },
        );
      }
      return { lookups: {} };
    },
    authorise: (principal) =>
      authoriseCertification(
        deps.logger,
        principal,
        'open_batch',
        { regionCode: command.provinceCode },
        `HNTE register of ${command.provinceCode}`,
      ),
    command: () => command,
    respond: ({ state, version }) => ({
      status: 201,
      location: `/v1/hnte-batches/${command.batchId}`,
      body: {
        ...state.batches[command.batchId],
        provinceCode: command.provinceCode,
        year: command.year,
        version,
      },
    }),
  });
}
