import { createHash } from 'node:crypto';

/**
 * A Merkle tree over the stream heads, RFC 6962 (Certificate Transparency) style, so one head can be proven
 * against a signed root with log₂(n) hashes instead of the whole list:
 *   leaf(x)   = D(0x00 ‖ x)        x = UTF-8 of the head's line (canonical [streamId, version, hash] + LF)
 *   node(l,r) = D(0x01 ‖ l ‖ r)    l, r the raw digests
 *   a list of n > 1 leaves splits at k, the largest power of two below n; the root of no leaves is D("").
 * The prefixes keep a leaf from passing as an inner node (second-preimage attacks). D is SHA-256 for Ed25519
 * checkpoints and SM3 for SM2 ones. Specified again in the audit README for verifiers in other languages.
 */
export type MerkleDigest = 'sha256' | 'sm3';

export interface MerkleStep {
  /** Where the sibling sits relative to the running hash. */
  side: 'left' | 'right';
  /** lowercase hex digest of the sibling subtree. */
  hash: string;
}

const d = (alg: MerkleDigest, ...parts: Buffer[]) => {
  const h = createHash(alg);
  for (const p of parts) h.update(p);
  return h.digest();
};

export function leafDigest(alg: MerkleDigest, line: string): Buffer {
  return d(alg, Buffer.from([0]), Buffer.from(line, 'utf8'));
}

export function nodeDigest(alg: MerkleDigest, left: Buffer, right: Buffer): Buffer {
  return d(alg, Buffer.from([1]), left, right);
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function rootOf(alg: MerkleDigest, leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return d(alg);
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeDigest(alg, rootOf(alg, leaves.slice(0, k)), rootOf(alg, leaves.slice(k)));
}

/** The root over the leaves' lines, in the given order (ascending stream id), as lowercase hex. */
export function merkleRoot(alg: MerkleDigest, lines: readonly string[]): string {
  return rootOf(
    alg,
    lines.map((l) => leafDigest(alg, l)),
  ).toString('hex');
}

/** The audit path of leaf `index`: the siblings from the leaf up to the root. */
export function merklePath(alg: MerkleDigest, lines: readonly string[], index: number): MerkleStep[] {
  if (index < 0 || index >= lines.length) throw new RangeError(`leaf ${index} of ${lines.length}`);
  const leaves = lines.map((l) => leafDigest(alg, l));
  const steps: MerkleStep[] = [];
  const walk = (from: number, to: number, i: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = split(n);
    if (i < from + k) {
      walk(from, from + k, i);
      steps.push({ side: 'right', hash: rootOf(alg, leaves.slice(from + k, to)).toString('hex') });
    } else {
      walk(from + k, to, i);
      steps.push({ side: 'left', hash: rootOf(alg, leaves.slice(from, from + k)).toString('hex') });
    }
  };
  walk(0, leaves.length, index);
  return steps;
}

/** The root a leaf line and its path lead to (compare it with the signed one). */
export function rootFromPath(alg: MerkleDigest, line: string, path: readonly MerkleStep[]): string {
  let h = leafDigest(alg, line);
  for (const s of path) {
    const sib = Buffer.from(s.hash, 'hex');
    h = s.side === 'right' ? nodeDigest(alg, h, sib) : nodeDigest(alg, sib, h);
  }
  return h.toString('hex');
}
