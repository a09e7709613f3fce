// @peiyu/service-kit: what every Peiyu service needs, once. See README.md.
export * from './mode';
export * from './paths';
export * from './roles';

export * from './clock/clock';
export * from './clock/duration';
export * from './clock/shared-clock';
export * from './clock/for-mode';

export * from './problem/problem';
export * from './problem/errors';
export * from './problem/zod-issues';
export * from './problem/localise';

export * from './http/app';
export * from './http/error-handler';
export * from './http/health';
export * from './http/logging';
export * from './http/request-id';
export * from './http/serve';
export * from './http/validate';
export * from './http/strict-schema';

export * from './auth/regions';
export * from './auth/principal';
export * from './auth/policy';
export * from './auth/access';
export * from './auth/list-scope';
export * from './auth/verifier';
export * from './auth/dev-keys';
export * from './auth/local-token';
export * from './auth/middleware';
export * from './auth/for-mode';

export * from './telemetry/propagation';
export * from './telemetry/http-span';
export * from './telemetry/start';

export * from './config/load-config';

export { tokenMain } from './cli/token-main';
export { clockMain } from './cli/clock-main';
export type { CliIo } from './cli/io';
export * from './http/run-service';
export * from './http/openapi';
export * from './http/paging';
export * from './http/endpoint';
export * from './http/api-docs';
export * from './http/service-app';
export * from './http/rate-limit';
export * from './http/personal-data';
export * from './http/mask';
export * from './export/table';
export * from './export/sheet-read';
