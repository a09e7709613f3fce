import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, createApp, type DevKeys, type Logger, type PeiyuMode } from '@peiyu/service-kit';
import express, { type Express, type Router } from 'express';
import { demoSignIn } from './demo-sign-in';
import { apiProxy, serviceList } from './proxy';

export interface PortalOptions {
  mode: PeiyuMode;
  /** service name → base URL */
  services: Readonly<Record<string, string>>;
  /** the built web app (index.html + assets) */
  webDir: string;
  logger: Logger;
  clock: Clock;
  /** local mode: the dev key the demo sign-in signs with */
  devKeys?: () => Promise<DevKeys>;
  /** production: the OIDC routes (login redirect, callback) */
  oidc?: Router;
}

/**
 * The portal: `/api/<service>/…` proxied to the services, `/auth/…` sign-in, the built single-page app for
 * every other GET. Demo sign-in exists in local mode only; in production the sign-in is the OIDC router, and
 * without one the portal refuses to build.
 */
export function buildPortalApp(o: PortalOptions): Express {
  if (o.mode === 'production' && !o.oidc) throw new Error('production portal needs the OIDC sign-in');
  if (o.mode === 'local' && !o.devKeys) throw new Error('local portal needs the dev key for demo sign-in');
  const signIn = o.mode === 'local' ? 'demo' : 'oidc';
  return createApp({
    name: 'portal',
    logger: o.logger,
    clock: o.clock,
    routes: (app) => {
      app.use(apiProxy(o.services));
      app.get('/auth/config', (_req, res) => {
        // `today` from the portal's clock (the shared movable clock in local mode): the campaign year the app shows.
        res.json({ mode: o.mode, signIn, services: serviceList(o.services), today: o.clock.today() });
      });
      if (o.mode === 'local') app.use(demoSignIn(o.devKeys!, o.clock));
      else app.use(o.oidc!);
      app.use(express.static(o.webDir, { index: false, maxAge: '1h' }));
      const index = join(o.webDir, 'index.html');
      // Client-side routes: any other GET that accepts HTML gets the app.
      app.get(/^\/(?!api\/|auth\/).*/, (req, res, next) => {
        if (!req.accepts('html') || !existsSync(index)) return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(index);
      });
    },
  });
}
