// @peiyu/portal: the web portal's server (the web app itself is under src/web). See README.md.
export { buildPortalApp, type PortalOptions } from './app';
export { PortalConfigSchema, parseServiceUrls, oidcConfigOf, type PortalConfig } from './config';
export { DEMO_USERS } from './demo-sign-in';
