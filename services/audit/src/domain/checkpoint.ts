import {
  headLine,
  HeadsDigest,
  signStatement,
  statementBytes,
  verifyStatement,
  type CheckpointPublicKey,
  type CheckpointSigningKey,
  type SignedCheckpoint,
  type StreamHeadEntry,
} from '@peiyu/eventstore';
import type { Finding } from './ledger';
import { merkleRoot, type MerkleDigest } from './merkle';

/**
 * The audit's own signed checkpoint: the eventstore's checkpoint statement and signature (the one signer,
 * `signStatement`: Ed25519, or SM2 over SM3), where `digest` is the Merkle root over the ledger's stream heads
 * (ascending stream id) instead of the flat digest, so one stream can be proven with a short path.
 */
export type AuditCheckpoint = SignedCheckpoint;

export const digestOf = (alg: SignedCheckpoint['alg']): MerkleDigest =>
  alg === 'sm2-sm3' ? 'sm3' : 'sha256';

export function sealCheckpoint(o: {
  seq: number;
  at: string;
  heads: readonly StreamHeadEntry[];
  key: CheckpointSigningKey;
}): AuditCheckpoint {
  const digestAlg = digestOf(o.key.algorithm);
  const statement = {
    id: String(o.seq).padStart(12, '0'),
    service: 'audit',
    at: o.at,
    count: o.heads.length,
    digestAlg,
    digest: merkleRoot(digestAlg, o.heads.map(headLine)),
    alg: o.key.algorithm,
    keyId: o.key.keyId,
  };
  return { ...statement, signature: signStatement(o.key, statementBytes(statement)) };
}

/** Signature over the statement, and the root over the heads said to be covered. */
export function checkAuditCheckpoint(
  cp: AuditCheckpoint,
  heads: readonly StreamHeadEntry[],
  key: CheckpointPublicKey,
): string | undefined {
  if (cp.alg !== key.algorithm || cp.keyId !== key.keyId) return `signed by another key (${cp.keyId})`;
  if (!verifyStatement(key, statementBytes(cp), cp.signature)) return 'the signature does not verify';
  if (heads.length !== cp.count || merkleRoot(cp.digestAlg, heads.map(headLine)) !== cp.digest)
    return 'the heads are not the signed ones';
  return undefined;
}

export interface ServiceCheckpointReport {
  ok: boolean;
  checkpoint: { id: string; service: string; at: string; count: number };
  /** Heads checked against the ledger's own chain, and heads the ledger has not reached yet. */
  matched: number;
  pending: Array<{ streamId: string; version: number }>;
  findings: Finding[];
}

/**
 * Another service's signed checkpoint (its statement, its stored heads and its public key, as the service
 * publishes or exports them) against the ledger: the signature, the digest over the heads (eventstore
 * README: D(line(h1) ‖ line(h2) ‖ …)), then each head's hash against the ledger's own hash at that version.
 * A disagreement is a `checkpoint-mismatch` naming stream and version: either the service rewrote history
 * after publishing it or it signed something it never published.
 */
export function verifyServiceCheckpoint(o: {
  checkpoint: SignedCheckpoint;
  heads: readonly StreamHeadEntry[];
  key: CheckpointPublicKey;
  ledgerHashAt(streamId: string, version: number): string | undefined;
  ledgerVersionOf(streamId: string): number;
}): ServiceCheckpointReport {
  const cp = o.checkpoint;
  const findings: Finding[] = [];
  const pending: ServiceCheckpointReport['pending'] = [];
  const whole = (detail: string) =>
    findings.push({
      streamId: `checkpoint:${cp.service}:${cp.id}`,
      version: 0,
      check: 'checkpoint-mismatch',
      evidence: { detail, keyId: cp.keyId, digest: cp.digest },
    });
  let matched = 0;
  if (cp.alg !== o.key.algorithm || cp.keyId !== o.key.keyId)
    whole(`signed by ${cp.alg} key ${cp.keyId}, expected ${o.key.algorithm} key ${o.key.keyId}`);
  else if (!verifyStatement(o.key, statementBytes(cp), cp.signature)) whole('the signature does not verify');
  else {
    const digest = new HeadsDigest(cp.digestAlg);
    try {
      for (const h of o.heads) digest.push(h);
    } catch (err) {
      whole((err as Error).message);
    }
    if (!findings.length && (digest.count !== cp.count || digest.digest() !== cp.digest))
      whole('the heads given are not the signed ones');
  }
  if (!findings.length)
    for (const h of o.heads) {
      if (o.ledgerVersionOf(h.streamId) < h.version) {
        pending.push({ streamId: h.streamId, version: h.version });
        continue;
      }
      const ours = o.ledgerHashAt(h.streamId, h.version);
      if (ours === h.hash) matched++;
      else
        findings.push({
          streamId: h.streamId,
          version: h.version,
          check: 'checkpoint-mismatch',
          evidence: { service: cp.service, checkpoint: cp.id, signed: h.hash, ledger: ours ?? null },
        });
    }
  return {
    ok: findings.length === 0,
    checkpoint: { id: cp.id, service: cp.service, at: cp.at, count: cp.count },
    matched,
    pending,
    findings,
  };
}
