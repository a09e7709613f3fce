import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type GenerateKeyPairResult,
  type JWTPayload,
} from 'jose';
import { manualClock } from '../clock/clock';
import { ServiceUnavailableError, UnauthenticatedError } from '../problem/errors';
import { tempDir } from '../test-support';
import { type DevKeys, loadDevKeys } from './dev-keys';
import { localVerifier, signLocalToken } from './local-token';
import type { Principal } from './principal';
import { jwksVerifier, keyVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER } from './verifier';

const T0 = '2026-03-02T01:00:00.000Z';
const reviewer: Principal = { sub: 'u-1', role: 'county_reviewer', region: '410402' };
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

async function rejection(promise: Promise<unknown>): Promise<UnauthenticatedError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthenticatedError);
  return err as UnauthenticatedError;
}

function sign(key: CryptoKey | Uint8Array, alg: string, payload: JWTPayload, kid?: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) }).sign(key);
}

describe('local-mode tokens', () => {
  const tmp = tempDir();
  let keys: DevKeys;
  const clock = manualClock(T0);
  beforeAll(async () => {
    keys = await loadDevKeys(tmp.dir);
  });
  afterAll(tmp.cleanup);
  beforeEach(() => clock.set(T0));

  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: 'u-1',
    role: 'county_reviewer',
    region: '410402',
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
    iat: seconds(T0),
    exp: seconds(T0) + 3600,
    ...overrides,
  });

  it('accepts a valid token and returns the principal', async () => {
    const token = await signLocalToken(keys, { principal: reviewer, ttlMs: 3_600_000, clock });
    await expect(localVerifier(keys, clock).verify(token)).resolves.toEqual(reviewer);
  });

  it('rejects an expired token (time moved by the injected clock)', async () => {
    const token = await signLocalToken(keys, { principal: reviewer, ttlMs: 3_600_000, clock });
    clock.advance(3_600_000 + 10_000);
    const err = await rejection(localVerifier(keys, clock).verify(token));
    expect(err.message).toBe('the token has expired');
  });

  it('remembers a verified token but still refuses it once expired, and never remembers a refusal', async () => {
    const verifier = localVerifier(keys, clock);
    const token = await signLocalToken(keys, { principal: reviewer, ttlMs: 3_600_000, clock });
    await expect(verifier.verify(token)).resolves.toEqual(reviewer);
    const again = await verifier.verify(token);
    expect(again).toEqual(reviewer);
    again.role = 'admin'; // a caller changing its copy changes nothing remembered
    await expect(verifier.verify(token)).resolves.toEqual(reviewer);
    clock.advance(3_600_000 + 10_000);
    expect((await rejection(verifier.verify(token))).message).toBe('the token has expired');
    // a clock stepped back before the token's issue: the iat check applies again on the remembered token
    clock.set(T0);
    await expect(verifier.verify(token)).resolves.toEqual(reviewer);
    clock.set('2026-03-02T00:00:00.000Z');
    expect((await rejection(verifier.verify(token))).message).toMatch(/"iat"/);
    // a tampered token (another signature) is its own entry: refused, however often it is sent
    clock.set(T0);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    await rejection(verifier.verify(forged));
    await rejection(verifier.verify(forged));
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    const verifier = localVerifier(keys, clock);
    const wrongIss = await sign(keys.privateKey, 'ES256', claims({ iss: 'https://evil.example' }), keys.kid);
    expect((await rejection(verifier.verify(wrongIss))).message).toMatch(/"iss"/);
    const wrongAud = await sign(keys.privateKey, 'ES256', claims({ aud: 'another-system' }), keys.kid);
    expect((await rejection(verifier.verify(wrongAud))).message).toMatch(/"aud"/);
  });

  it('rejects alg "none"', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    await rejection(localVerifier(keys, clock).verify(unsigned));
  });

  it('rejects HS256, even with the public key as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(keys.publicJwk));
    await rejection(localVerifier(keys, clock).verify(await sign(secret, 'HS256', claims())));
    await rejection(
      localVerifier(keys, clock).verify(await sign(new Uint8Array(32).fill(7), 'HS256', claims())),
    );
  });

  it('rejects a tampered payload and a signature from another key', async () => {
    const token = await signLocalToken(keys, { principal: reviewer, ttlMs: 3_600_000, clock });
    const [header, , signature] = token.split('.');
    const escalated = `${header}.${b64(claims({ role: 'admin' }))}.${signature}`;
    await rejection(localVerifier(keys, clock).verify(escalated));
    const other = await generateKeyPair('ES256');
    await rejection(
      localVerifier(keys, clock).verify(await sign(other.privateKey, 'ES256', claims(), keys.kid)),
    );
  });

  it('rejects well-signed tokens whose Peiyu claims are wrong', async () => {
    const verifier = localVerifier(keys, clock);
    const cases: JWTPayload[] = [
      claims({ role: 'enterprise' }), // no uscc
      claims({ role: 'superuser' }),
      claims({ region: '4104' }),
      claims({ role: 'city_reviewer', region: '410402' }), // county code for a city role
      claims({ uscc: '91410402MA40000001' }), // uscc on a non-enterprise
      claims({ exp: undefined }),
    ];
    for (const payload of cases) {
      await rejection(verifier.verify(await sign(keys.privateKey, 'ES256', payload, keys.kid)));
    }
  });

  it('never mints a token it would refuse', async () => {
    await expect(
      signLocalToken(keys, {
        principal: { sub: 'e', role: 'enterprise', region: '410402' },
        ttlMs: 1000,
        clock,
      }),
    ).rejects.toThrow(/uscc/);
  });
});

describe('production tokens from a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let es: GenerateKeyPairResult;
  let ed: GenerateKeyPairResult;
  const clock = manualClock(T0);
  const options = { issuer: 'https://id.peiyu.example', audience: 'peiyu-api', clock };
  const payload = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: 'u-2',
    role: 'province_reviewer',
    region: '410000',
    iss: options.issuer,
    aud: options.audience,
    iat: seconds(T0),
    exp: seconds(T0) + 600,
    ...overrides,
  });

  beforeAll(async () => {
    es = await generateKeyPair('ES256');
    ed = await generateKeyPair('EdDSA');
    const keys = [
      { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' },
      { ...(await exportJWK(ed.publicKey)), kid: 'ed', alg: 'EdDSA' },
    ];
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts ES256 and EdDSA tokens signed by keys in the JWKS', async () => {
    const verifier = jwksVerifier(jwksUrl, options);
    const expected = { sub: 'u-2', role: 'province_reviewer', region: '410000' };
    await expect(verifier.verify(await sign(es.privateKey, 'ES256', payload(), 'es'))).resolves.toEqual(
      expected,
    );
    await expect(verifier.verify(await sign(ed.privateKey, 'EdDSA', payload(), 'ed'))).resolves.toEqual(
      expected,
    );
  });

  it('rejects wrong issuer, wrong audience, HS256 and alg none', async () => {
    const verifier = jwksVerifier(jwksUrl, options);
    await rejection(
      verifier.verify(await sign(es.privateKey, 'ES256', payload({ iss: 'https://other' }), 'es')),
    );
    await rejection(verifier.verify(await sign(es.privateKey, 'ES256', payload({ aud: 'other' }), 'es')));
    await rejection(verifier.verify(await sign(new Uint8Array(32).fill(1), 'HS256', payload(), 'es')));
    await rejection(verifier.verify(`${b64({ alg: 'none', kid: 'es' })}.${b64(payload())}.`));
  });

  it('answers 503, not 401, when the JWKS endpoint is down or broken', async () => {
    const token = await sign(es.privateKey, 'ES256', payload(), 'es');
    const broken = createServer((_req, res) => {
      res.statusCode = 500;
      res.end('oops');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/jwks`;
    try {
      const err = await jwksVerifier(brokenUrl, options)
        .verify(token)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceUnavailableError);
    } finally {
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
    // Now nothing listens on that port at all.
    const down = await jwksVerifier(brokenUrl, options)
      .verify(token)
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ServiceUnavailableError);
  });

  it('refuses to be configured with symmetric or unknown algorithms', () => {
    const bad = ['HS256'] as unknown as ['ES256'];
    expect(() => keyVerifier(es.publicKey, { ...options, algorithms: bad })).toThrow(/HS256/);
  });
});
