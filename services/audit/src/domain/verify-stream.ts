import { checkHead, ChainVerifier, type StreamHeadEntry, type VerifyResult } from '@peiyu/eventstore';
import type { LedgerEntry } from './ledger';

/**
 * Re-verifies a stream as the ledger holds it, with the eventstore's checks in their order: gap, order (arrival
 * sequence grows with versions), broken-link, hash-mismatch, head-mismatch against the ledger head, then
 * checkpoint-mismatch against the audit's last signed checkpoint. Catches an edit of the audit's own database.
 */
export function verifyLedgerStream(
  entries: readonly LedgerEntry[],
  head: { version: number; hash: string } | undefined,
  checkpointed: StreamHeadEntry | undefined,
): VerifyResult {
  const v = new ChainVerifier('sha256');
  for (const e of entries) if (!v.push({ ...e, position: e.seq })) break;
  const r = checkHead(v.result(), head);
  if (!r.ok || !checkpointed) return r;
  const at = entries.find((e) => e.streamVersion === checkpointed.version);
  if (at?.hash !== checkpointed.hash)
    return {
      ok: false,
      checked: r.checked,
      brokenAt: checkpointed.version,
      reason: 'checkpoint-mismatch',
      detail: `the audit checkpoint signed ${checkpointed.hash}, the ledger holds ${at?.hash ?? 'nothing'}`,
    };
  return r;
}
