import { dirname } from 'node:path';
import express, { type Router } from 'express';

/** swagger-ui-dist's folder of prebuilt assets (the package is only files: no types, nothing to import). */
const ASSETS = dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;

// A separate script, not inline: the apps' Content-Security-Policy (helmet) allows scripts from 'self' only.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', deepLinking: true });`;

/**
 * `GET /openapi.json` (the document) and `GET /docs` (an interactive viewer of it: swagger-ui-dist, its assets
 * served from this process, never from a CDN). Both public: the description of an API is not a secret.
 */
export function apiDocs(document: object): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  router.use('/docs/assets', express.static(ASSETS, { index: false, fallthrough: false }));
  return router;
}
