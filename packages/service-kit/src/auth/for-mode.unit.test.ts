import { join } from 'node:path';
import { fixedClock } from '../clock/clock';
import { ConfigError } from '../config/load-config';
import { tempDir } from '../test-support';
import { loadDevKeys } from './dev-keys';
import { verifierForMode } from './for-mode';
import { signLocalToken } from './local-token';

const clock = fixedClock('2026-06-01T00:00:00Z');

describe('verifierForMode', () => {
  it('local mode verifies tokens signed with the shared dev key', async () => {
    const tmp = tempDir();
    try {
      const env = { PEIYU_KEY_DIR: join(tmp.dir, 'k') };
      const verifier = await verifierForMode('local', clock, env);
      const keys = await loadDevKeys(env.PEIYU_KEY_DIR);
      const principal = { sub: 'a', role: 'admin' } as const;
      const token = await signLocalToken(keys, { principal, ttlMs: 60_000, clock });
      await expect(verifier.verify(token)).resolves.toEqual(principal);
    } finally {
      tmp.cleanup();
    }
  });

  it('production mode names the missing identity provider settings', async () => {
    const err = await verifierForMode('production', clock, { PEIYU_JWT_ISSUER: 'https://id' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'PEIYU_JWKS_URL',
      'PEIYU_JWT_AUDIENCE',
    ]);
  });
});
