import { SUBSIDY_LEDGER_STREAM, subsidyLedgerStreamId, type SubsidyLedgerKey } from '@peiyu/contracts';
import { loadStream, runCommand } from '@peiyu/eventstore';
import { NotFoundError } from '@peiyu/service-kit';
import type { Request, Response } from 'express';
import {
  budgetStatus,
  ledgerDecider,
  refuse,
  sharesOf,
  type LedgerCommand,
  type LedgerKey,
  type LedgerState,
  type ShareRef,
} from '../domain';
import { authoriseRole } from '../http/access';
import type { SubsidyDeps } from '../http/deps';
import { loadEntitlement } from './entitlement-command';

/** `county-410402-hnte-award.county-2026` (the ledger stream id without its prefix) → the ledger's key. */
export function ledgerKeyOf(ledgerRef: string): LedgerKey {
  const key = SUBSIDY_LEDGER_STREAM.parse(`subsidy-ledger-${ledgerRef}`);
  if (!key) throw new NotFoundError({ en: `no ledger ${ledgerRef}`, zh: `未找到预算账：${ledgerRef}` });
  return key;
}

export const ledgerRefOf = (key: SubsidyLedgerKey): string =>
  subsidyLedgerStreamId(key).slice('subsidy-ledger-'.length);

export function ledgerView(key: LedgerKey, state: LedgerState, version: number) {
  return {
    ledger: ledgerRefOf(key),
    ...key,
    budget: budgetStatus(state),
    shares: state.shares,
    version,
  };
}

/** The share a ledger's level holds of an entitlement, read from the entitlement's recorded calculation. */
export async function shareRefOf(
  deps: SubsidyDeps,
  key: LedgerKey,
  entitlementId: string,
): Promise<ShareRef> {
  const { state } = await loadEntitlement(deps, entitlementId);
  if (!state.calculation)
    throw new NotFoundError({
      en: `no calculated entitlement ${entitlementId}`,
      zh: `未找到已核算的补助：${entitlementId}`,
    });
  const share = sharesOf(state.calculation).find((s) => s.level === key.level);
  if (!share)
    throw refuse('invalid', 'ledger.mismatch', `${entitlementId} has no ${key.level} share`, 'entitlementId');
  return share;
}

/**
 * One command on one level's ledger, through the kit's pipeline. The access table admits finance accounts;
 * which level and region's ledger an account may write is the ledger decider's rule, so its refusal names it
 * (`finance.other-level`, `finance.other-region`).
 */
export async function runLedgerCommand(
  deps: SubsidyDeps,
  req: Request,
  res: Response,
  key: LedgerKey,
  command: () => Promise<LedgerCommand>,
): Promise<void> {
  const ref = ledgerRefOf(key);
  let built: LedgerCommand | undefined;
  await runCommand(deps, req, res, {
    what: `ledger ${ref}`,
    streamId: subsidyLedgerStreamId(key),
    decider: ledgerDecider,
    // The shares a command names are read from their entitlements' recorded calculations.
    prepare: async () => {
      built = await command();
      return { lookups: {} };
    },
    authorise: (principal) => authoriseRole(deps.logger, principal, 'manage_ledger', `ledger ${ref}`),
    command: () => built!,
    respond: ({ state, version }) => ({ status: 200, body: ledgerView(key, state, version) }),
  });
}

export async function loadLedger(deps: SubsidyDeps, key: LedgerKey) {
  return loadStream(deps.store, ledgerDecider, subsidyLedgerStreamId(key));
}
