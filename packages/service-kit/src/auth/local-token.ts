import { SignJWT } from 'jose';
import type { Clock } from '../clock/clock';
import { tokenTimeOf } from '../clock/shared-clock';
import type { DevKeys } from './dev-keys';
import { type Principal, PrincipalClaimsSchema } from './principal';
import {
  keyVerifier,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  type TokenVerifier,
  type VerifierOptions,
} from './verifier';

export interface LocalTokenRequest {
  principal: Principal;
  /** Lifetime in milliseconds. */
  ttlMs: number;
  clock: Clock;
}

/**
 * Signs a local-mode token with the dev key. Claims are checked with the same schema the verifier uses, so a
 * token that would be refused is never minted. iat/exp come from the injected clock's token time
 * (`tokenTimeOf`): under the shared local clock that is real time, so moving the clock expires no token.
 */
export async function signLocalToken(keys: DevKeys, request: LocalTokenRequest): Promise<string> {
  const claims = PrincipalClaimsSchema.parse(request.principal);
  const nowSec = Math.floor(tokenTimeOf(request.clock).now().getTime() / 1000);
  const { sub, ...custom } = claims;
  return new SignJWT(custom)
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(nowSec)
    .setExpirationTime(nowSec + Math.ceil(request.ttlMs / 1000))
    .sign(keys.privateKey);
}

/** Verifies local-mode tokens: ES256 only, local issuer and audience; lifetimes in the clock's token time. */
export function localVerifier(
  keys: DevKeys,
  clock: Clock,
  limits: Pick<VerifierOptions, 'maxLifetimeSec' | 'clockToleranceSec'> = {},
): TokenVerifier {
  return keyVerifier(keys.publicKey, {
    ...limits,
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    clock: tokenTimeOf(clock),
    algorithms: ['ES256'],
  });
}
