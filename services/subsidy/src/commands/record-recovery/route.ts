import { endpoint } from '@peiyu/service-kit';
import { z } from 'zod';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { ledgerKeyOf, runLedgerCommand } from '../ledger-command';
import { EntitlementId, Fen, LedgerParams, Reference } from '../schemas';

export const RecordRecoveryBody = z.strictObject({
  entitlementId: EntitlementId,
  amount: Fen,
  reference: Reference,
});

/** POST /v1/ledgers/:ledger/recoveries — money ordered back (clawback) has arrived, in part or in full. */
export const recordRecoveryRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/ledgers/:ledger/recoveries',
      summary: 'Record a recovery of a clawed-back share when it arrives',
      roles: SUBSIDY_ACCESS.manage_ledger,
      params: LedgerParams,
      body: RecordRecoveryBody,
      ok: { 200: 'the ledger after the recovery' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const ledger = ledgerKeyOf(params.ledger);
      await runLedgerCommand(deps, req, res, ledger, async () => ({
        type: 'RecordRecovery',
        ledger,
        ...body,
      }));
    },
  );
};
