import {
  headLine,
  linkHash,
  statementBytes,
  verifyStatement,
  type CheckpointPublicKey,
  type HashedEvent,
} from '@peiyu/eventstore';
import type { AuditCheckpoint } from './checkpoint';
import { rootFromPath, type MerkleStep } from './merkle';

export type ChainedView = HashedEvent & {
  streamId: string;
  streamVersion: number;
  prevHash: string;
  hash: string;
};

/**
 * That one event is in the history a checkpoint signed: the event, the events after it up to the stream's
 * checkpointed head (their hashed fields: the chain from the event to the head is recomputed, not trusted),
 * the head's leaf and its Merkle path to the signed root.
 */
export interface InclusionProof {
  checkpoint: AuditCheckpoint;
  event: ChainedView;
  successors: ChainedView[];
  leaf: { index: number; streamId: string; version: number; hash: string };
  path: MerkleStep[];
}

export type ProofResult = { ok: true; checked: string[] } | { ok: false; checked: string[]; failed: string };

export function verifyInclusion(p: InclusionProof, key: CheckpointPublicKey): ProofResult {
  const checked: string[] = [];
  const fail = (failed: string): ProofResult => ({ ok: false, checked, failed });
  let prev = p.event.prevHash;
  let version = p.event.streamVersion - 1;
  for (const e of [p.event, ...p.successors]) {
    if (e.streamId !== p.leaf.streamId)
      return fail(`event of stream ${e.streamId} in a proof for ${p.leaf.streamId}`);
    if (e.streamVersion !== version + 1) return fail(`version ${e.streamVersion} after ${version}`);
    if (e.prevHash !== prev) return fail(`version ${e.streamVersion}: prevHash does not link`);
    if (linkHash(e.prevHash, e) !== e.hash)
      return fail(`version ${e.streamVersion}: hash does not match its bytes`);
    prev = e.hash;
    version = e.streamVersion;
  }
  checked.push(`chain ${p.event.streamVersion}..${version} recomputed`);
  if (version !== p.leaf.version || prev !== p.leaf.hash)
    return fail('the chain does not end at the checkpointed head');
  checked.push('chain ends at the checkpointed head');
  const root = rootFromPath(p.checkpoint.digestAlg, headLine(p.leaf), p.path);
  if (root !== p.checkpoint.digest) return fail('the Merkle path does not lead to the signed root');
  checked.push('Merkle path leads to the signed root');
  if (
    p.checkpoint.keyId !== key.keyId ||
    !verifyStatement(key, statementBytes(p.checkpoint), p.checkpoint.signature)
  )
    return fail('the checkpoint signature does not verify');
  checked.push(`signature (${p.checkpoint.alg}) verifies`);
  return { ok: true, checked };
}
