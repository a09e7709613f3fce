import { createRemoteJWKSet, errors, jwtVerify, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock/clock';
import { HttpProblemError, ServiceUnavailableError, UnauthenticatedError } from '../problem/errors';
import { type Principal, principalFromClaims } from './principal';

/** Turns a bearer token into a Principal, or throws UnauthenticatedError (503 if the key source is down). */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * Only asymmetric signatures: a service must never hold a secret able to mint tokens, and `none`/HS* tokens
 * are the classic algorithm-confusion attacks.
 */
export const ASYMMETRIC_ALGORITHMS = ['ES256', 'EdDSA', 'RS256'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

export const LOCAL_ISSUER = 'peiyu-local';
export const LOCAL_AUDIENCE = 'peiyu';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** Time used for exp/nbf/iat checks. */
  clock: Clock;
  algorithms?: readonly AsymmetricAlgorithm[];
  /** Allowed skew between issuer and us, in seconds (default 5): for exp, nbf and an `iat` ahead of us. */
  clockToleranceSec?: number;
  /** Longest accepted `exp - iat`, in seconds (default 12 h). */
  maxLifetimeSec?: number;
}

/** 12 h: a working day plus margin. A stolen token is worth at most that long (finding 11). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SEC = 12 * 3600;

/** Finding 11: every token says when it was issued, was not issued in our future, and lives a bounded time. */
function checkLifetime(payload: Record<string, unknown>, options: VerifierOptions): void {
  const iat = payload['iat'];
  const exp = payload['exp'];
  if (typeof iat !== 'number' || typeof exp !== 'number')
    throw new UnauthenticatedError('the token must carry "iat" and "exp"');
  const nowSec = options.clock.now().getTime() / 1000;
  if (iat > nowSec + (options.clockToleranceSec ?? 5))
    throw new UnauthenticatedError(`the token's "iat" claim is in the future`);
  const max = options.maxLifetimeSec ?? DEFAULT_MAX_TOKEN_LIFETIME_SEC;
  if (exp - iat > max) throw new UnauthenticatedError(`the token lives longer than the allowed ${max} s`);
}

/** Failures of the JWKS endpoint (down, slow, non-200, malformed), as opposed to failures of the token. */
function keySourceFailure(err: unknown): boolean {
  if (!(err instanceof errors.JOSEError)) return true; // network errors surface as fetch's TypeError
  return (
    err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || err.code === 'ERR_JOSE_GENERIC'
  );
}

function rejection(err: unknown, remoteKeys: boolean): HttpProblemError {
  // The identity provider being unreachable is our outage, not a bad token: a 401 would make clients drop a
  // perfectly good token and send users back to sign-in.
  if (remoteKeys && keySourceFailure(err)) {
    return new ServiceUnavailableError('the identity provider cannot be reached; try again later');
  }
  if (err instanceof errors.JWTExpired) return new UnauthenticatedError('the token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new UnauthenticatedError(`the token's "${err.claim}" claim is not accepted`);
  }
  return new UnauthenticatedError('the token is not valid');
}

function checkAlgorithms(algorithms: readonly string[]): string[] {
  const bad = algorithms.filter((a) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(a));
  if (bad.length > 0 || algorithms.length === 0)
    throw new Error(`refusing token algorithms: ${bad.join(', ') || '(none)'}`);
  return [...algorithms];
}

/** How many verified tokens a verifier remembers, and for how long at most (a JWKS key may be withdrawn). */
export const VERIFIED_TOKEN_CACHE = { entries: 5_000, maxAgeSec: 60 } as const;

interface Verified {
  principal: Readonly<Principal>;
  exp: number;
  iat: number;
  nbf: number | undefined;
  /** Clock milliseconds at the full verification. */
  atMs: number;
}

/**
 * Whether a token verified earlier still passes every time-dependent check now (exp, nbf, iat not ahead of us,
 * and its verification recent and not in the clock's future): the signature and the other claims cannot change.
 */
function stillValid(v: Verified, nowMs: number, toleranceSec: number): boolean {
  const nowSec = Math.floor(nowMs / 1000); // as jose counts (its exp and nbf checks, exactly)
  return (
    v.exp > nowSec - toleranceSec &&
    (v.nbf === undefined || v.nbf <= nowSec + toleranceSec) &&
    v.iat <= nowSec + toleranceSec &&
    v.atMs <= nowMs &&
    nowMs - v.atMs < VERIFIED_TOKEN_CACHE.maxAgeSec * 1000
  );
}

/**
 * A verifier over a fixed key or a key-resolving function (a JWKS). A client sends the same token with every
 * request: a token verified once is remembered (keyed by the whole token, signature included; bounded; each
 * hit re-checks expiry and the other time checks against the clock), so an ES256 signature check is paid once
 * a minute per token rather than once per request. Refusals are never remembered.
 */
export function keyVerifier(key: CryptoKey | JWTVerifyGetKey, options: VerifierOptions): TokenVerifier {
  const algorithms = checkAlgorithms(options.algorithms ?? ASYMMETRIC_ALGORITHMS);
  const tolerance = options.clockToleranceSec ?? 5;
  const cache = new Map<string, Verified>();
  const verifyFully = async (token: string): Promise<Principal> => {
    let payload: Record<string, unknown>;
    try {
      const checks = {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        currentDate: options.clock.now(),
        clockTolerance: tolerance,
        requiredClaims: ['sub', 'exp', 'iat'],
      };
      const verified =
        typeof key === 'function' ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks);
      payload = verified.payload;
    } catch (err) {
      throw rejection(err, typeof key === 'function');
    }
    checkLifetime(payload, options);
    const claims = principalFromClaims(payload);
    if (!claims.success) throw new UnauthenticatedError('the token claims are not valid');
    if (cache.size >= VERIFIED_TOKEN_CACHE.entries) cache.delete(cache.keys().next().value!);
    cache.set(token, {
      principal: Object.freeze({ ...claims.data }),
      exp: payload['exp'] as number,
      iat: payload['iat'] as number,
      nbf: typeof payload['nbf'] === 'number' ? payload['nbf'] : undefined,
      atMs: options.clock.now().getTime(),
    });
    return claims.data;
  };
  return {
    async verify(token) {
      const known = cache.get(token);
      if (known) {
        if (stillValid(known, options.clock.now().getTime(), tolerance)) return { ...known.principal };
        cache.delete(token); // verified again below: the refusal (expired…) comes from the full check
      }
      return verifyFully(token);
    },
  };
}

/** Production: keys fetched (and cached) from the identity provider's JWKS URL. */
export function jwksVerifier(jwksUrl: string | URL, options: VerifierOptions): TokenVerifier {
  return keyVerifier(createRemoteJWKSet(new URL(jwksUrl)), options);
}
