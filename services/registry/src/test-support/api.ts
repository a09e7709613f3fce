import { IdempotencyStore, StoreProjector } from '@peiyu/eventstore';
import { apiHarness, type ApiHarness } from '@peiyu/eventstore/src/test-support/api-harness';
import type { TokenVerifier } from '@peiyu/service-kit';
import { capturingLogger } from '@peiyu/service-kit/src/test-support';
import type { Express } from 'express';
import { buildRegistryApp } from '../app';
import type { RegistryDeps } from '../http/deps';
import { enterpriseDirectory } from '../read-models/enterprise-directory';
import { createRegions } from '../regions';

/** The registry in process over the api harness, its log lines kept as objects (security and fuzz suites). */
export interface RegistryApi {
  h: ApiHarness;
  app: Express;
  deps: RegistryDeps;
  /** Every log line written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Another app over the same deps, e.g. with a real token verifier. */
  appWith(verifier: TokenVerifier): Express;
  close(): Promise<void>;
}

export async function registryApi(o: { keepLogs?: boolean } = {}): Promise<RegistryApi> {
  const h = await apiHarness();
  const regions = createRegions();
  const projector = new StoreProjector({
    store: h.store,
    db: h.db,
    projections: [enterpriseDirectory({ provinciallyAdministered: regions.provinciallyAdministered })],
  });
  await projector.start();
  const { logger, records: logs } = capturingLogger('registry-test', {
    level: 'info',
    keep: o.keepLogs !== false,
  });
  const deps: RegistryDeps = {
    store: h.store,
    idempotency: await IdempotencyStore.open(h.db, h.clock),
    clock: h.clock,
    projector,
    regions,
    logger,
    afterAppend: () => projector.catchUp(),
  };
  return {
    h,
    app: buildRegistryApp(deps, h.verifier),
    deps,
    logs,
    appWith: (verifier) => buildRegistryApp(deps, verifier),
    close: () => h.close(),
  };
}
