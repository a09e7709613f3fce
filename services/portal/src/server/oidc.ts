import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { OidcSettings } from './config';

type OidcClient = typeof import('openid-client');
/** openid-client 6 is ESM only; Node 20.19+ requires it from CommonJS, loaded once at start-up. */
const loadClient = (): Promise<OidcClient> => import('openid-client');

const COOKIE = 'peiyu_oidc';
const cookieOf = (header: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2)
      .map(([k, v]) => [k, decodeURIComponent(v)]),
  );

/**
 * Production sign-in: authorization code flow with PKCE against the configured issuer (discovered once at
 * start-up, so a wrong issuer stops the portal instead of failing at the first user). The state and code
 * verifier ride in a short-lived HttpOnly cookie; the callback hands the access token to the app in the URL
 * fragment (never sent to a server), and the services verify it against the issuer's JWKS.
 */
export async function oidcSignIn(settings: OidcSettings): Promise<Router> {
  const client = await loadClient();
  const config = await client.discovery(
    new URL(settings.issuerUrl),
    settings.clientId,
    settings.clientSecret,
  );
  const router = Router();
  router.get('/auth/login', async (_req, res) => {
    const state = randomBytes(16).toString('base64url');
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: settings.scope,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    res.setHeader(
      'Set-Cookie',
      `${COOKIE}=${encodeURIComponent(`${state}.${verifier}`)}; HttpOnly; Secure; SameSite=Lax; Path=/auth; Max-Age=600`,
    );
    res.redirect(302, url.href);
  });
  router.get('/auth/callback', async (req, res) => {
    const [state, verifier] = (cookieOf(req.headers.cookie)[COOKIE] ?? '').split('.');
    const current = new URL(req.originalUrl, settings.redirectUri);
    const tokens = await client.authorizationCodeGrant(config, current, {
      expectedState: state ?? '',
      pkceCodeVerifier: verifier ?? '',
    });
    res.setHeader('Set-Cookie', `${COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=/auth; Max-Age=0`);
    res.redirect(302, `/#token=${encodeURIComponent(tokens.access_token)}`);
  });
  return router;
}
