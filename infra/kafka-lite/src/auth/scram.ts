import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * SCRAM-SHA-256 (RFC 5802 with the SHA-256 parameters of RFC 7677), server side. Only the salted, derived
 * keys are kept (RFC 5802 §3: StoredKey and ServerKey), never the password.
 */
export interface ScramCredential {
  /** base64 */
  salt: string;
  /** PBKDF2 iteration count; RFC 7677 §4 asks for at least 4096. */
  iterations: number;
  /** base64 H(HMAC(SaltedPassword, "Client Key")) */
  storedKey: string;
  /** base64 HMAC(SaltedPassword, "Server Key") */
  serverKey: string;
}

export const MIN_ITERATIONS = 4096;

const hmac = (key: Buffer, text: string | Buffer): Buffer => createHmac('sha256', key).update(text).digest();
const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

/** Hi(password, salt, i) of RFC 5802 §2.2 is PBKDF2 with HMAC as the PRF. */
function saltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
}

/** Derives the stored credential of a password (random 16-byte salt unless one is given). */
export function scramCredential(
  password: string,
  iterations = MIN_ITERATIONS,
  salt: Buffer = randomBytes(16),
): ScramCredential {
  if (iterations < MIN_ITERATIONS) throw new Error(`SCRAM iterations must be at least ${MIN_ITERATIONS}`);
  const salted = saltedPassword(password, salt, iterations);
  return {
    salt: salt.toString('base64'),
    iterations,
    storedKey: sha256(hmac(salted, 'Client Key')).toString('base64'),
    serverKey: hmac(salted, 'Server Key').toString('base64'),
  };
}

/** Whether `password` is the one `credential` was derived from (used to check SASL/PLAIN against it). */
export function passwordMatches(credential: ScramCredential, password: string): boolean {
  const salted = saltedPassword(password, Buffer.from(credential.salt, 'base64'), credential.iterations);
  return safeEqual(sha256(hmac(salted, 'Client Key')), Buffer.from(credential.storedKey, 'base64'));
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Parses `k=v,k=v` attributes (RFC 5802 §5.1); values may contain '='. */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out.set(part.charAt(0), part.slice(2));
  }
  return out;
}

/** saslname of RFC 5802 §5.1: ',' and '=' arrive as =2C and =3D. */
function decodeSaslName(name: string): string | undefined {
  if (/=(?!2C|3D)/.test(name)) return undefined;
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

export type ScramStep =
  | { kind: 'continue'; reply: Buffer }
  | { kind: 'done'; reply: Buffer; user: string }
  | { kind: 'failed'; reason: string };

/** One SCRAM exchange: client-first → server-first, client-final → server-final. */
export class ScramExchange {
  private state:
    | { at: 'start' }
    | { at: 'first'; user: string; cred: ScramCredential; nonce: string; authPrefix: string; gs2: string }
    | { at: 'end' } = { at: 'start' };

  constructor(
    private readonly lookup: (user: string) => ScramCredential | undefined,
    private readonly serverNonce: () => string = () => randomBytes(18).toString('base64'),
  ) {}

  step(message: Buffer): ScramStep {
    const s = this.state;
    this.state = { at: 'end' };
    if (s.at === 'start') return this.clientFirst(message.toString('utf8'));
    if (s.at === 'first') return this.clientFinal(message.toString('utf8'), s);
    return { kind: 'failed', reason: 'the SCRAM exchange is already over' };
  }

  private clientFirst(text: string): ScramStep {
    // gs2-header: channel binding flag "n" or "y" (no binding offered here), optional authzid, then the bare part.
    const m = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(text);
    if (!m) return { kind: 'failed', reason: 'malformed client-first message' };
    const bare = m[3] ?? '';
    const attrs = attributes(bare);
    const user = decodeSaslName(attrs.get('n') ?? '');
    const clientNonce = attrs.get('r');
    if (bare.startsWith('m=') || !user || !clientNonce) {
      return { kind: 'failed', reason: 'malformed client-first message' };
    }
    const cred = this.lookup(user);
    if (!cred) return { kind: 'failed', reason: 'invalid credentials' };
    const nonce = clientNonce + this.serverNonce();
    const serverFirst = `r=${nonce},s=${cred.salt},i=${cred.iterations}`;
    this.state = {
      at: 'first',
      user,
      cred,
      nonce,
      authPrefix: `${bare},${serverFirst}`,
      gs2: `${m[1] ?? 'n'},${m[2] ?? ''},`,
    };
    return { kind: 'continue', reply: Buffer.from(serverFirst) };
  }

  private clientFinal(
    text: string,
    s: { user: string; cred: ScramCredential; nonce: string; authPrefix: string; gs2: string },
  ): ScramStep {
    const proofAt = text.lastIndexOf(',p=');
    if (proofAt < 0) return { kind: 'failed', reason: 'malformed client-final message' };
    const withoutProof = text.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    // RFC 5802 wants r equal to the server's nonce; librdkafka (≤ 2.x) sends the client nonce in front of it
    // once more. Kafka's ScramSaslServer accepts any r that ends with the server's nonce, and so does this: the
    // fresh server part is still there and the proof covers r as sent.
    if (!(attrs.get('r') ?? '').endsWith(s.nonce)) return { kind: 'failed', reason: 'nonce mismatch' };
    if (attrs.get('c') !== Buffer.from(s.gs2).toString('base64')) {
      return { kind: 'failed', reason: 'channel binding mismatch' };
    }
    const proof = Buffer.from(text.slice(proofAt + 3), 'base64');
    const authMessage = `${s.authPrefix},${withoutProof}`;
    const storedKey = Buffer.from(s.cred.storedKey, 'base64');
    const signature = hmac(storedKey, authMessage);
    if (proof.length !== signature.length) return { kind: 'failed', reason: 'invalid credentials' };
    // ClientKey = ClientProof XOR ClientSignature; it is genuine when H(ClientKey) = StoredKey (§3).
    const clientKey = Buffer.from(proof.map((b, i) => b ^ (signature[i] ?? 0)));
    if (!safeEqual(sha256(clientKey), storedKey)) return { kind: 'failed', reason: 'invalid credentials' };
    const serverSignature = hmac(Buffer.from(s.cred.serverKey, 'base64'), authMessage);
    return { kind: 'done', reply: Buffer.from(`v=${serverSignature.toString('base64')}`), user: s.user };
  }
}
