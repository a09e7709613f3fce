import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { verifierForMode } from '../auth/for-mode';
import { keyVerifier } from '../auth/verifier';
import { fixedClock } from '../clock/clock';
import { ConfigError } from '../config/load-config';
import { peiyuMode } from '../mode';
import { UnauthenticatedError } from '../problem/errors';
import { tempDir } from '../test-support';

const clock = fixedClock('2026-06-01T00:00:00Z');
const now = clock.now().getTime() / 1000;
const idp = { PEIYU_JWT_ISSUER: 'https://id.example', PEIYU_JWT_AUDIENCE: 'peiyu' };

async function configProblems(env: NodeJS.ProcessEnv): Promise<string[]> {
  const err = await verifierForMode(peiyuMode(env), clock, env).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
}

describe('finding 6 — authentication fails closed', () => {
  it('PEIYU_MODE unset or empty is production, local only when set explicitly', () => {
    expect(peiyuMode({})).toBe('production');
    expect(peiyuMode({ PEIYU_MODE: '' })).toBe('production');
    expect(peiyuMode({ PEIYU_MODE: 'local' })).toBe('local');
    expect(() => peiyuMode({ PEIYU_MODE: 'dev' })).toThrow(/PEIYU_MODE/);
  });

  it('with PEIYU_MODE unset a service does not start on a dev key it made itself', async () => {
    const tmp = tempDir();
    try {
      const problems = await configProblems({ PEIYU_KEY_DIR: tmp.dir });
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'PEIYU_JWKS_URL',
        'PEIYU_JWT_AUDIENCE',
        'PEIYU_JWT_ISSUER',
      ]);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('finding 11 — keys over TLS, bounded token lifetime', () => {
  it('production refuses a plain-http JWKS URL, except to a loopback address', async () => {
    const problems = await configProblems({ ...idp, PEIYU_JWKS_URL: 'http://id.example/jwks.json' });
    expect(problems).toEqual([expect.stringMatching(/^PEIYU_JWKS_URL: must be an https URL/)]);
    for (const url of ['https://id.example/jwks.json', 'http://127.0.0.1:9000/jwks', 'http://localhost/jwks'])
      await expect(
        verifierForMode('production', clock, { ...idp, PEIYU_JWKS_URL: url }),
      ).resolves.toBeDefined();
  });

  describe('token claims', () => {
    let key: { privateKey: CryptoKey; publicKey: CryptoKey };
    beforeAll(async () => {
      key = await generateKeyPair('ES256');
    });
    const verifier = () => keyVerifier(key.publicKey, { issuer: 'i', audience: 'a', clock });
    async function token(claims: { iat?: number; exp?: number }): Promise<string> {
      const jwt = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'ES256' }).setSubject('u-1');
      if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      return jwt.setIssuer('i').setAudience('a').sign(key.privateKey);
    }
    async function refusal(claims: { iat?: number; exp?: number }): Promise<string> {
      const err = await verifier()
        .verify(await token(claims))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnauthenticatedError);
      return (err as Error).message;
    }

    it('accepts an ordinary token (1 h, issued now)', async () => {
      await expect(verifier().verify(await token({ iat: now, exp: now + 3600 }))).resolves.toMatchObject({
        sub: 'u-1',
      });
    });

    it('refuses exp in 2100, iat in the future, and tokens without iat or exp', async () => {
      expect(await refusal({ iat: now, exp: Date.UTC(2100, 0, 1) / 1000 })).toMatch(/lives longer/);
      expect(await refusal({ iat: now + 3600, exp: now + 7200 })).toMatch(/"iat" claim is in the future/);
      expect(await refusal({ exp: now + 600 })).toMatch(/"iat"/);
      expect(await refusal({ iat: now })).toMatch(/"exp"/);
    });

    it('allows a small clock skew for iat and a configured maximum lifetime', async () => {
      await expect(verifier().verify(await token({ iat: now + 3, exp: now + 600 }))).resolves.toBeDefined();
      const long = keyVerifier(key.publicKey, { issuer: 'i', audience: 'a', clock, maxLifetimeSec: 86_400 });
      await expect(long.verify(await token({ iat: now, exp: now + 86_400 }))).resolves.toBeDefined();
      expect(await refusal({ iat: now, exp: now + 12 * 3600 + 1 })).toMatch(/43200 s/);
    });
  });
});
