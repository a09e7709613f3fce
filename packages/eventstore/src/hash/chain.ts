import { createHash, getHashes } from 'node:crypto';
import { canonicalize } from './canonical';

/** Hash algorithms the chain may use; `sm3` (GB/T 32905) only where the local OpenSSL provides it. */
export type HashAlgorithm = 'sha256' | 'sm3';

/** The envelope fields covered by the hash, in no particular order (canonical form sorts them). */
export const HASHED_FIELDS = [
  'eventId',
  'streamId',
  'streamVersion',
  'type',
  'schemaVersion',
  'occurredAt',
  'recordedAt',
  'actor',
  'correlationId',
  'causationId',
  'traceparent',
  'data',
] as const;

export type HashedEvent = { [K in (typeof HASHED_FIELDS)[number]]?: unknown };

/** The link before version 1: as many zero hex digits as the digest has (64 for both algorithms). */
export function genesisHash(algorithm: HashAlgorithm = 'sha256'): string {
  return '0'.repeat(digestHexLength(algorithm));
}

export function assertHashAlgorithm(algorithm: string): asserts algorithm is HashAlgorithm {
  if (algorithm !== 'sha256' && algorithm !== 'sm3')
    throw new Error(`unsupported hash algorithm ${algorithm}`);
  if (!getHashes().includes(algorithm))
    throw new Error(`hash algorithm ${algorithm} is not available in this OpenSSL`);
}

function digestHexLength(_algorithm: HashAlgorithm): number {
  return 64; // both SHA-256 and SM3 produce 256-bit digests
}

/** Only the hashed fields, so storage-only fields (position, publication state) never affect the chain. */
export function hashedView(event: HashedEvent): HashedEvent {
  const view: HashedEvent = {};
  for (const field of HASHED_FIELDS) {
    if (event[field] !== undefined) view[field] = event[field];
  }
  return view;
}

/** The exact bytes that are hashed: ASCII prevHash, one LF, the canonical UTF-8 of the hashed view. */
export function chainInput(prevHash: string, event: HashedEvent): Buffer {
  return Buffer.from(`${prevHash}\n${canonicalize(hashedView(event))}`, 'utf8');
}

export function linkHash(prevHash: string, event: HashedEvent, algorithm: HashAlgorithm = 'sha256'): string {
  return createHash(algorithm).update(chainInput(prevHash, event)).digest('hex');
}
