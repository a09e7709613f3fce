import { endpoint } from '@peiyu/service-kit';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { ledgerKeyOf, runLedgerCommand } from '../ledger-command';
import { DisburseShareBody, LedgerParams } from '../schemas';

export { DisburseShareBody };

/** POST /v1/ledgers/:ledger/disbursements — this level pays its own approved share, with a payment reference. */
export const disburseShareRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/ledgers/:ledger/disbursements',
      summary: "Record the payment of this level's approved share",
      roles: SUBSIDY_ACCESS.manage_ledger,
      params: LedgerParams,
      body: DisburseShareBody,
      ok: { 200: 'the ledger after the payment' },
      errors: [403, 404, 409],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const ledger = ledgerKeyOf(params.ledger);
      await runLedgerCommand(deps, req, res, ledger, async () => ({
        type: 'DisburseShare',
        ledger,
        ...body,
      }));
    },
  );
};
