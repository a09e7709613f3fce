import { z } from 'zod';

/** `registry=http://127.0.0.1:4001,assessment=http://127.0.0.1:4002` → { registry: 'http://…', … } */
export function parseServiceUrls(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split(',').filter((p) => p.trim() !== '')) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const url = pair.slice(at + 1).trim();
    if (at < 1 || !/^[a-z][a-z0-9-]*$/.test(name) || !URL.canParse(url)) {
      throw new Error(`PEIYU_SERVICE_URLS: "${pair}" is not name=http://host:port`);
    }
    out[name] = url.replace(/\/+$/, '');
  }
  return out;
}

const ServiceUrls = z.string().transform((raw, ctx) => {
  try {
    return parseServiceUrls(raw);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/**
 * Environment of the portal process. PEIYU_SERVICE_URLS is what the local stack runner passes (every service it
 * started before the portal); docker compose sets it to the services' container addresses. The OIDC_* variables
 * are needed in production only (checked by `oidcConfigOf`).
 */
export const PortalConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PEIYU_SERVICE_URLS: ServiceUrls.default({}),
  OIDC_ISSUER_URL: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.url().optional(),
  OIDC_SCOPE: z.string().min(1).default('openid profile'),
});
export type PortalConfig = z.output<typeof PortalConfigSchema>;

export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
  scope: string;
}

/** Production sign-in needs an issuer, a client id and a redirect URI; the portal refuses to start without. */
export function oidcConfigOf(config: PortalConfig): OidcSettings {
  const missing = (['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI'] as const).filter(
    (k) => config[k] === undefined,
  );
  if (missing.length > 0) {
    throw new Error(`production sign-in is OIDC: set ${missing.join(', ')} (see services/portal/README.md)`);
  }
  return {
    issuerUrl: config.OIDC_ISSUER_URL!,
    clientId: config.OIDC_CLIENT_ID!,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: config.OIDC_REDIRECT_URI!,
    scope: config.OIDC_SCOPE,
  };
}
