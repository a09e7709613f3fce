import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { ledgerKeyOf, runLedgerCommand, shareRefOf } from '../ledger-command';
import { EntitlementId, LedgerParams } from '../schemas';

export const ApproveShareBody = z.strictObject({
  entitlementId: EntitlementId,
  reason: z.string().trim().min(1).max(1000).nullable().optional(),
});

/** POST /v1/ledgers/:ledger/approvals — approve one share of this level in full (it must fit the budget). */
export const approveShareRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/ledgers/:ledger/approvals',
      summary: "Approve one entitlement's share of this level in full",
      roles: SUBSIDY_ACCESS.manage_ledger,
      params: LedgerParams,
      body: ApproveShareBody,
      ok: { 200: 'the ledger after the approval' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const ledger = ledgerKeyOf(params.ledger);
      await runLedgerCommand(deps, req, res, ledger, async () => ({
        type: 'ApproveShare',
        ledger,
        share: await shareRefOf(deps, ledger, body.entitlementId),
        reason: body.reason ?? null,
      }));
    },
  );
};
