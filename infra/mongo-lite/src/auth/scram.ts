import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { saslprep } from '@mongodb-js/saslprep';
import { MongoLiteError } from '../errors';

/**
 * SCRAM-SHA-256 (RFC 5802 with RFC 7677's hash), server side. Only the derived keys are kept, never the
 * password: SaltedPassword = PBKDF2-SHA-256(SASLprep(password), salt, i); StoredKey = H(HMAC(SaltedPassword,
 * "Client Key")); ServerKey = HMAC(SaltedPassword, "Server Key").
 */
export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** RFC 7677 §4 asks for at least 4096; 15,000 is MongoDB's default scramSHA256IterationCount. */
export const MIN_ITERATIONS = 4096;
export const DEFAULT_ITERATIONS = 15_000;

const hmac = (key: Buffer, data: string | Buffer): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

export function deriveCredential(
  password: string,
  iterations = DEFAULT_ITERATIONS,
  salt: Buffer = randomBytes(28),
): ScramCredential {
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS)
    throw new Error(`SCRAM-SHA-256 iteration count must be an integer ≥ ${MIN_ITERATIONS}`);
  // The driver SASLpreps the password for SCRAM-SHA-256 (auth spec); both sides must hash the same bytes.
  const salted = pbkdf2Sync(saslprep(password), salt, iterations, 32, 'sha256');
  return {
    salt,
    iterations,
    storedKey: sha256(hmac(salted, 'Client Key')),
    serverKey: hmac(salted, 'Server Key'),
  };
}

/** The server's one answer to any failed exchange: it never says whether the user or the proof was wrong. */
export const authenticationFailed = (): MongoLiteError =>
  new MongoLiteError(18, 'AuthenticationFailed', 'Authentication failed.');

/** Splits `k=v,k=v` (values may contain `=`). */
function attributes(msg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of msg.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw authenticationFailed();
    out.set(part[0] as string, part.slice(2));
  }
  return out;
}

/** RFC 5802 §5.1: `,` and `=` in a username travel as `=2C` and `=3D`. */
const decodeName = (s: string): string => s.replace(/=2C/g, ',').replace(/=3D/g, '=');

export interface ClientFirst {
  user: string;
  gs2Header: string;
  bare: string;
  nonce: string;
}

export function parseClientFirst(payload: Buffer): ClientFirst {
  const msg = payload.toString('utf8');
  // gs2 header: no channel binding ("n" or "y"), no authorization identity.
  const m = /^([ny]),,(.*)$/s.exec(msg);
  if (!m) throw authenticationFailed();
  const bare = m[2] as string;
  const attrs = attributes(bare);
  const user = attrs.get('n');
  const nonce = attrs.get('r');
  if (!user || !nonce) throw authenticationFailed();
  return { user: decodeName(user), gs2Header: `${m[1] as string},,`, bare, nonce };
}

/** One conversation: after the client's first message, waiting for its proof. */
export class ScramConversation {
  private readonly serverFirst: string;
  private readonly nonce: string;

  constructor(
    private readonly first: ClientFirst,
    private readonly credential: ScramCredential,
    /** The server's part of the nonce; fixed only by known-answer tests. */
    serverNonce = randomBytes(24).toString('base64'),
  ) {
    this.nonce = first.nonce + serverNonce;
    const { salt, iterations } = credential;
    this.serverFirst = `r=${this.nonce},s=${salt.toString('base64')},i=${iterations}`;
  }

  get serverFirstMessage(): Buffer {
    return Buffer.from(this.serverFirst, 'utf8');
  }

  /** Checks the client's proof; returns the server-final message (`v=` signature) or throws 18. */
  finish(payload: Buffer): Buffer {
    const msg = payload.toString('utf8');
    const proofAt = msg.lastIndexOf(',p=');
    if (proofAt < 0) throw authenticationFailed();
    const withoutProof = msg.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    const binding = Buffer.from(this.first.gs2Header, 'utf8').toString('base64');
    if (attrs.get('c') !== binding || attrs.get('r') !== this.nonce) throw authenticationFailed();
    const proof = Buffer.from(msg.slice(proofAt + 3), 'base64');
    const authMessage = `${this.first.bare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.credential.storedKey, authMessage);
    if (proof.length !== signature.length) throw authenticationFailed();
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = (proof[i] as number) ^ (signature[i] as number);
    if (!timingSafeEqual(sha256(clientKey), this.credential.storedKey)) throw authenticationFailed();
    return Buffer.from(`v=${hmac(this.credential.serverKey, authMessage).toString('base64')}`, 'utf8');
  }
}
