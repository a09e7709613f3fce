import { Router } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';

/**
 * `/api/<service>/…` → `<service url>/…`: the browser talks to one origin. The Authorization header goes
 * through untouched (each service verifies the token itself). express.json() has already read JSON bodies,
 * so fixRequestBody writes them again onto the proxied request.
 */
export function apiProxy(services: Readonly<Record<string, string>>): Router {
  const router = Router();
  for (const [name, target] of Object.entries(services)) {
    router.use(
      `/api/${name}`,
      createProxyMiddleware({
        target,
        changeOrigin: true,
        xfwd: true,
        on: { proxyReq: fixRequestBody },
      }),
    );
  }
  return router;
}

/** The services the browser may reach, for the app's navigation (pages of absent services stay hidden). */
export function serviceList(services: Readonly<Record<string, string>>): string[] {
  return Object.keys(services).sort();
}
