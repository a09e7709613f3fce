import { endpoint } from '@peiyu/service-kit';
import { SUBSIDY_ACCESS } from '../../http/access';
import type { Slice } from '../../http/slice';
import { ledgerKeyOf, runLedgerCommand } from '../ledger-command';
import { AllocateBudgetBody, LedgerParams } from '../schemas';

export { AllocateBudgetBody };

/** POST /v1/ledgers/:ledger/budget — a finance bureau allocates its own budget for a policy and year. */
export const allocateBudgetRoute: Slice = (router, deps) => {
  endpoint(
    router,
    {
      method: 'post',
      path: '/v1/ledgers/:ledger/budget',
      summary: "Allocate (add to) a level's budget for one policy and budget year",
      roles: SUBSIDY_ACCESS.manage_ledger,
      params: LedgerParams,
      body: AllocateBudgetBody,
      ok: { 200: 'the ledger with its live consumption' },
      errors: [403, 404],
      command: true,
    },
    async ({ params, body }, req, res) => {
      const ledger = ledgerKeyOf(params.ledger);
      await runLedgerCommand(deps, req, res, ledger, async () => ({
        type: 'AllocateBudget',
        ledger,
        ...body,
      }));
    },
  );
};
