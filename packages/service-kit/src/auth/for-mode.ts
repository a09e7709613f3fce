import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { parseDuration } from '../clock/duration';
import { loadConfig } from '../config/load-config';
import type { PeiyuMode } from '../mode';
import { defaultKeyDir, loadDevKeys } from './dev-keys';
import { localVerifier } from './local-token';
import { DEFAULT_MAX_TOKEN_LIFETIME_SEC, jwksVerifier, type TokenVerifier } from './verifier';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Keys must come over TLS (finding 11: a JWKS fetched over plain HTTP can be swapped on the way). Plain http is
 * allowed only to a loopback address, where no network lies between (a sidecar, a test).
 */
export const JwksUrlSchema = z.url({ protocol: /^https?$/ }).refine((raw) => {
  const url = new URL(raw);
  return url.protocol === 'https:' || LOOPBACK.test(url.hostname);
}, 'must be an https URL (plain http only to a loopback address)');

const seconds = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return Math.ceil(parseDuration(text) / 1000);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });

/** Token lifetime limits, in both modes: `PEIYU_JWT_MAX_LIFETIME` (default 12h), `PEIYU_JWT_CLOCK_SKEW` (5s). */
export const TokenLimitsEnvSchema = z.object({
  PEIYU_JWT_MAX_LIFETIME: seconds(`${DEFAULT_MAX_TOKEN_LIFETIME_SEC}s`),
  PEIYU_JWT_CLOCK_SKEW: seconds('5s'),
});

/** The identity provider settings production needs; local mode needs none. */
export const ProductionAuthEnvSchema = TokenLimitsEnvSchema.extend({
  PEIYU_JWKS_URL: JwksUrlSchema,
  PEIYU_JWT_ISSUER: z.string().min(1),
  PEIYU_JWT_AUDIENCE: z.string().min(1),
});

/**
 * The verifier a service uses: in production, the identity provider's JWKS (a missing or plain-http setting
 * stops start-up with a ConfigError naming it); in local mode, the shared dev key under `.peiyu/keys`.
 */
export async function verifierForMode(
  mode: PeiyuMode,
  clock: Clock,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TokenVerifier> {
  if (mode === 'local') {
    const limits = loadConfig(TokenLimitsEnvSchema, env);
    return localVerifier(await loadDevKeys(defaultKeyDir(env)), clock, {
      maxLifetimeSec: limits.PEIYU_JWT_MAX_LIFETIME,
      clockToleranceSec: limits.PEIYU_JWT_CLOCK_SKEW,
    });
  }
  const config = loadConfig(ProductionAuthEnvSchema, env);
  return jwksVerifier(config.PEIYU_JWKS_URL, {
    issuer: config.PEIYU_JWT_ISSUER,
    audience: config.PEIYU_JWT_AUDIENCE,
    clock,
    maxLifetimeSec: config.PEIYU_JWT_MAX_LIFETIME,
    clockToleranceSec: config.PEIYU_JWT_CLOCK_SKEW,
  });
}
