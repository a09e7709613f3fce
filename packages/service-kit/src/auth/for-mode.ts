import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { loadConfig } from '../config/load-config';
import type { PeiyuMode } from '../mode';
import { defaultKeyDir, loadDevKeys } from './dev-keys';
import { localVerifier } from './local-token';
import { jwksVerifier, type TokenVerifier } from './verifier';

/** The identity provider settings production needs; local mode needs none. */
export const ProductionAuthEnvSchema = z.object({
  PEIYU_JWKS_URL: z.url({ protocol: /^https?$/ }),
  PEIYU_JWT_ISSUER: z.string().min(1),
  PEIYU_JWT_AUDIENCE: z.string().min(1),
});

/**
 * The verifier a service uses: in production, the identity provider's JWKS (a missing setting stops start-up
 * with a ConfigError naming it); in local mode, the shared dev key under `.peiyu/keys`.
 */
export async function verifierForMode(
  mode: PeiyuMode,
  clock: Clock,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TokenVerifier> {
  if (mode === 'local') return localVerifier(await loadDevKeys(defaultKeyDir(env)), clock);
  const config = loadConfig(ProductionAuthEnvSchema, env);
  return jwksVerifier(config.PEIYU_JWKS_URL, {
    issuer: config.PEIYU_JWT_ISSUER,
    audience: config.PEIYU_JWT_AUDIENCE,
    clock,
  });
}
