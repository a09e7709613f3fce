import { endpoint } from '@peiyu/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { REGISTRY_ACCESS } from '../../http/access';
import type { RegistryDeps } from '../../http/deps';
import { runEnterpriseCommand } from '../enterprise-command';
import { Reason, UsccParams } from '../schemas';

/**
 * 迁移接收 (issue 12, finding 3): the destination county answers a transfer request. Accepted, the enterprise
 * moves (EnterpriseTransferAccepted + EnterpriseRelocated, so its reviews follow it); refused, it stays.
 */
export const AcceptTransferBody = z.strictObject({});
export const RefuseTransferBody = z.strictObject({ reason: Reason });

export function answerTransferRoutes(router: Router, deps: RegistryDeps): void {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/transfer/accept',
      summary: 'Accept a transfer into your county (the enterprise moves)',
      roles: REGISTRY_ACCESS.answer_transfer,
      params: UsccParams,
      body: AcceptTransferBody,
      ok: { 200: 'the enterprise, moved' },
      errors: [403, 404],
      command: true,
    },
    async ({ params }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'answer_transfer', { type: 'AcceptTransfer' });
    },
  );
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/enterprises/:uscc/transfer/refuse',
      summary: 'Refuse a transfer into your county (the enterprise stays)',
      roles: REGISTRY_ACCESS.answer_transfer,
      params: UsccParams,
      body: RefuseTransferBody,
      ok: { 200: 'the enterprise, where it was' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      await runEnterpriseCommand(deps, req, res, params.uscc, 'answer_transfer', {
        type: 'RefuseTransfer',
        reason: body.reason,
      });
    },
  );
}
