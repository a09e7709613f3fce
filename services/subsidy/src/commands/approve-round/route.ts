import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { ledgerKeyOf, runLedgerCommand, shareRefOf } from '../ledger-command';
import { EntitlementId, LedgerParams } from '../schemas';

export const ApproveRoundBody = z.strictObject({
  /** The shares of the round; default: every share of this ledger still pending. */
  entitlementIds: z.array(EntitlementId).min(1).max(10_000).optional(),
});

/**
 * POST /v1/ledgers/:ledger/rounds — a round of approvals under the version's budget rule: all fits → approved;
 * otherwise queue by decision date, or pro rata over the round exact to the fen (按比例核减).
 */
export const approveRoundRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/ledgers/:ledger/rounds',
      summary: 'Approve a round of shares under the budget rule (queue or pro-rata reduction)',
      roles: SUBSIDY_ACCESS.manage_ledger,
      params: LedgerParams,
      body: ApproveRoundBody,
      ok: { 200: 'the ledger after the round' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const ledger = ledgerKeyOf(params.ledger);
      await runLedgerCommand(deps, req, res, ledger, async () => {
        const ids = body.entitlementIds ?? (await deps.reads.pendingShareIds(params.ledger));
        const shares = await Promise.all(ids.map((id) => shareRefOf(deps, ledger, id)));
        return { type: 'ApproveRound', ledger, roundId: deps.newId(), shares };
      });
    },
  );
};
