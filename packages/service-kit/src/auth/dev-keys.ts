import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { peiyuHome } from '../paths';

/** Local mode's signing key: one ES256 pair per checkout, shared by every process through one file. */
export interface DevKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as a JWK (with kid), e.g. to publish as a local JWKS. */
  publicJwk: JWK;
}

export const DEV_KEY_FILE = 'dev-es256.private.jwk.json';

/** `<repo>/.peiyu/keys`, or `PEIYU_KEY_DIR`. */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['PEIYU_KEY_DIR'] ?? join(peiyuHome(env), 'keys');
}

async function freshPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

/**
 * Creates a secret file (mode 0600, in a 0700 directory) unless it exists. Written to a temporary file then
 * hard-linked into place: link fails if the name exists, so when two processes race, exactly one content wins
 * and both then read that one. Local mode's dev key and the services' checkpoint keys are made this way.
 */
export async function createSecretFileOnce(
  file: string,
  content: () => Promise<string> | string,
): Promise<void> {
  const dir = dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(tmp, await content(), { mode: 0o600 });
  try {
    await fs.link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function readJwk(file: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Loads the local dev key pair from `dir`, generating it on first use. */
export async function loadDevKeys(dir: string = defaultKeyDir()): Promise<DevKeys> {
  const file = join(dir, DEV_KEY_FILE);
  let jwk = await readJwk(file);
  if (!jwk) {
    await createSecretFileOnce(file, async () => JSON.stringify(await freshPrivateJwk()) + '\n');
    jwk = await readJwk(file);
  }
  if (!jwk?.d || !jwk.kid) throw new Error(`${file} is not an ES256 private JWK`);
  const { d: _d, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'ES256')) as CryptoKey,
    publicJwk,
  };
}
