import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  getCurves,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * How checkpoints are signed. `ed25519` (RFC 8032) is the default. `sm2-sm3` is the 国密 option: SM2 signatures
 * (GB/T 32918.2, default distinguishing id 1234567812345678) over SM3 digests (GB/T 32905), through Node's
 * OpenSSL 3.
 */
export type CheckpointAlgorithm = 'ed25519' | 'sm2-sm3';

export const CHECKPOINT_ALGORITHMS: readonly CheckpointAlgorithm[] = ['ed25519', 'sm2-sm3'];

/** The digest over the stream heads that goes with each signature algorithm. */
export function digestAlgorithmOf(algorithm: CheckpointAlgorithm): 'sha256' | 'sm3' {
  return algorithm === 'sm2-sm3' ? 'sm3' : 'sha256';
}

export class CheckpointKeyError extends Error {
  override readonly name = 'CheckpointKeyError';
}

export interface CheckpointSigningKey {
  algorithm: CheckpointAlgorithm;
  /** First 16 hex digits of SHA-256 over the public key's SPKI DER: names the key in each checkpoint. */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface CheckpointPublicKey {
  algorithm: CheckpointAlgorithm;
  keyId: string;
  publicKey: KeyObject;
}

/**
 * Throws unless this Node's OpenSSL can do the algorithm. SM2 needs OpenSSL ≥ 3 built with SM2/SM3 (Node 20
 * bundles OpenSSL 3.0 with both); distributions that build Node against a system OpenSSL without them can't.
 */
export function assertCheckpointAlgorithm(algorithm: string): asserts algorithm is CheckpointAlgorithm {
  if (!(CHECKPOINT_ALGORITHMS as readonly string[]).includes(algorithm))
    throw new CheckpointKeyError(
      `checkpoint algorithm must be one of ${CHECKPOINT_ALGORITHMS.join(', ')} (got "${algorithm}")`,
    );
  if (algorithm === 'sm2-sm3' && !getCurves().includes('SM2'))
    throw new CheckpointKeyError(
      'sm2-sm3 checkpoints need an OpenSSL with the SM2 curve and SM3; this one has none',
    );
}

/** A fresh private key as PKCS#8 PEM. */
export function generateCheckpointKeyPem(algorithm: CheckpointAlgorithm): string {
  assertCheckpointAlgorithm(algorithm);
  const { privateKey } =
    algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The signing key from its PKCS#8 PEM. For SM2 the PEM route matters: OpenSSL 3 decodes a key on the SM2 curve
 * as an SM2 key and then signs with the SM2 scheme, while a key object fresh from `generateKeyPairSync('ec',
 * { namedCurve: 'SM2' })` is a plain EC key and would sign ECDSA over the SM2 curve — not an SM2 signature.
 */
export function signingKeyFromPem(algorithm: CheckpointAlgorithm, pem: string): CheckpointSigningKey {
  assertCheckpointAlgorithm(algorithm);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new CheckpointKeyError(`the checkpoint key is not a PKCS#8 private key: ${(err as Error).message}`);
  }
  assertKeyFits(algorithm, privateKey);
  const publicKey = publicKeyFromPem(algorithm, exportSpki(createPublicKey(privateKey)));
  return { algorithm, keyId: publicKey.keyId, privateKey, publicKey: publicKey.publicKey };
}

/** A verifying key from its SPKI PEM (what auditors hold). */
export function publicKeyFromPem(algorithm: CheckpointAlgorithm, pem: string): CheckpointPublicKey {
  assertCheckpointAlgorithm(algorithm);
  const publicKey = createPublicKey(pem);
  assertKeyFits(algorithm, publicKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { algorithm, keyId: createHash('sha256').update(der).digest('hex').slice(0, 16), publicKey };
}

export function exportSpki(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

// Node names an Ed25519 key 'ed25519'; an SM2-decoded key has no name Node knows (undefined), a plain EC
// key is 'ec' — refused for sm2-sm3, since it would sign ECDSA.
function assertKeyFits(algorithm: CheckpointAlgorithm, key: KeyObject): void {
  const type = key.asymmetricKeyType;
  const fits = algorithm === 'ed25519' ? type === 'ed25519' : type === undefined;
  if (!fits) throw new CheckpointKeyError(`a ${type ?? 'unknown'} key cannot sign ${algorithm} checkpoints`);
}

export function signStatement(key: CheckpointSigningKey, statement: Buffer): string {
  const digest = key.algorithm === 'sm2-sm3' ? 'sm3' : null;
  return sign(digest, statement, key.privateKey).toString('base64');
}

export function verifyStatement(key: CheckpointPublicKey, statement: Buffer, signature: string): boolean {
  const digest = key.algorithm === 'sm2-sm3' ? 'sm3' : null;
  try {
    return verify(digest, statement, key.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
