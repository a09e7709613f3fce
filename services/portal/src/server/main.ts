import { join } from 'node:path';
import { defaultKeyDir, loadDevKeys, mainOf, runService } from '@peiyu/service-kit';
import { buildPortalApp } from './app';
import { oidcConfigOf, PortalConfigSchema } from './config';
import { oidcSignIn } from './oidc';

mainOf(() =>
  runService({
    name: 'portal',
    configSchema: PortalConfigSchema,
    start: async ({ config, mode, clock, logger }) => {
      const keys = loadDevKeys(defaultKeyDir());
      const app = buildPortalApp({
        mode,
        services: config.PEIYU_SERVICE_URLS,
        webDir: join(__dirname, 'web'),
        logger,
        clock,
        ...(mode === 'local' ? { devKeys: () => keys } : { oidc: await oidcSignIn(oidcConfigOf(config)) }),
      });
      return { app, close: async () => undefined };
    },
  }),
);
